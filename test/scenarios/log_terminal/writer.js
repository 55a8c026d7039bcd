// Writes to a Terminal session in pieces that do not follow lines, then
// reports what the terminal says about input and size.
import { Terminal } from 'nido';

export async function construct(env) {
  const terminal = await env.connect(Terminal, { label: 'console' });
  const encoder = new TextEncoder();
  const write = (text) => terminal.client.write(encoder.encode(text));
  await write('Hello terminal\n');
  await write('split ');
  await write('line\r\n');
  await write('first\nsecond\ngrüße ');
  await write('✓\nbye');
  const bytes = await terminal.client.read(100);
  const size = await terminal.client.size();
  env.log(`read ${bytes.length} bytes, avail ${await terminal.client.avail()}, eof ${await terminal.client.eof()}, size ${size.columns}x${size.rows}`);
  /* The unterminated "bye" comes out when the session closes. */
  await terminal.close();
  env.log('writer done');
}
