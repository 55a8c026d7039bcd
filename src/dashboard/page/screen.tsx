/*
 * The Screen view: core's screen (the Framebuffer and Input services of
 * `nido run --screen`) as a canvas scaled to fit, crisp. Click it to give
 * it the keyboard; the pointer goes to the screen wherever it is over it.
 * The canvas itself belongs to the store (screen_canvas.ts), which draws
 * every frame whether the view is shown or not.
 */

import { useEffect, useRef } from 'preact/hooks';
import type { Store } from './store.js';

export function Screen(props: { store: Store; version: number }) {
  const box = useRef<HTMLDivElement>(null);
  const screen = props.store.screen;
  useEffect(() => {
    const element = box.current;
    if (element === null || screen === undefined) return undefined;
    element.appendChild(screen.canvas);
    return () => screen.canvas.remove();
  }, [screen]);
  if (screen === undefined) return <div class="empty">No screen yet.</div>;
  /* Core's sessions, oldest first: the newest is on screen and has the input. */
  const atCore = (service: string) => props.store.sessions.filter((edge) => edge.server === 'core' && edge.service === service).at(-1);
  const shown = atCore('Framebuffer');
  const input = atCore('Input');
  return (
    <div class="screen">
      <div class="screen-bar">
        <span>{screen.width} × {screen.height}</span>
        <span class="screen-client">{shown === undefined ? 'no Framebuffer session: black' : `on screen: ${shown.client}`}</span>
        <span class="screen-client">{input === undefined ? 'no Input session' : `input to: ${input.client}`}</span>
        <span class="screen-hint">click the screen to type into it</span>
      </div>
      <div class="screen-box" ref={box} />
    </div>
  );
}
