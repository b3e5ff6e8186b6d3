import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION } from '../../contract/settings';
import { ManualClock } from '../clock';
import { DomainError } from '../domain-error';
import { JsonFileSettingsStorage } from './json-file-storage';
import { defaultSettings, SettingsService } from './settings-service';

// Real files in a temp folder: the same storage the preview uses (the app uses electron-store over the same
// interface, which needs Electron and is covered by e2e/electron).
let folder: string;
let path: string;
const clock = new ManualClock(Date.UTC(2026, 10, 29, 23, 40, 0));
const open = () => SettingsService.open(new JsonFileSettingsStorage(path), clock);
const onDisk = async () => JSON.parse(await readFile(path, 'utf8')) as unknown;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'stillroom-settings-'));
  path = join(folder, 'settings.json');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('SettingsService', () => {
  it('starts with defaults on first run and saves them', async () => {
    const service = await open();
    expect(service.state()).toEqual({ settings: defaultSettings(), notice: { kind: 'browser-policies' } });
    expect(await onDisk()).toEqual(defaultSettings());
    expect(defaultSettings().session.defaultMinutes).toBe(90);
  });

  it('survives a corrupt file: defaults, a dated backup with the exact bad bytes, and a notice', async () => {
    const garbage = '{"schemaVersion": 1, "appearance": {"theme": "dark"';
    await writeFile(path, garbage);
    const service = await open();
    const { notice, settings } = service.state();
    expect(settings).toEqual(defaultSettings());
    expect(notice).toMatchObject({ kind: 'recovered-corrupt', backupPath: join(folder, 'settings.corrupt-2026-11-29T23-40-00.json') });
    expect(await readFile(join(folder, 'settings.corrupt-2026-11-29T23-40-00.json'), 'utf8')).toBe(garbage);
    expect(await onDisk()).toEqual(defaultSettings());
  });

  it('reads a file that begins with a UTF-8 byte-order mark (as some Windows editors save it), keeping every value', async () => {
    const chosen = { ...defaultSettings(), appearance: { ...defaultSettings().appearance, theme: 'dark' as const } };
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(chosen, null, 2))]));
    const service = await open();
    expect(service.state()).toEqual({ settings: chosen, notice: { kind: 'browser-policies' } });
    expect(await readdir(folder)).toEqual(['settings.json']);
  });

  it('treats a well-formed file with invalid values as corrupt, naming the field', async () => {
    await writeFile(path, JSON.stringify({ schemaVersion: 1, appearance: { theme: 'neon' } }));
    const { notice } = (await open()).state();
    expect(notice).toMatchObject({ kind: 'recovered-corrupt', reason: expect.stringContaining('appearance.theme') });
  });

  it('survives an unreadable file (a folder where the file should be)', async () => {
    await mkdir(path);
    const service = await open();
    expect(service.state().notice).toMatchObject({ kind: 'recovered-corrupt', reason: expect.stringContaining('EISDIR') });
    expect(await onDisk()).toEqual(defaultSettings());
  });

  it('keeps a file from a newer Stillroom untouched beside the defaults', async () => {
    const newer = JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1, futureThing: true });
    await writeFile(path, newer);
    const { notice } = (await open()).state();
    expect(notice).toMatchObject({ kind: 'recovered-newer', version: SETTINGS_SCHEMA_VERSION + 1 });
    expect(await readFile((notice as { backupPath: string }).backupPath, 'utf8')).toBe(newer);
  });

  it('migrates an unversioned file and saves the result', async () => {
    await writeFile(path, JSON.stringify({ appearance: { theme: 'sepia', language: 'zh-CN' } }));
    const service = await open();
    expect(service.state().notice).toEqual({ kind: 'browser-policies' });
    expect(service.get().appearance).toEqual({ theme: 'sepia', language: 'zh-CN' });
    expect(await onDisk()).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, appearance: { theme: 'sepia' }, notifications: { muteDuringSessions: true } });
  });

  it('saves a valid change and announces it', async () => {
    const service = await open();
    const seen: string[] = [];
    service.onChange((state) => seen.push(state.settings.appearance.theme));
    await service.update({ appearance: { theme: 'dark', language: 'en' } });
    expect(seen).toEqual(['dark']);
    expect(await onDisk()).toMatchObject({ appearance: { theme: 'dark', language: 'en' } });
    expect(await reopenTheme()).toBe('dark');
  });

  it('replaces only the sections a change names, keeping the others as they are', async () => {
    const service = await open();
    await service.update({ appearance: { theme: 'dark', language: 'zh-CN' } });
    await service.update({ session: { ...service.get().session, lastIntent: 'prove Lemma 3' } });
    expect(service.get().appearance).toEqual({ theme: 'dark', language: 'zh-CN' });
    expect(await onDisk()).toMatchObject({ appearance: { theme: 'dark', language: 'zh-CN' }, session: { lastIntent: 'prove Lemma 3' } });
  });

  it('refuses an invalid change and changes nothing, on disk or in memory', async () => {
    const service = await open();
    const before = await readFile(path, 'utf8');
    const error = await service.update({ appearance: { theme: 'neon' as 'dark', language: 'en' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('settings-invalid');
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(service.get().appearance.theme).toBe('system');
  });

  it('applies quick successive changes in order', async () => {
    const service = await open();
    await Promise.all([
      service.update({ appearance: { theme: 'dark', language: 'en' } }),
      service.update({ appearance: { theme: 'sepia', language: 'en' } }),
    ]);
    expect(service.get().appearance.theme).toBe('sepia');
    expect(await onDisk()).toMatchObject({ appearance: { theme: 'sepia' } });
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('forgets a recovery notice once dismissed; the browser-policies notice then shows', async () => {
    await writeFile(path, 'not json');
    const service = await open();
    expect((await service.dismissNotice()).notice).toEqual({ kind: 'browser-policies' });
  });

  it('says the browser-policies notice once: dismissed, it is remembered in the file and stays away after a restart', async () => {
    const service = await open();
    expect(service.state().notice).toEqual({ kind: 'browser-policies' });
    expect((await service.dismissNotice()).notice).toBeNull();
    expect(await onDisk()).toMatchObject({ blocking: { browserPolicies: true, browserPoliciesNoticeDismissed: true } });
    expect((await open()).state().notice).toBeNull();
  });

  it('does not say it while browser policies are off', async () => {
    const service = await open();
    await service.update({ blocking: { ...service.get().blocking, browserPolicies: false } });
    expect(service.state().notice).toBeNull();
    expect((await service.dismissNotice()).notice).toBeNull();
    expect(await onDisk()).toMatchObject({ blocking: { browserPoliciesNoticeDismissed: false } });
  });
});

async function reopenTheme(): Promise<string> {
  return (await open()).get().appearance.theme;
}
