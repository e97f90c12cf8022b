import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { embedWorkflowText } from '../engine/image/embedded-workflow';
import type { ExportFile } from '../engine/node-definition';
import { writeFileAtomic } from './atomic-write';

export const EXTENSION_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Writes export files under one folder. Nothing is overwritten silently: a name already used in
 * this run, or an existing different file, gets a numeric suffix and a warning.
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
    for (let attempt = 1; ; attempt++) {
      const name = attempt === 1 ? `${baseName}.${extension}` : `${baseName}-${attempt}.${extension}`;
      if (this.used.has(name)) continue;
      const path = join(this.outDir, name);
      const existing = await readFile(path).then(
        (data) => new Uint8Array(data),
        () => undefined,
      );
      if (existing && !sameBytes(existing, bytes)) continue;
      this.used.add(name);
      if (attempt > 1)
        this.warn(
          `${baseName}.${extension} is taken; wrote ${name} (add {row} or {n} to the filename template to tell files apart)`,
        );
      if (!existing) await writeFileAtomic(path, bytes);
      return name;
    }
  }
}
