/*
 * terminalOutput: the bytes that terminal_log prints on its Terminal for
 * one LOG write, as Genode's terminal_log prints them
 * (repos/os/src/server/terminal_log/main.cc, Termlog_component::write).
 *
 * Genode's LOG clients send one line per write, its line break included;
 * a Nido LOG write may hold several lines, and its last line break is
 * optional (src/session/log/interface.ts). So a write is cut into the
 * writes a Genode client would have sent, one per line, and each is
 * printed as Genode's server prints a write:
 *
 *   - `[label] `, then the text, then a line break if the text lacks one,
 *     then a carriage return (hardware terminals expect LF CR);
 *   - except a write that is nothing but a 4-byte escape sequence and its
 *     line break (the colour reset `ESC [ 0 m` that Genode's log console
 *     sends on its own after a warning or error): that goes out without
 *     the label and without the line break.
 *
 * Nothing is escaped: the Terminal gets the bytes as they are, colours
 * and all, as on Genode.
 */

const ESC = 0x1b;
const LINE_FEED = 0x0a;
const encoder = new TextEncoder();
const LINE_BREAK = encoder.encode('\n');
const CARRIAGE_RETURN = encoder.encode('\r');

/**
 * The lines of a write, each with its line break (the last one may lack
 * it), as Genode's clients would send them one by one. An empty write is
 * an empty line, as core's LOG shows it, and as Genode's `log("")` sends it.
 *
 *   genodeWrites('a\nb')  // ['a\n', 'b']
 */
export function genodeWrites(text: string): string[] {
  if (text === '') return ['\n'];
  return text.split(/(?<=\n)/);
}

/* One write printed as Genode's Termlog_component::write prints it. */
function printed(prefix: Uint8Array, write: Uint8Array): Uint8Array[] {
  if (write[0] === ESC && write.length === 5 && write[4] === LINE_FEED) return [write.subarray(0, 4)];
  const out = [prefix, write];
  if (write.length > 0 && write[write.length - 1] !== LINE_FEED) out.push(LINE_BREAK);
  out.push(CARRIAGE_RETURN);
  return out;
}

/**
 * The bytes one LOG write of the session labelled `label` puts on the
 * terminal, all in one array so that they reach it in one piece.
 *
 *   terminalOutput('app', 'hello')  // "[app] hello\n\r"
 */
export function terminalOutput(label: string, text: string): Uint8Array {
  const prefix = encoder.encode(`[${label}] `);
  const pieces = genodeWrites(text).flatMap((write) => printed(prefix, encoder.encode(write)));
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
