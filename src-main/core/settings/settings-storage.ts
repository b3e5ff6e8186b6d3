/** Where the settings document lives: electron-store in the app, a plain JSON file in Node and tests. */
export interface SettingsStorage {
  /** `missing` on first run; `unreadable` when the file exists but is not JSON or cannot be read. */
  load(): Promise<{ kind: 'missing' } | { kind: 'loaded'; data: unknown } | { kind: 'unreadable'; reason: string }>;
  save(data: unknown): Promise<void>;
  /** Moves the current file aside under a dated name and returns where it went. */
  backup(tag: string, at: Date): Promise<string>;
}

/** `settings.json` -> `settings.corrupt-2026-11-29T23-40-00.json`: sortable, and safe in every file system. */
export function backupName(fileName: string, tag: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, '').replaceAll(':', '-');
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  return `${stem}.${tag}-${stamp}${ext}`;
}
