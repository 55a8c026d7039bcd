/*
 * The rows of a long list that are in sight: the list is a box of
 * rowHeight per row, and only rows first..last (with OVERSCAN more on
 * either side) go into the DOM. The log view and the tree use it, so that
 * 100,000 lines or 1,000 components scroll and update as fast as ten.
 */

import { useEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 5;

export interface VisibleRows {
  /** The scrolling box: its ref and its scroll handler. */
  readonly box: { current: HTMLDivElement | null };
  readonly onScroll: (event: Event) => void;
  /** Tells the scroll position when it was set by code (following the log's end). */
  readonly scrolled: (top: number) => void;
  readonly first: number;
  readonly last: number;
}

export function useVisibleRows(rowHeight: number, count: number): VisibleRows {
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return {
    box,
    onScroll: (event) => setTop((event.currentTarget as HTMLDivElement).scrollTop),
    scrolled: setTop,
    first: Math.max(0, Math.floor(top / rowHeight) - OVERSCAN),
    last: Math.min(count, Math.ceil((top + height) / rowHeight) + OVERSCAN),
  };
}
