# Raises: the component ends with exit value 1 and the message in its log.
def check(value)
  raise ArgumentError, "value #{value} is out of range" if value > 10
end

puts "checking"
check(42)
puts "not reached"
