/*
 * nitpicker: the GUI server (Genode's repos/os/src/server/nitpicker, its
 * config unchanged; docs/gui.md). Applications get Gui sessions: views
 * on a shared screen, each framed and labelled by who drew it, input
 * only for the focused client, no client seeing another's pixels, every
 * buffer paid by its client. A screen driver (fb_drv) takes the pixels
 * through a Capture session and gives the user's input through an Event
 * session.
 *
 *   <config focus="click">
 *     <capture/> <event/>
 *     <domain name="pointer" layer="1" content="client" label="no" origin="pointer"/>
 *     <domain name="default" layer="2" content="tinted" label="yes" focus="click" hover="always" color="#6699cc"/>
 *     <policy label_prefix="pointer" domain="pointer"/>
 *     <default-policy domain="default"/>
 *     <global-key name="KEY_F12" label="launchpad"/>
 *     <background color="#223344"/>
 *     <report focus="yes" hover="yes"/>
 *   </config>
 */

import {
  CAPTURE_SESSION_CAPS, CAPTURE_SESSION_RAM, Capture, EVENT_SESSION_CAPS, EVENT_SESSION_RAM, Event, GUI_SESSION_CAPS, GUI_SESSION_RAM,
  Gui, MAX_EVENT_BATCH, ServiceDenied, boundingBox, inputEvents, parseXml, sameArea, selectPolicy,
  type AttachedRom, type Capability, type Env, type Rect, type SignalContextCapability, type XmlNode,
} from 'nido';
import { parseColor } from '../../lib/gui/surface.js';
import { CaptureSession } from './capture_session.js';
import { DomainConfigError, domainOfLabel, domainScreenSize, readDomains, type Domain } from './domain.js';
import { GlobalKeyConfigError, readGlobalKeys, type GlobalKey } from './global_keys.js';
import { GuiSession } from './gui_session.js';
import { Reporter } from './reporter.js';
import { UserState, type UserStateChanges } from './user_state.js';
import type { View } from './view.js';
import { ViewStack } from './view_stack.js';

const DEFAULT_BACKGROUND = 0x000000;
/* Without a capture client to pace them, animations get frames from a timer at about 60 Hz. */
const SYNC_FALLBACK_MS = 16;

interface Settings {
  readonly config: XmlNode;
  readonly domains: Map<string, Domain>;
  readonly globalKeys: GlobalKey[];
  readonly background: number;
}

function readSettings(config: XmlNode): Settings {
  const colorText = config.child('background')?.attribute('color');
  const background = colorText === undefined ? DEFAULT_BACKGROUND : parseColor(colorText);
  if (background === undefined) throw new DomainConfigError(`<background color="${colorText}">: expected #rrggbb`);
  return { config, domains: readDomains(config), globalKeys: readGlobalKeys(config), background };
}

class Nitpicker {
  readonly stack = new ViewStack();
  readonly guiSessions = new Set<GuiSession>();
  readonly captureSessions = new Set<CaptureSession>();
  readonly syncHandlers = new Set<SignalContextCapability>();
  readonly #viewCapabilities = new Map<Capability, View>();
  readonly #reporter: Reporter;
  readonly user: UserState;
  #settings: Settings;
  #lastCapture = 0;
  #syncTimer: ReturnType<typeof setInterval> | undefined;

  constructor(readonly env: Env, settings: Settings) {
    this.#settings = settings;
    this.#reporter = new Reporter(env);
    this.user = new UserState(
      (point) => this.stack.viewAt(point),
      () => this.stack.screen,
      () => this.guiSessions,
      () => this.#settings.globalKeys,
    );
  }

  /** Opens the reports the config enables (before the services are announced: nitpicker pays for them from the start). */
  async openReports(): Promise<void> {
    await this.#reporter.configure(this.#settings.config);
  }

  get background(): number {
    return this.#settings.background;
  }

  /** A new config: domains, policies, keys, background and reports anew; sessions move to their domains. */
  reconfigure(settings: Settings): void {
    this.#settings = settings;
    void this.#reporter.configure(settings.config);
    for (const session of this.guiSessions) {
      const domain = domainOfLabel(settings.config, settings.domains, session.label);
      if (domain === undefined) {
        this.env.warning(`nitpicker: no policy for "${session.label}" in the new config: it keeps domain "${session.domain.name}"`);
        continue;
      }
      const before = domainScreenSize(session.domain, this.stack.screen);
      session.domain = domain;
      const after = domainScreenSize(domain, this.stack.screen);
      /* Only a new size is news: a client adapting to every config change would redraw for nothing. */
      if (!sameArea(before, after)) session.modeChanged();
    }
    for (const capture of this.captureSessions) {
      const policy = this.#capturePolicy(capture.label);
      if (policy !== undefined) capture.policy = policy;
    }
    this.stack.restack();
    this.panoramaChanged();
    this.damageAll();
  }

  #capturePolicy(label: string): XmlNode | undefined {
    const capture = this.#settings.config.child('capture');
    if (capture === undefined) return undefined;
    /* An empty <capture/> lets every client mirror the panorama from its origin. */
    if (capture.children('policy').length === 0 && capture.children('default-policy').length === 0) return capture;
    return selectPolicy(capture, label);
  }

  damage(rect: Rect): void {
    for (const capture of this.captureSessions) capture.damage(rect);
  }

  damageAll(): void {
    this.damage({ x: 0, y: 0, width: this.stack.screen.width, height: this.stack.screen.height });
  }

  /* Views changed: what they covered before and cover now is repainted; the pointer may hover another client now. */
  viewsChanged(areas: readonly Rect[]): void {
    this.stack.changed();
    for (const rect of areas) this.damage(rect);
    if (this.user.updateHover()) this.#report({ focus: false, hover: true, pointer: false, keys: false, clicked: false });
  }

  panoramaChanged(): void {
    const panorama = [...this.captureSessions].reduce<Rect>((box, capture) => boundingBox(box, capture.area), { x: 0, y: 0, width: 0, height: 0 });
    const size = { width: panorama.x + panorama.width, height: panorama.y + panorama.height };
    if (sameArea(size, this.stack.screen)) return;
    this.stack.screen = size;
    this.stack.changed();
    for (const session of this.guiSessions) session.modeChanged();
    for (const capture of this.captureSessions) capture.screenSizeChanged();
    this.damageAll();
    this.#report({ focus: false, hover: false, pointer: false, keys: false, clicked: false, displays: true });
  }

  captured(): void {
    this.#lastCapture = performance.now();
    for (const handler of this.syncHandlers) this.env.ep.submit(handler);
  }

  /* An animation wants frames: the capture clients pace them; without any, a timer does. */
  syncWanted(): void {
    for (const capture of this.captureSessions) capture.wake();
    if (this.#syncTimer !== undefined || this.syncHandlers.size === 0) return;
    this.#syncTimer = setInterval(() => {
      if (this.syncHandlers.size === 0) {
        clearInterval(this.#syncTimer);
        this.#syncTimer = undefined;
        return;
      }
      for (const capture of this.captureSessions) capture.wake();
      if (performance.now() - this.#lastCapture > 3 * SYNC_FALLBACK_MS) {
        for (const handler of this.syncHandlers) this.env.ep.submit(handler);
      }
    }, SYNC_FALLBACK_MS);
  }

  handleEvents(events: unknown): void {
    /* The batch's length first: a huge one is refused before each of its events is looked at. */
    if (Array.isArray(events) && events.length > MAX_EVENT_BATCH) {
      throw new RangeError(`Event session: at most ${MAX_EVENT_BATCH} events a batch, got ${events.length}`);
    }
    const checked = inputEvents(events, 'Event session');
    const focusedBefore = this.user.focused;
    const changes = this.user.handle(checked);
    if (this.user.focused !== focusedBefore) {
      /* Frames and tints show the focus: repaint. */
      this.stack.focused = this.user.focused;
      this.damageAll();
    }
    if (changes.pointer && this.#pointerDomains()) {
      /* Views of an origin="pointer" domain (a pointer shape) move with it. */
      const before = this.#pointerAreas();
      this.stack.pointer = this.user.pointer;
      this.stack.changed();
      this.viewsChanged([...before, ...this.#pointerAreas()]);
    }
    this.stack.pointer = this.user.pointer;
    this.#report(changes);
  }

  /* Whether any view moves with the pointer (a domain with origin="pointer"). */
  #pointerDomains(): boolean {
    return [...this.guiSessions].some((session) => session.domain.origin === 'pointer');
  }

  /* Where the views that move with the pointer are, and every label (one may move with them). */
  #pointerAreas(): Rect[] {
    const sessions = [...this.guiSessions].filter((session) => session.domain.origin === 'pointer');
    return [...sessions.map((session) => this.stack.ownerArea(session)), ...this.stack.labelRects()];
  }

  #report(changes: UserStateChanges & { displays?: boolean }): void {
    const owner = (g: { attribute(name: string, value: string): void }, session: GuiSession | undefined) => {
      if (session === undefined) return;
      g.attribute('label', session.label);
      g.attribute('domain', session.domain.name);
    };
    const active = this.user.pressed.size > 0;
    if (changes.focus) {
      this.#reporter.report('focus', (g) => {
        owner(g, this.user.focused as GuiSession | undefined);
        if (active && this.user.focused !== undefined) g.attribute('active', 'yes');
      });
    }
    if (changes.hover) {
      this.#reporter.report('hover', (g) => {
        owner(g, this.user.hovered as GuiSession | undefined);
        if (active) g.attribute('active', 'yes');
      });
    }
    if (changes.pointer) {
      this.#reporter.report('pointer', (g) => {
        g.attribute('xpos', this.user.pointer.x);
        g.attribute('ypos', this.user.pointer.y);
      });
    }
    if (changes.keys) {
      this.#reporter.report('keystate', (g) => {
        g.attribute('count', this.user.pressed.size);
        for (const key of this.user.pressed) g.node('pressed', (k) => k.attribute('key', key));
      });
    }
    if (changes.clicked) {
      this.#reporter.report('clicked', (g) => {
        owner(g, this.user.lastClicked as GuiSession | undefined);
        g.attribute('version', this.user.clickedCount);
      });
    }
    if (changes.displays === true) {
      this.#reporter.report('displays', (g) => {
        for (const capture of this.captureSessions) {
          g.node('display', (d) => {
            d.attribute('name', capture.label);
            d.attribute('xpos', capture.area.x);
            d.attribute('ypos', capture.area.y);
            d.attribute('width', capture.area.width);
            d.attribute('height', capture.area.height);
          });
        }
      });
    }
  }

  announce(): void {
    this.env.announce(Gui, (args) => {
      const domain = domainOfLabel(this.#settings.config, this.#settings.domains, args.label);
      if (domain === undefined) {
        this.env.warning(`nitpicker: no policy (or no domain of its policy) for Gui session "${args.label}"`);
        throw new ServiceDenied(`nitpicker: no policy for "${args.label}"`);
      }
      const session = new GuiSession(this.#guiContext(), args.label, domain, args.ramQuota, args.capQuota);
      this.guiSessions.add(session);
      return session.implementation();
    }, { ram: GUI_SESSION_RAM, caps: GUI_SESSION_CAPS });

    this.env.announce(Capture, (args) => {
      const policy = this.#capturePolicy(args.label);
      if (policy === undefined) {
        this.env.warning(`nitpicker: no capture policy for "${args.label}" (add <capture/> to the config)`);
        throw new ServiceDenied(`nitpicker: no capture policy for "${args.label}"`);
      }
      const session = new CaptureSession({
        env: this.env,
        stack: this.stack,
        background: () => this.background,
        panoramaChanged: () => this.panoramaChanged(),
        captured: () => this.captured(),
        sessionClosed: (closed) => {
          this.captureSessions.delete(closed);
          this.panoramaChanged();
        },
      }, args.label, policy, args.ramQuota);
      this.captureSessions.add(session);
      return session.implementation();
    }, { ram: CAPTURE_SESSION_RAM, caps: CAPTURE_SESSION_CAPS });

    this.env.announce(Event, (args) => {
      if (this.#settings.config.child('event') === undefined) {
        this.env.warning(`nitpicker: Event session "${args.label}" denied (add <event/> to the config)`);
        throw new ServiceDenied(`nitpicker: no <event/> in the config for "${args.label}"`);
      }
      return { submitBatch: (events: unknown) => this.handleEvents(events) };
    }, { ram: EVENT_SESSION_RAM, caps: EVENT_SESSION_CAPS });
  }

  #guiContext(): ConstructorParameters<typeof GuiSession>[0] {
    const context: ConstructorParameters<typeof GuiSession>[0] = {
      env: this.env,
      stack: this.stack,
      damage: (rect) => this.damage(rect),
      viewsChanged: (before) => this.viewsChanged(before),
      viewOfCapability: (cap) => this.#viewCapabilities.get(cap),
      registerViewCapability: (cap, view) => {
        this.#viewCapabilities.set(cap, view);
      },
      setSyncHandler: (previous, next) => {
        if (previous !== undefined) this.syncHandlers.delete(previous);
        if (next === undefined) return;
        this.syncHandlers.add(next);
        this.syncWanted();
      },
      sessionClosed: (session) => {
        this.guiSessions.delete(session);
        for (const [cap, view] of this.#viewCapabilities) if (view.owner === session) this.#viewCapabilities.delete(cap);
        const forgotten = this.user.forget(session);
        if (forgotten.focus) {
          this.stack.focused = this.user.focused;
          this.damageAll();
        }
        this.#report({ focus: forgotten.focus, hover: forgotten.hover, pointer: false, keys: false, clicked: false });
      },
    };
    return context;
  }
}

function settingsOf(env: Env, rom: AttachedRom): Settings | undefined {
  try {
    return readSettings(rom.xml);
  } catch (error) {
    /* A config nitpicker cannot use (bad XML, a bad domain or key) is said, never its crash. */
    if (error instanceof DomainConfigError || error instanceof GlobalKeyConfigError || error instanceof Error) {
      env.error(`nitpicker: config: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

export async function construct(env: Env): Promise<void> {
  const rom = await env.config();
  const settings = settingsOf(env, rom) ?? readSettings(parseXml('<config/>'));
  const nitpicker = new Nitpicker(env, settings);
  rom.onChange(() => {
    void rom.update().then(() => {
      const updated = settingsOf(env, rom);
      if (updated === undefined) env.warning('nitpicker: keeping the previous config');
      else nitpicker.reconfigure(updated);
    });
  });
  await nitpicker.openReports();
  nitpicker.announce();
}
