import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Readable, Transform } from 'node:stream';
import Papa from 'papaparse';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import {
  chunkDecoder,
  ENCODING_NAMES,
  encodingFromBom,
  looksLikeUtf16WithoutBom,
  type SpreadsheetEncoding,
  UTF16_NO_BOM,
  WINDOWS_1252_NOTE,
} from '../engine/spreadsheet/decode';
import { DELIMITER_NAMES, type Delimiter, detectDelimiter } from '../engine/spreadsheet/parse';
import { refusalOf, USER_FILE_LIMITS } from './read-user-file';

export type BatchRow = Record<string, string | string[]>;

/** A batch file checked and sniffed, ready to be read as a stream (as often as needed). */
export interface BatchFile {
  path: string;
  format: 'csv' | 'jsonl';
  encoding: SpreadsheetEncoding;
  bomLength: number;
  delimiter: Delimiter;
  /** Said once to the user (a file read as Windows-1252, a semicolon file). */
  notes: string[];
}

/** One row of the batch file, or why it cannot be used. `row` counts data rows from 1. */
export type BatchItem = { row: number; values: BatchRow } | { row: number; errors: PeelError[] };

const HEAD_BYTES = 64 * 1024;

const cannotRead = (path: string, reason: string): PeelError =>
  peelError('io', `${path}: cannot read the batch file (${reason})`);

/**
 * Checks the batch file (a regular file: never a FIFO or a device that would hang or grow forever),
 * and finds its encoding and delimiter without reading it whole.
 */
export async function openBatchFile(path: string): Promise<Result<BatchFile, PeelError[]>> {
  try {
    const info = await stat(path);
    // lstat-free stat is right here: a symlink to a regular file is fine, to a FIFO is not.
    const refusal = refusalOf(info, USER_FILE_LIMITS.batch);
    if (refusal) return err([cannotRead(path, refusal)]);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    return err([cannotRead(path, code === 'ENOENT' ? 'no such file' : String(cause))]);
  }
  const head = await readHead(path);
  const { encoding, bomLength } = encodingFromBom(head);
  if (bomLength === 0 && looksLikeUtf16WithoutBom(head)) return err([cannotRead(path, UTF16_NO_BOM)]);
  const notes: string[] = [];
  let finalEncoding = encoding;
  if (encoding === 'utf-8' && !(await isValidUtf8(path, bomLength))) {
    finalEncoding = 'windows-1252';
    notes.push(`${path}: ${WINDOWS_1252_NOTE}`);
  } else if (encoding !== 'utf-8') {
    notes.push(`${path}: read as ${ENCODING_NAMES[encoding]} (byte-order mark)`);
  }
  const format = /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'csv';
  const delimiter = detectDelimiter(chunkDecoder(finalEncoding)(head.subarray(bomLength)));
  if (format === 'csv' && delimiter !== ',')
    notes.push(`${path}: columns separated by ${DELIMITER_NAMES[delimiter]}s`);
  return ok({ path, format, encoding: finalEncoding, bomLength, delimiter, notes });
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One streaming pass with a strict decoder: any byte sequence that is not UTF-8 says no. */
async function isValidUtf8(path: string, start: number): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { start }))
      decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The file's text as a stream of strings, in its own encoding, without the BOM. */
function textStream(file: BatchFile): Readable {
  const decode = chunkDecoder(file.encoding);
  const transform = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      done(null, decode(chunk));
    },
    flush(done) {
      done(null, decode());
    },
  });
  return createReadStream(file.path, { start: file.bomLength }).pipe(transform);
}

/** Streams the rows: the file is never held whole, so a batch of any length reads in flat memory. */
export function readBatchItems(file: BatchFile): AsyncGenerator<BatchItem> {
  return file.format === 'jsonl' ? jsonlItems(file) : csvItems(file);
}

/** The CSV header (input names), read from the first lines only. */
export async function readCsvHeader(file: BatchFile): Promise<string[] | undefined> {
  for await (const cells of csvCells(file)) return cells.map((name) => name.trim());
  return undefined;
}

async function* csvCells(file: BatchFile): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: file.delimiter, skipEmptyLines: 'greedy' });
  const source = textStream(file);
  source.pipe(parser);
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield cells;
  } finally {
    source.destroy();
  }
}

async function* csvItems(file: BatchFile): AsyncGenerator<BatchItem> {
  let names: string[] | undefined;
  let row = 0;
  for await (const cells of csvCells(file)) {
    if (!names) {
      names = cells.map((name) => name.trim());
      continue;
    }
    row++;
    if (cells.length !== names.length) {
      yield {
        row,
        errors: [
          peelError(
            'invalid_input',
            `${file.path}: row ${row} has ${cells.length} fields; the header has ${names.length}`,
          ),
        ],
      };
      continue;
    }
    // No prototype: a column named "__proto__" is an own key (refused as unknown), never swallowed.
    const values = Object.create(null) as BatchRow;
    names.forEach((name, column) => {
      values[name] = cells[column] ?? '';
    });
    yield { row, values };
  }
}

async function* jsonlItems(file: BatchFile): AsyncGenerator<BatchItem> {
  const lines = createInterface({ input: textStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let row = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    row++;
    const parsed = parseJsonlRow(line);
    if (parsed.ok) yield { row, values: parsed.value };
    else
      yield {
        row,
        errors: [peelError('invalid_input', `${file.path}: line ${lineNumber}: ${parsed.error}`)],
      };
  }
}

function parseJsonlRow(line: string): Result<BatchRow, string> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    return err(cause instanceof Error ? cause.message : String(cause));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return err('not an object');
  const row = Object.create(null) as BatchRow;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string') row[key] = field;
    // A Pick's index written as a number ({"best": 3}); its input checks it like the text "3".
    else if (typeof field === 'number' && Number.isFinite(field)) row[key] = String(field);
    else if (Array.isArray(field) && field.every((item) => typeof item === 'string'))
      row[key] = field as string[];
    else return err(`"${key}" must be text, a number or a list of image paths`);
  }
  return ok(row);
}
