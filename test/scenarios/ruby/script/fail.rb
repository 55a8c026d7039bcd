# Raises: the at_exit block runs, then Ruby's report of the exception;
# the component ends with exit value 1.
def check(value)
  raise ArgumentError, "value #{value} is out of range" if value > 10
end

at_exit { puts "at exit" }
puts "checking"
check(42)
puts "not reached"
