import { DEFAULT_ALLOW_ONLY_SITES } from '../../contract/blocking';
import { SETTINGS_SCHEMA_VERSION } from '../../contract/settings';
import { runMigrations, type Migration, type MigrationOutcome } from '../migrations';

/** The stored settings document's migrations (run by `runMigrations`, ../migrations.ts). */
export const migrations: readonly Migration[] = [
  {
    // Version 0: a document without `schemaVersion` (written by hand, or by a build before versioning).
    // Its sections have the same shape as version 1; anything else is left for the schema to judge.
    from: 0,
    migrate: (document) => ({ ...document, schemaVersion: 1 }),
  },
  {
    // Version 1 → 2: the notifications section arrives. A document from before it gets the default written out
    // (mute during sessions), so the file says what the app does; a section already there is the schema's to judge.
    from: 1,
    migrate: (document) => ({ ...document, notifications: document.notifications ?? { muteDuringSessions: true }, schemaVersion: 2 }),
  },
  {
    // Version 2 → 3: sessions may also write browser policies, on by default for existing users too (they are what
    // keeps DNS over HTTPS from routing around the block); the file says so. A section that is not an object, or
    // already says, is the schema's to judge.
    from: 2,
    migrate: (document) => {
      const blocking = document.blocking ?? {};
      const plain = typeof blocking === 'object' && blocking !== null && !Array.isArray(blocking);
      const next = plain && !Object.hasOwn(blocking, 'browserPolicies') ? { ...blocking, browserPolicies: true } : blocking;
      return { ...document, blocking: next, schemaVersion: 3 };
    },
  },
  {
    // Version 3 → 4: sessions may close desktop apps (issue 21), off until the user turns it on; the file says so.
    // A section already there is the schema's to judge.
    from: 3,
    migrate: (document) => ({ ...document, apps: document.apps ?? { enabled: false }, schemaVersion: 4 }),
  },
  {
    // Version 4 → 5: the editor may use Vim keys (issue 23), off for everyone until turned on; the file says so. An
    // editor section that is not an object, or already says, is the schema's to judge.
    from: 4,
    migrate: (document) => ({ ...document, editor: withEditorDefault(document.editor, 'vim', false), schemaVersion: 5 }),
  },
  {
    // Version 5 → 6: math snippets expand as they are typed (issue 23), on for everyone; the file says so, and the
    // same switch turns them off. An editor section that is not an object, or already says, is the schema's to judge.
    from: 5,
    migrate: (document) => ({ ...document, editor: withEditorDefault(document.editor, 'snippets', true), schemaVersion: 6 }),
  },
  {
    // Version 6 → 7: theorem-like blocks are numbered per kind (issue 23) unless the writer shares one counter; the
    // file says so. An editor section that is not an object, or already says, is the schema's to judge.
    from: 6,
    migrate: (document) => ({ ...document, editor: withEditorDefault(document.editor, 'theoremNumbering', 'perKind'), schemaVersion: 7 }),
  },
  {
    // Version 7 → 8: allowlist sessions ("only these sites", issue 22) open the research defaults until the user
    // edits the list; the file says so. A blocking section that is not an object, or already says, is the schema's.
    from: 7,
    migrate: (document) => {
      const blocking = document.blocking ?? {};
      const plain = typeof blocking === 'object' && blocking !== null && !Array.isArray(blocking);
      const next = plain && !Object.hasOwn(blocking, 'allowOnlySites') ? { ...blocking, allowOnlySites: [...DEFAULT_ALLOW_ONLY_SITES] } : blocking;
      return { ...document, blocking: next, schemaVersion: 8 };
    },
  },
];

/** The editor section with `key` written out as `value` when it is an object that does not say yet. */
function withEditorDefault(section: unknown, key: string, value: unknown): unknown {
  const editor = section ?? {};
  const plain = typeof editor === 'object' && editor !== null && !Array.isArray(editor);
  return plain && !Object.hasOwn(editor, key) ? { ...editor, [key]: value } : editor;
}

export function migrateSettings(raw: unknown, list: readonly Migration[] = migrations, target = SETTINGS_SCHEMA_VERSION): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'invalid', reason: 'the settings file does not hold an object' };
  }
  return runMigrations(raw as Record<string, unknown>, 'schemaVersion', list, target);
}
