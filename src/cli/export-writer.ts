import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { embedWorkflowText } from '../engine/image/embedded-workflow';
import type { ExportFile } from '../engine/node-definition';
import { publishExclusive, withTempFile } from './atomic-write';

export const EXTENSION_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Writes export files under one folder. Nothing is overwritten, silently or not: a name already
 * used in this run, or taken by an existing different file (written earlier, or right now by
 * another process on the same folder), gets the next free numeric suffix and a warning.
 */
export class ExportWriter {
  private readonly used = new Set<string>();
  private ready: Promise<unknown> | undefined;

  constructor(
    readonly outDir: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Returns the written file names, relative to the output folder. */
  async write(files: ExportFile[], workflowText: string | undefined): Promise<string[]> {
    this.ready ??= mkdir(this.outDir, { recursive: true });
    await this.ready;
    const written: string[] = [];
    for (const file of files) {
      const extension = EXTENSION_BY_TYPE[file.image.mimeType] ?? 'bin';
      let bytes = file.image.bytes;
      if (workflowText !== undefined) {
        const embedded = embedWorkflowText(bytes, workflowText);
        if (embedded.ok) bytes = embedded.value;
        else this.warn(`${file.baseName}.${extension}: workflow not embedded (${embedded.error.message})`);
      }
      written.push(await this.writeUnique(file.baseName, extension, bytes));
    }
    return written;
  }

  private async writeUnique(baseName: string, extension: string, bytes: Uint8Array): Promise<string> {
    // A short temp name: a file name near the 255-byte limit must not fail for its temp file.
    return withTempFile(this.outDir, 'peel-export', bytes, async (temp) => {
      for (let attempt = 1; ; attempt++) {
        const name = attempt === 1 ? `${baseName}.${extension}` : `${baseName}-${attempt}.${extension}`;
        if (this.used.has(name)) continue;
        const path = join(this.outDir, name);
        let existing = await readBytes(path);
        if (existing === undefined) {
          // Exclusive: if another process published this name since we looked, nothing is replaced.
          if ((await publishExclusive(temp, path)) === 'published')
            return this.claim(name, baseName, extension);
          existing = await readBytes(path);
        }
        // The very same bytes already there (a re-run into the same folder): that file is ours too.
        if (existing && sameBytes(existing, bytes)) return this.claim(name, baseName, extension);
      }
    });
  }

  private claim(name: string, baseName: string, extension: string): string {
    this.used.add(name);
    if (name !== `${baseName}.${extension}`)
      this.warn(
        `${baseName}.${extension} is taken; wrote ${name} (add {row} or {n} to the filename template to tell files apart)`,
      );
    return name;
  }
}

const readBytes = (path: string): Promise<Uint8Array | undefined> =>
  readFile(path).then(
    (data) => new Uint8Array(data),
    () => undefined,
  );
