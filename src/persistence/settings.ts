import type { PeelDatabase } from './database';
import type { PersistenceResult } from './errors';
import type { QuotaGuard } from './quota-guard';

/** The only row that may ever hold the API key. Nothing else in the database stores it. */
const API_KEY_SETTING = 'gemini.apiKey';

/** Key/value preferences. The API key is stored only when the user chose "remember on this device". */
export class SettingsStore {
  constructor(
    private readonly db: PeelDatabase,
    private readonly guard: QuotaGuard,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.settings.get(key);
    return row?.value as T | undefined;
  }

  async set(key: string, value: unknown): Promise<PersistenceResult<void>> {
    return this.guard.write(`setting "${key}"`, async () => {
      await this.db.settings.put({ key, value });
    });
  }

  async remove(key: string): Promise<PersistenceResult<void>> {
    return this.guard.write(`setting "${key}"`, () => this.db.settings.delete(key));
  }

  /** remember=false deletes any key stored earlier: unticking the box must forget it. */
  async saveApiKey(apiKey: string, remember: boolean): Promise<PersistenceResult<void>> {
    if (!remember) return this.remove(API_KEY_SETTING);
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
