import type { PeelDatabase } from './database';
import type { PersistenceResult } from './errors';
import type { QuotaGuard } from './quota-guard';

/** The only row that may ever hold the API key. Nothing else in the database stores it. */
const API_KEY_SETTING = 'gemini.apiKey';

/** Key/value preferences. The API key is stored only when the user chose "remember on this device". */
export class SettingsStore {
  /** Values read ahead by `prefetch`, each waiting for its one `get` (`found: false`: the read failed). */
  private readonly prefetched = new Map<
    string,
    Promise<{ found: true; value: unknown } | { found: false }>
  >();

  constructor(
    private readonly db: PeelDatabase,
    private readonly guard: QuotaGuard,
  ) {}

  /**
   * Reads these settings now, in one transaction; the next `get` of each takes its value from it.
   * The editor's start reads several settings from different places, and each read was its own
   * transaction (Dexie's work for each is a few ms while a big workflow opens). A prefetched value
   * serves one `get` only, and a `set` or `remove` of the key from here drops it, so a read never
   * returns something older than what this tab wrote; a failed read falls back to a `get` of its own.
   */
  prefetch(keys: readonly string[]): void {
    // Settled either way: a failure is a value here, so a key no get asks for rejects nothing.
    const rows = this.db.settings.bulkGet([...keys]).then(
      (found) => ({ ok: true as const, found }),
      () => ({ ok: false as const }),
    );
    keys.forEach((key, index) => {
      this.prefetched.set(
        key,
        rows.then((read) => (read.ok ? { found: true, value: read.found[index]?.value } : { found: false })),
      );
    });
  }

  /**
   * The next `get` of each key answers "not stored" without a read, for a caller that knows the
   * database holds none of them (the start, on a database its own open just created). Served and
   * dropped like a value read ahead.
   */
  prefetchAbsent(keys: readonly string[]): void {
    const absent = Promise.resolve({ found: true as const, value: undefined });
    for (const key of keys) this.prefetched.set(key, absent);
  }

  /** Values not asked for by now are not kept: a later read must see what other tabs wrote since. */
  dropPrefetched(): void {
    this.prefetched.clear();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const ahead = this.prefetched.get(key);
    if (ahead) {
      this.prefetched.delete(key);
      const read = await ahead;
      // A failed read ahead: read it now.
      if (read.found) return read.value as T | undefined;
    }
    const row = await this.db.settings.get(key);
    return row?.value as T | undefined;
  }

  async set(key: string, value: unknown): Promise<PersistenceResult<void>> {
    this.prefetched.delete(key);
    return this.guard.write(`setting "${key}"`, async () => {
      await this.db.settings.put({ key, value });
    });
  }

  async remove(key: string): Promise<PersistenceResult<void>> {
    this.prefetched.delete(key);
    return this.guard.write(`setting "${key}"`, () => this.db.settings.delete(key));
  }

  /** remember=false deletes any key stored earlier: unticking the box must forget it. */
  async saveApiKey(apiKey: string, remember: boolean): Promise<PersistenceResult<void>> {
    if (!remember) return this.remove(API_KEY_SETTING);
    this.prefetched.delete(API_KEY_SETTING);
    return this.guard.write('the API key', async () => {
      await this.db.settings.put({ key: API_KEY_SETTING, value: apiKey });
    });
  }

  async loadApiKey(): Promise<string | undefined> {
    const value = await this.get<unknown>(API_KEY_SETTING);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  async forgetApiKey(): Promise<PersistenceResult<void>> {
    return this.remove(API_KEY_SETTING);
  }
}
