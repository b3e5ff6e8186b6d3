import { readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeJsonAtomic } from '../../base/atomic-file';
import { backupName, type SettingsStorage } from './settings-storage';

/** Settings in a JSON file, written atomically; used by the preview and by tests against a real folder. */
export class JsonFileSettingsStorage implements SettingsStorage {
  constructor(readonly path: string) {}

  async load(): ReturnType<SettingsStorage['load']> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unreadable', reason: (error as Error).message };
    }
    try {
      // Some Windows editors save UTF-8 with a byte-order mark; it is not part of the JSON (electron-store's conf skips it too).
      return { kind: 'loaded', data: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
    } catch (error) {
      return { kind: 'unreadable', reason: (error as Error).message };
    }
  }

  save(data: unknown): Promise<void> {
    return writeJsonAtomic(this.path, data);
  }

  async backup(tag: string, at: Date): Promise<string> {
    const target = join(dirname(this.path), backupName(basename(this.path), tag, at));
    await rename(this.path, target);
    return target;
  }
}
