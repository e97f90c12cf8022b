/**
 * The contact sheet inside the editor: the same view as the CLI's OUT/index.html. Every output
 * image of the batch as a card (thumbnail, row, status, inputs, cost), then every failed row with
 * its reason; filter by status, search the inputs, click a thumbnail for the full image. Only the
 * lines in view are in the DOM, so a batch of any length stays fast. Texts are rendered as text.
 */
import { useEffect, useMemo, useRef } from 'react';
import { Thumb } from '../../node-ui/Thumb';
import { useViewStore } from '../../store/view-store';
import { filterRows, rowInputs, type StatusFilter } from './batch-filter';
import type { BatchTable } from './batch-rows';
import type { RowResult } from './batch-store';
import { elementCaption } from './row-elements';
import { useVirtualLines } from './use-virtual-rows';

/** Cards per line (the dialog is wide; batch.css keeps them this size). */
export const SHEET_COLUMNS = 4;
export const CARD_LINE_PX = 236;
export const FAILURE_LINE_PX = 64;

type SheetLine =
  | { kind: 'cards'; cards: Array<{ row: number; hash: string; image: number }> }
  | { kind: 'heading'; text: string }
  | { kind: 'failure'; row: number };

const HEADING_PX = 40;

function sheetLines(results: readonly RowResult[], shown: readonly number[]): SheetLine[] {
  const lines: SheetLine[] = [{ kind: 'heading', text: 'Images' }];
  let cards: Array<{ row: number; hash: string; image: number }> = [];
  for (const row of shown) {
    for (const [image, hash] of (results[row]?.images ?? []).entries()) {
      cards.push({ row, hash, image });
      if (cards.length === SHEET_COLUMNS) {
        lines.push({ kind: 'cards', cards });
        cards = [];
      }
    }
  }
  if (cards.length > 0) lines.push({ kind: 'cards', cards });
  lines.push({ kind: 'heading', text: 'Failed rows' });
  for (const row of shown) {
    const status = results[row]?.status;
    if (status === 'failed' || status === 'cancelled') lines.push({ kind: 'failure', row });
  }
  return lines;
}

const lineHeight = (line: SheetLine | undefined): number =>
  line?.kind === 'cards' ? CARD_LINE_PX : line?.kind === 'failure' ? FAILURE_LINE_PX : HEADING_PX;

export function ContactSheet({
  results,
  table,
  costs,
  status,
  search,
  onStatus,
  onSearch,
  onClose,
}: {
  results: readonly RowResult[];
  table: BatchTable | null;
  costs: readonly string[];
  status: StatusFilter;
  search: string;
  onStatus: (status: StatusFilter) => void;
  onSearch: (text: string) => void;
  onClose: () => void;
}) {
  const shown = useMemo(() => filterRows(results, table, status, search), [results, table, status, search]);
  const lines = useMemo(() => sheetLines(results, shown), [results, shown]);
  const imageCount = lines.reduce((sum, line) => sum + (line.kind === 'cards' ? line.cards.length : 0), 0);
  const failureCount = lines.filter((line) => line.kind === 'failure').length;
  const virtual = useVirtualLines(lines.length, (index) => lineHeight(lines[index]));
  const closeRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const open = (row: number, hash: string) =>
    useViewStore.setState({ viewer: { nodeId: `row ${row + 1}`, hash } });
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape (handled on the dialog) closes it from the keyboard.
    <div className="sheet-backdrop" role="presentation" onClick={onClose}>
      <div
        className="contact-sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Contact sheet"
        data-testid="contact-sheet"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !useViewStore.getState().viewer) {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <header>
          <strong>Contact sheet</strong>
          <span className="muted" data-testid="contact-sheet-counts">
            {imageCount} image{imageCount === 1 ? '' : 's'} · {failureCount} failed row
            {failureCount === 1 ? '' : 's'}
          </span>
          <button ref={closeRef} type="button" aria-label="Close contact sheet" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="sheet-controls">
          <fieldset className="segmented" aria-label="Show rows">
            {(
              [
                ['all', 'All'],
                ['ok', 'Succeeded'],
                ['failed', 'Failed'],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="sheet-status"
                  value={value}
                  checked={status === value}
                  data-testid={`sheet-filter-${value}`}
                  onChange={() => onStatus(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <input
            type="search"
            placeholder="Search the inputs"
            aria-label="Search the inputs"
            data-testid="sheet-search"
            value={search}
            onChange={(event) => onSearch(event.target.value)}
          />
        </div>
        <div ref={virtual.scrollRef} className="sheet-scroll" data-testid="sheet-scroll">
          {virtual.before > 0 && <div aria-hidden="true" style={{ height: virtual.before }} />}
          {virtual.lines.map((index) => {
            const line = lines[index] as SheetLine;
            if (line.kind === 'heading')
              return (
                <h3 key={`h${line.text}`} className="sheet-heading">
                  {line.text}
                </h3>
              );
            if (line.kind === 'failure') {
              const row = results[line.row] as RowResult;
              return (
                <div
                  key={`f${line.row}`}
                  className="sheet-failure"
                  data-testid={`sheet-failure-${line.row + 1}`}
                >
                  <span className="sheet-row">row {line.row + 1}</span>
                  <span className={`status s-${row.status}`}>{row.status}</span>
                  <span className="sheet-reason" title={row.error}>
                    {row.error ?? 'cancelled'}
                  </span>
                </div>
              );
            }
            return (
              <div key={`c${index}`} className="sheet-line">
                {line.cards.map((card) => {
                  const row = results[card.row] as RowResult;
                  const inputs = rowInputs(table, card.row);
                  const element = elementCaption(row.elements, card.hash);
                  return (
                    <figure
                      key={`${card.row}-${card.image}`}
                      className="sheet-card"
                      data-status={row.status}
                      data-testid={`sheet-card-${card.row + 1}-${card.image + 1}`}
                    >
                      <button
                        type="button"
                        className="sheet-thumb"
                        title="Open the full image"
                        onClick={() => open(card.row, card.hash)}
                      >
                        <Thumb hash={card.hash} alt={`row ${card.row + 1} image ${card.image + 1}`} />
                      </button>
                      <figcaption>
                        <span className="sheet-row">row {card.row + 1}</span>
                        {element ? (
                          <span
                            className="sheet-element"
                            data-testid={`sheet-element-${card.row + 1}-${card.image + 1}`}
                          >
                            {element}
                          </span>
                        ) : null}
                        <span className={`status s-${row.status}`}>{row.status}</span>
                        <span className="sheet-cost">{costs[card.row]}</span>
                        <span
                          className="sheet-inputs"
                          title={inputs.map(([name, value]) => `${name}: ${value}`).join('\n')}
                        >
                          {inputs.map(([name, value]) => `${name}: ${value}`).join(' · ')}
                        </span>
                      </figcaption>
                    </figure>
                  );
                })}
              </div>
            );
          })}
          {virtual.after > 0 && <div aria-hidden="true" style={{ height: virtual.after }} />}
        </div>
      </div>
    </div>
  );
}
