# Loaded with require_relative from files.rb, out of the same tar archive.
module Greeting
  def self.line(greeting, name)
    "#{greeting}, #{name}!"
  end
end
