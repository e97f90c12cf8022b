import Papa from 'papaparse';

/** Delimiters spreadsheets write: comma, semicolon (Excel in most European locales), tab (a paste). */
export type Delimiter = ',' | ';' | '\t';

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * The delimiter a header line uses. Header cells are input names, which hold none of the three,
 * so the one that occurs most in the first line is the one; a single column falls back to comma.
 */
export function detectDelimiter(text: string): Delimiter {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t'] as const) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export interface SpreadsheetTable {
  delimiter: Delimiter;
  /** Rows of cells, the header first; blank lines dropped. */
  rows: string[][];
}

/** Parses delimited text (CSV, semicolon-separated, a tab-separated paste) with papaparse. */
export function parseSpreadsheet(text: string): SpreadsheetTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: 'greedy' });
  return { delimiter, rows: parsed.data };
}

/** Rows of cells, the header first (what the hand-written parser returned). */
export const parseCsv = (text: string): string[][] => parseSpreadsheet(text).rows;
