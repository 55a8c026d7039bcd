# Reads a file of the tar archive, writes new files into ram_fs (through
# the fs plugin) and into the component's <ram/>, and reads them back.
require_relative "lib/greeting"

puts "ruby #{RUBY_VERSION} in #{Dir.pwd}"
puts Greeting.line(ENV.fetch("GREETING"), ARGV.first)

motd = File.read("motd.txt")
puts "motd: #{motd.chomp}"
puts "seed: #{File.read("/data/seed.txt")}"

File.write("/data/note.txt", "#{motd.upcase}written by #{$0}\n")
File.open("/data/note.txt", "a") { |file| file.puts "appended" }
puts "note: #{File.read("/data/note.txt").lines.map(&:chomp).join(" | ")}"
puts "data: #{Dir.children("/data").sort.join(",")}"

File.write("/tmp/scratch.txt", "x" * 100_000)
puts "scratch: #{File.size("/tmp/scratch.txt")}"
File.delete("/tmp/scratch.txt")
puts "scratch gone: #{!File.exist?("/tmp/scratch.txt")}"

begin
  File.write("motd.txt", "overwritten")
rescue SystemCallError => error
  puts "tar is read-only: #{error.class}"
end
