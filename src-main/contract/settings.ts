import { z } from 'zod';
import { call, event, noInput } from './define';
import { SessionPrefs } from './session';
import { BlockingPrefs } from './blocking';
import { AppsPrefs } from './apps';
import { EditorPrefs, VaultPrefs } from './notes';
import { NotificationPrefs } from './notifications';
import { locales } from './locale';

export const SETTINGS_SCHEMA_VERSION = 8;

export const Language = z.enum(['system', ...locales]);
export const Theme = z.enum(['system', 'light', 'dark', 'sepia']);

export const AppearancePrefs = z
  .object({
    language: Language.default('system'),
    theme: Theme.default('system'),
  })
  .strict();

/**
 * The whole settings document. Every section has defaults, so a file that lacks a section (older, or hand
 * edited) still parses; a section that is present but wrong is refused and reported.
 */
export const Settings = z
  .object({
    schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
    appearance: AppearancePrefs.prefault({}),
    session: SessionPrefs.prefault({}),
    blocking: BlockingPrefs.prefault({}),
    editor: EditorPrefs.prefault({}),
    vault: VaultPrefs.prefault({}),
    notifications: NotificationPrefs.prefault({}),
    apps: AppsPrefs.prefault({}),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/**
 * A change replaces whole sections; the renderer sends the section it edited (not `vault`: `notes.setVault` checks
 * the folder). Sections are listed without their prefaults: zod 4 fills a default in even when optional, and a
 * section the patch left out must stay absent, not arrive as defaults that overwrite the saved one.
 */
export const SettingsPatch = z
  .object({
    appearance: AppearancePrefs.optional(),
    session: SessionPrefs.optional(),
    blocking: BlockingPrefs.optional(),
    editor: EditorPrefs.optional(),
    vault: VaultPrefs.optional(),
    notifications: NotificationPrefs.optional(),
    apps: AppsPrefs.optional(),
  })
  .strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

/**
 * What the UI says once: why the settings on screen are not the ones on disk, or, until the user has read it, that
 * browser policies make Chrome and Edge say "managed by your organisation" during a session.
 */
export const SettingsNotice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recovered-corrupt'), backupPath: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('recovered-newer'), backupPath: z.string(), version: z.number() }),
  z.object({ kind: z.literal('browser-policies') }).strict(),
]);
export type SettingsNotice = z.infer<typeof SettingsNotice>;

export const SettingsState = z.object({ settings: Settings, notice: SettingsNotice.nullable() });
export type SettingsState = z.infer<typeof SettingsState>;

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const settingsErrorCodes = [
  'settings-invalid',
] as const;

export const settingsContract = {
  get: call(noInput, SettingsState),
  update: call(SettingsPatch, SettingsState),
  dismissNotice: call(noInput, SettingsState),
  changed: event(SettingsState),
};
