/*
 * Terminal settings as a program sees them through tcgetattr/tcsetattr:
 * Linux's struct termios (musl's layout, 60 bytes) and the flags noux's
 * line discipline acts on. The defaults are Linux's for a new terminal
 * (`stty sane`): canonical input with echo, CR read as NL, NL written as
 * CR NL, Ctrl-C, Ctrl-\, Ctrl-Z as signals.
 */

export const TERMIOS_SIZE = 60;

export const Iflag = { INLCR: 0o100, IGNCR: 0o200, ICRNL: 0o400, IXON: 0o2000, IUTF8: 0o40000 } as const;
export const Oflag = { OPOST: 0o1, ONLCR: 0o4 } as const;
export const Lflag = { ISIG: 0o1, ICANON: 0o2, ECHO: 0o10, ECHOE: 0o20, ECHOK: 0o40, ECHONL: 0o100, NOFLSH: 0o200, TOSTOP: 0o400, ECHOCTL: 0o1000, ECHOKE: 0o4000, IEXTEN: 0o100000 } as const;
export const Cc = { VINTR: 0, VQUIT: 1, VERASE: 2, VKILL: 3, VEOF: 4, VTIME: 5, VMIN: 6, VSUSP: 10, VEOL: 11, VWERASE: 14, VLNEXT: 15 } as const;

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: Uint8Array;
  ispeed: number;
  ospeed: number;
}

const B38400 = 0o17;
const CS8 = 0o60;
const CREAD = 0o200;

export function defaultTermios(): Termios {
  const cc = new Uint8Array(32);
  cc[Cc.VINTR] = 3;
  cc[Cc.VQUIT] = 0x1c;
  cc[Cc.VERASE] = 0x7f;
  cc[Cc.VKILL] = 0x15;
  cc[Cc.VEOF] = 4;
  cc[Cc.VMIN] = 1;
  cc[Cc.VSUSP] = 0x1a;
  cc[Cc.VWERASE] = 0x17;
  cc[Cc.VLNEXT] = 0x16;
  return {
    iflag: Iflag.ICRNL | Iflag.IXON | Iflag.IUTF8,
    oflag: Oflag.OPOST | Oflag.ONLCR,
    cflag: B38400 | CS8 | CREAD,
    lflag: Lflag.ISIG | Lflag.ICANON | Lflag.ECHO | Lflag.ECHOE | Lflag.ECHOK | Lflag.ECHOCTL | Lflag.ECHOKE | Lflag.IEXTEN,
    line: 0,
    cc,
    ispeed: B38400,
    ospeed: B38400,
  };
}

export function encodeTermios(t: Termios): Uint8Array {
  const bytes = new Uint8Array(TERMIOS_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, t.iflag, true);
  view.setUint32(4, t.oflag, true);
  view.setUint32(8, t.cflag, true);
  view.setUint32(12, t.lflag, true);
  bytes[16] = t.line;
  bytes.set(t.cc, 17);
  view.setUint32(52, t.ispeed, true);
  view.setUint32(56, t.ospeed, true);
  return bytes;
}

export function decodeTermios(bytes: Uint8Array): Termios {
  const view = new DataView(bytes.buffer, bytes.byteOffset, TERMIOS_SIZE);
  return {
    iflag: view.getUint32(0, true),
    oflag: view.getUint32(4, true),
    cflag: view.getUint32(8, true),
    lflag: view.getUint32(12, true),
    line: bytes[16] ?? 0,
    cc: bytes.slice(17, 49),
    ispeed: view.getUint32(52, true),
    ospeed: view.getUint32(56, true),
  };
}
