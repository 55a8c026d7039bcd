# Run by examples/ruby/config: Ruby on Nido's C runtime, every file
# below on the component's VFS.
name = ARGV.first || "world"
puts "Hello, #{name}! This is Ruby #{RUBY_VERSION} (#{RUBY_PLATFORM})."

# /scripts is a File_system session at ram_fs, /home the component's own RAM.
File.write("#{Dir.home}/visits.txt", "#{name} was here\n")
puts "wrote #{Dir.home}/visits.txt: #{File.read("#{Dir.home}/visits.txt").chomp}"
File.write("greeting.txt", "Hello from #{__FILE__}\n")
puts "files in #{Dir.pwd}: #{Dir.children(".").sort.join(", ")}"

require "json"
puts JSON.generate({ ruby: RUBY_VERSION, primes: (2..30).select { |n| (2..Math.sqrt(n)).none? { |d| (n % d).zero? } } })
