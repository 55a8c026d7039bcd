// A line editor on a Terminal: echoes typed characters (the terminal is
// raw: nobody else does), erases with Backspace, answers each line with
// "echo: LINE", shows Ctrl-C as ^C, and follows the terminal's size.
import { Terminal } from 'nido';

export async function construct(env) {
  const terminal = await env.connect(Terminal, { label: 'console' });
  const t = terminal.client;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const show = (text) => t.write(encoder.encode(text));

  const sizeText = (size) => `${size.columns}x${size.rows}`;
  let line = '';
  let size = await t.size();
  env.log(`size ${sizeText(size)}`);
  await show(`echo on a ${sizeText(size)} terminal\r\n> `);

  t.sizeChangedSigh(env.ep.signalHandler(async () => {
    size = await t.size();
    env.log(`size changed to ${sizeText(size)}`);
    await show(`\r\nnow ${sizeText(size)}\r\n> ${line}`);
  }));

  const handle = async (text) => {
    for (const c of text) {
      if (c === '\r' || c === '\n') {
        env.log(`line "${line}"`);
        await show(`\r\necho: ${line}\r\n> `);
        line = '';
      } else if (c === '\x03') {
        env.log('got Ctrl-C');
        line = '';
        await show('^C\r\n> ');
      } else if (c === '\x7f' || c === '\b') {
        if (line.length > 0) {
          line = line.slice(0, -1);
          await show('\b \b');
        }
      } else {
        line += c;
        await show(c);
      }
    }
  };

  /* One reader at a time; a signal during a read makes it read again. */
  let reading = false;
  let again = false;
  let ended = false;
  const drain = async () => {
    again = true;
    if (reading) return;
    reading = true;
    while (again) {
      again = false;
      for (let bytes = await t.read(64); bytes.length > 0; bytes = await t.read(64)) {
        await handle(decoder.decode(bytes, { stream: true }));
      }
      if (!ended && await t.eof()) {
        ended = true;
        env.log(`end of input${line === '' ? '' : ` after "${line}"`}`);
      }
    }
    reading = false;
  };
  t.readAvailSigh(env.ep.signalHandler(() => void drain()));
  env.log('ready');
}
