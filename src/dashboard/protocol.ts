/*
 * What core's dashboard and its page say to each other over the live
 * channel (a WebSocket, JSON text frames, and binary frames for the
 * screen's pixels). Shared by the server (src/dashboard/) and the page
 * (src/dashboard/page/): plain data, no imports.
 */

/*
 * A binary frame from core to the page is one rectangle of the screen:
 * a header of SCREEN_HEADER_WORDS little-endian 32-bit words (kind,
 * sequence number, x, y, width, height), then the rectangle's
 * width * height pixels, row after row, as the Framebuffer has them
 * (0x00RRGGBB): either each pixel (kind SCREEN_RECT) or, where that is
 * smaller, runs of equal pixels as pairs of words (kind SCREEN_RUNS:
 * count, pixel; a run may go on into the next row). The page draws it and
 * answers `screen-ack` with the sequence number: core sends a page no
 * more than about two screens' worth of pixels it has not acknowledged,
 * and keeps what changed meanwhile as a dirty region
 * (src/dashboard/screen_stream.ts).
 */
export const SCREEN_RECT = 1;
export const SCREEN_RUNS = 2;
export const SCREEN_HEADER_WORDS = 6;
export const SCREEN_HEADER_BYTES = SCREEN_HEADER_WORDS * 4;

export interface Quota {
  readonly quota: number;
  readonly used: number;
  readonly avail: number;
}

/** One protection domain: a component, a noux process, a loader's subsystem. */
export interface ComponentInfo {
  /** Core's PD number: a restarted child is a new component. */
  readonly id: number;
  /** Its label at core: "init -> noux -> 2". */
  readonly label: string;
  readonly state: 'starting' | 'alive' | 'exited' | 'crashed' | 'closed';
  /** How it ended (state exited or crashed). */
  readonly exit?: { readonly code: number; readonly message: string };
  readonly ram: Quota;
  readonly caps: Quota;
  /** What its parent's config assigned (from the parent init's state report, if it reports child_ram/child_caps). */
  readonly assigned?: { readonly ram?: number; readonly caps?: number };
  /** Milliseconds since the system booted: asked for (PD created), started, first LOG line, ended. */
  readonly times: { readonly requested: number; readonly started?: number; readonly firstLog?: number; readonly ended?: number };
  /** RAM used over time: [ms since boot, bytes] pairs, oldest first (only in snapshots; updates add one point). */
  readonly history?: readonly (readonly [number, number])[];
}

/** A session: who is the client of whom, for which service and label, paid with what. */
export interface SessionEdge {
  readonly service: string;
  /** The label the server sees. */
  readonly label: string;
  /** Component labels; "core" for core's services. */
  readonly client: string;
  readonly server: string;
  readonly ram: number;
  readonly caps: number;
  readonly state?: string;
}

export interface LogLine {
  readonly seq: number;
  /** ms since boot */
  readonly time: number;
  /** The label in brackets, "" for core's own lines. */
  readonly label: string;
  /** The text after the label, with Genode's colour sequences. */
  readonly text: string;
}

export interface ConfigError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A config line range (1-based, inclusive) that decided a component's routes. */
export interface RouteLines {
  readonly component: string;
  readonly service: string;
  readonly first: number;
  readonly last: number;
}

export type ServerMessage =
  | { readonly t: 'hello'; readonly name: string; readonly bootedAt: number; readonly config: string; readonly ended?: number }
  | { readonly t: 'components'; readonly changed: readonly ComponentInfo[]; readonly removed: readonly number[]; readonly time: number }
  | { readonly t: 'sessions'; readonly sessions: readonly SessionEdge[]; readonly routes: readonly RouteLines[] }
  | { readonly t: 'log'; readonly lines: readonly LogLine[] }
  | { readonly t: 'terminal-open'; readonly id: number; readonly label: string }
  /** Output as base64 (the bytes a client wrote, escape sequences included). */
  | { readonly t: 'terminal-output'; readonly id: number; readonly data: string }
  | { readonly t: 'terminal-closed'; readonly id: number }
  | { readonly t: 'config'; readonly config: string }
  | { readonly t: 'result'; readonly request: number; readonly ok: boolean; readonly message: string; readonly errors?: readonly ConfigError[] }
  | { readonly t: 'ended'; readonly code: number }
  /** The screen's size; its pixels follow as binary frames, all of it first. */
  | { readonly t: 'screen'; readonly width: number; readonly height: number };

/** An input event as Genode's Input::Event has it (src/session/input/event.ts; core checks each). */
export type ScreenEvent =
  | { readonly type: 'press'; readonly key: string; readonly codepoint?: number }
  | { readonly type: 'release'; readonly key: string }
  | { readonly type: 'absolute_motion' | 'wheel'; readonly x: number; readonly y: number };

export type PageMessage =
  | { readonly t: 'terminal-input'; readonly id: number; readonly data: string }
  | { readonly t: 'terminal-resize'; readonly id: number; readonly columns: number; readonly rows: number }
  | { readonly t: 'apply-config'; readonly request: number; readonly config: string }
  | { readonly t: 'kill'; readonly request: number; readonly component: number }
  | { readonly t: 'restart'; readonly request: number; readonly label: string }
  /** Keyboard and pointer on the screen's canvas, for core's Input service. */
  | { readonly t: 'screen-input'; readonly events: readonly ScreenEvent[] }
  /** The binary frame with this sequence number (and every one before) is drawn. */
  | { readonly t: 'screen-ack'; readonly seq: number };
