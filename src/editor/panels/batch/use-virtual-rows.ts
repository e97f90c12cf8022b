/**
 * Renders only the lines in view of a scroll container, with @tanstack/react-virtual (headless, so
 * the table and the card grid keep their own markup and design tokens). Lines have a fixed height
 * (set in batch.css), so nothing is measured and nothing jumps while scrolling. Short lists are
 * rendered whole: they cost nothing and stay searchable with the browser's find.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useRef } from 'react';

/** Below this many lines, every line is rendered. */
export const VIRTUALIZE_FROM = 100;

export interface VirtualLines {
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Line indices to render. */
  lines: number[];
  /** Empty space above and below the rendered lines (px), which keeps the scrollbar true. */
  before: number;
  after: number;
  virtual: boolean;
}

export function useVirtualLines(
  count: number,
  lineHeight: number | ((index: number) => number),
): VirtualLines {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtual = count >= VIRTUALIZE_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? count : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: typeof lineHeight === 'number' ? () => lineHeight : lineHeight,
    overscan: 6,
  });
  if (!virtual)
    return { scrollRef, lines: Array.from({ length: count }, (_, i) => i), before: 0, after: 0, virtual };
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const total = virtualizer.getTotalSize();
  return {
    scrollRef,
    lines: items.map((item) => item.index),
    before: first ? first.start : 0,
    after: last ? total - last.end : total,
    virtual,
  };
}
