/*
 * The Ruby code that runs the main program once ruby-init has set up the
 * interpreter (see command_line.ts): it takes the program out of ARGV,
 * runs it at the top level, and answers the exit status `ruby` would end
 * with.
 *
 * What ruby's main and ruby_cleanup would do, the reactor has no export
 * for, so the runner does it: an uncaught exception is status 1 and is
 * printed to $stderr as Ruby's error printer does
 * (`hello.rb:3:in 'greet': boom (RuntimeError)`, without the runner's
 * frames); `exit`/`abort` give their status; `at_exit` blocks run at the
 * end, newest first (minitest/autorun needs them); `exit!` ends at once
 * with its status; $stdout, which Ruby buffers, is flushed.
 *
 * The runner is a lambda, so that its locals do not become the program's.
 */

import type { RubyProgram } from './command_line.js';

const MAIN: Readonly<Record<RubyProgram, string>> = {
  /* `load` searches $LOAD_PATH for a bare name; "./" keeps it to the file (and __FILE__ == $0 holds). */
  script: `
      script = ARGV.shift
      script = "./" + script unless script.start_with?("/", "./", "../")
      unless File.file?(script)
        $stderr.write("ruby: No such file or directory -- #{script} (LoadError)\\n")
        exit 1
      end
      $0 = script
      load(script)`,
  inline: `
      TOPLEVEL_BINDING.eval(ARGV.shift, "-e", 1)`,
  stdin: `
      $0 = "-"
      TOPLEVEL_BINDING.eval($stdin.read, "-", 1)`,
  none: '',
};

/** The Ruby source that runs `program` and evaluates to the exit status (an Integer). */
export function runnerSource(program: RubyProgram): string {
  return `-> {
  exit_procs = []
  register = ->(block) {
    raise ArgumentError, "called without a block" unless block
    exit_procs.push(block)
    block
  }
  # exit! would end the interpreter through proc_exit, under the driver's feet: it unwinds to the runner
  # instead, past every rescue but one of Exception itself, and skips the at_exit blocks.
  exit_now = Class.new(Exception) do
    attr_reader :status
    def initialize(status) = super("exit!").tap { @status = status }
  end
  exit_bang = ->(status = false) { raise exit_now.new(status == true ? 0 : status == false ? 1 : Integer(status)) }

  # Replaced quietly: under -v or -w Ruby would warn of the redefinitions.
  verbose, $VERBOSE = $VERBOSE, nil
  Kernel.module_eval do
    define_method(:at_exit) { |&block| register.(block) }
    define_method(:exit!) { |*status| exit_bang.(*status) }
    private :at_exit, :exit!
  end
  Kernel.define_singleton_method(:at_exit) { |&block| register.(block) }
  Kernel.define_singleton_method(:exit!) { |*status| exit_bang.(*status) }
  Process.define_singleton_method(:exit!) { |*status| exit_bang.(*status) }
  $VERBOSE = verbose

  report = ->(error) {
    $stdout.flush rescue nil
    # The runner's own frames (file "eval", outermost) are no part of the program's backtrace.
    own = (error.backtrace || []).take_while { |frame| !frame.start_with?("eval:") }
    if own.empty?
      $stderr.write("ruby: #{error.message} (#{error.class})\\n")
    else
      error.set_backtrace(own)
      $stderr.write(error.full_message(highlight: false))
    end
  }
  run = ->(&block) do
    block.call
    nil
  rescue SystemExit => ended
    ended.status
  rescue exit_now
    raise
  rescue Exception => error
    error
  end

  begin
    # nil: the program ran to its end; an Integer: it exited with that status; else what it raised.
    outcome = run.() {${MAIN[program]}
    }
    status = outcome.is_a?(Integer) ? outcome : 0
    error = outcome.is_a?(Exception) ? outcome : nil
    until exit_procs.empty?
      ended = run.(&exit_procs.pop)
      if ended.is_a?(Integer)
        # An at_exit block that exits decides the status, as in ruby.
        status = ended
        error = nil
      elsif ended
        report.(ended)
        status = 1
      end
    end
    if error
      report.(error)
      status = 1
    end
    status
  rescue exit_now => now
    now.status
  ensure
    $stdout.flush rescue nil
    $stderr.flush rescue nil
  end
}.call`;
}
