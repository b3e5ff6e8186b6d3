import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION, Settings } from '../../contract/settings';
import type { Migration } from '../migrations';
import { DEFAULT_ALLOW_ONLY_SITES } from '../../contract/blocking';
import { migrateSettings, migrations } from './migrations';

const RESEARCH = [...DEFAULT_ALLOW_ONLY_SITES];

describe('settings migrations', () => {
  it('has exactly one step from each version below the current one', () => {
    const froms = migrations.map((migration) => migration.from).sort((a, b) => a - b);
    expect(froms).toEqual([...Array(SETTINGS_SCHEMA_VERSION).keys()]);
  });

  it('migrates an unversioned document to the current version, keeping its sections', () => {
    const outcome = migrateSettings({ appearance: { theme: 'dark' } });
    expect(outcome).toEqual({
      kind: 'migrated',
      from: 0,
      document: { appearance: { theme: 'dark' }, notifications: { muteDuringSessions: true }, blocking: { browserPolicies: true, allowOnlySites: RESEARCH }, apps: { enabled: false }, editor: { vim: false, snippets: true, theoremNumbering: 'perKind' }, schemaVersion: 8 },
    });
  });

  it('gives a version 1 document the notifications section, muting during sessions as before the setting existed', () => {
    const outcome = migrateSettings({ schemaVersion: 1, session: { defaultMinutes: 50 } });
    expect(outcome).toEqual({
      kind: 'migrated',
      from: 1,
      document: { schemaVersion: 8, session: { defaultMinutes: 50 }, notifications: { muteDuringSessions: true }, blocking: { browserPolicies: true, allowOnlySites: RESEARCH }, apps: { enabled: false }, editor: { vim: false, snippets: true, theoremNumbering: 'perKind' } },
    });
    const migrated = outcome.kind === 'migrated' ? outcome.document : {};
    expect(Settings.parse(migrated).notifications).toEqual({ muteDuringSessions: true });
  });

  it('leaves a notifications section a version 1 document somehow has for the schema to judge', () => {
    const outcome = migrateSettings({ schemaVersion: 1, notifications: { muteDuringSessions: 'no' } });
    expect(outcome).toMatchObject({ kind: 'migrated', document: { notifications: { muteDuringSessions: 'no' } } });
    expect(Settings.safeParse(outcome.kind === 'migrated' ? outcome.document : {}).success).toBe(false);
  });

  it('turns browser policies on for a version 2 document, keeping every blocking choice it had', () => {
    const blocking = { enabledCategories: ['news'], domains: ['example.org'], allow: [] };
    const outcome = migrateSettings({ schemaVersion: 2, blocking });
    expect(outcome).toEqual({ kind: 'migrated', from: 2, document: { schemaVersion: 8, blocking: { ...blocking, browserPolicies: true, allowOnlySites: RESEARCH }, apps: { enabled: false }, editor: { vim: false, snippets: true, theoremNumbering: 'perKind' } } });
    const migrated = Settings.parse(outcome.kind === 'migrated' ? outcome.document : {});
    expect(migrated.blocking).toEqual({ ...blocking, browserPolicies: true, allowOnlySites: RESEARCH, browserPoliciesNoticeDismissed: false });
    expect(blocking).not.toHaveProperty('browserPolicies');
  });

  it('writes the blocking section out for a version 2 document without one', () => {
    expect(migrateSettings({ schemaVersion: 2 })).toEqual({ kind: 'migrated', from: 2, document: { schemaVersion: 8, blocking: { browserPolicies: true, allowOnlySites: RESEARCH }, apps: { enabled: false }, editor: { vim: false, snippets: true, theoremNumbering: 'perKind' } } });
  });

  it('leaves a browser-policies choice already there, or a blocking section that is no object, for the schema to judge', () => {
    expect(migrateSettings({ schemaVersion: 2, blocking: { browserPolicies: false } })).toMatchObject({ document: { blocking: { browserPolicies: false } } });
    const odd = migrateSettings({ schemaVersion: 2, blocking: ['x'] });
    expect(odd).toMatchObject({ kind: 'migrated', document: { blocking: ['x'] } });
    expect(Settings.safeParse(odd.kind === 'migrated' ? odd.document : {}).success).toBe(false);
  });

  it('writes the app-closing switch out, off, for a version 3 document, and leaves an apps section already there to the schema', () => {
    const outcome = migrateSettings({ schemaVersion: 3, session: { defaultMinutes: 50 } });
    expect(outcome).toEqual({ kind: 'migrated', from: 3, document: { schemaVersion: 8, session: { defaultMinutes: 50 }, blocking: { allowOnlySites: RESEARCH }, apps: { enabled: false }, editor: { vim: false, snippets: true, theoremNumbering: 'perKind' } } });
    const migrated = Settings.parse(outcome.kind === 'migrated' ? outcome.document : {});
    expect(migrated.apps).toEqual({ enabled: false, enabledCategories: ['chat', 'video-feeds', 'games'], own: [], closeGraceSeconds: 3, waitForOpenApps: false });
    expect(migrateSettings({ schemaVersion: 3, apps: { enabled: true } })).toMatchObject({ document: { apps: { enabled: true } } });
  });

  it('writes Vim keys out, off, for a version 4 document, keeping its editor choices; an editor section already saying, or no object, is the schema’s', () => {
    const editor = { fontFamily: 'mono', fontSize: 20 };
    const outcome = migrateSettings({ schemaVersion: 4, editor });
    expect(outcome).toEqual({ kind: 'migrated', from: 4, document: { schemaVersion: 8, editor: { ...editor, vim: false, snippets: true, theoremNumbering: 'perKind' }, blocking: { allowOnlySites: RESEARCH } } });
    expect(Settings.parse(outcome.kind === 'migrated' ? outcome.document : {}).editor).toMatchObject({ fontFamily: 'mono', fontSize: 20, vim: false });
    expect(editor).not.toHaveProperty('vim');
    expect(migrateSettings({ schemaVersion: 4 })).toEqual({ kind: 'migrated', from: 4, document: { schemaVersion: 8, editor: { vim: false, snippets: true, theoremNumbering: 'perKind' }, blocking: { allowOnlySites: RESEARCH } } });
    expect(migrateSettings({ schemaVersion: 4, editor: { vim: true } })).toMatchObject({ document: { editor: { vim: true } } });
    const odd = migrateSettings({ schemaVersion: 4, editor: 'vim' });
    expect(odd).toMatchObject({ kind: 'migrated', document: { editor: 'vim' } });
    expect(Settings.safeParse(odd.kind === 'migrated' ? odd.document : {}).success).toBe(false);
  });

  it('writes math snippets out, on, for a version 5 document, keeping its editor choices; an editor section already saying is the schema’s', () => {
    const editor = { fontFamily: 'mono', vim: true };
    expect(migrateSettings({ schemaVersion: 5, editor })).toEqual({ kind: 'migrated', from: 5, document: { schemaVersion: 8, editor: { ...editor, snippets: true, theoremNumbering: 'perKind' }, blocking: { allowOnlySites: RESEARCH } } });
    expect(editor).not.toHaveProperty('snippets');
    expect(migrateSettings({ schemaVersion: 5, editor: { snippets: false } })).toMatchObject({ document: { editor: { snippets: false } } });
    expect(migrateSettings({ schemaVersion: 5, editor: 'snippets' })).toMatchObject({ kind: 'migrated', document: { editor: 'snippets' } });
  });

  it('writes theorem numbering out, per kind, for a version 6 document, keeping its editor choices; a section already saying, or no object, is the schema’s', () => {
    const editor = { fontFamily: 'mono', vim: true };
    const outcome = migrateSettings({ schemaVersion: 6, editor });
    expect(outcome).toEqual({ kind: 'migrated', from: 6, document: { schemaVersion: 8, editor: { ...editor, theoremNumbering: 'perKind' }, blocking: { allowOnlySites: RESEARCH } } });
    expect(Settings.parse(outcome.kind === 'migrated' ? outcome.document : {}).editor).toMatchObject({ fontFamily: 'mono', vim: true, theoremNumbering: 'perKind' });
    expect(editor).not.toHaveProperty('theoremNumbering');
    expect(migrateSettings({ schemaVersion: 6, editor: { theoremNumbering: 'shared' } })).toMatchObject({ document: { editor: { theoremNumbering: 'shared' } } });
    const odd = migrateSettings({ schemaVersion: 6, editor: ['x'] });
    expect(odd).toMatchObject({ kind: 'migrated', document: { editor: ['x'] } });
    expect(Settings.safeParse(odd.kind === 'migrated' ? odd.document : {}).success).toBe(false);
  });

  it('gives a version 7 document the research allowlist, keeping every blocking choice; a list already there, or no object, is the schema’s', () => {
    const blocking = { domains: ['example.org'], browserPolicies: false };
    const outcome = migrateSettings({ schemaVersion: 7, blocking });
    expect(outcome).toEqual({ kind: 'migrated', from: 7, document: { schemaVersion: 8, blocking: { ...blocking, allowOnlySites: RESEARCH } } });
    expect(Settings.parse(outcome.kind === 'migrated' ? outcome.document : {}).blocking).toMatchObject({ domains: ['example.org'], browserPolicies: false, allowOnlySites: RESEARCH });
    expect(migrateSettings({ schemaVersion: 7 })).toEqual({ kind: 'migrated', from: 7, document: { schemaVersion: 8, blocking: { allowOnlySites: RESEARCH } } });
    expect(migrateSettings({ schemaVersion: 7, blocking: { allowOnlySites: [] } })).toMatchObject({ document: { blocking: { allowOnlySites: [] } } });
    const odd = migrateSettings({ schemaVersion: 7, blocking: 'x' });
    expect(odd).toMatchObject({ kind: 'migrated', document: { blocking: 'x' } });
  });

  it('leaves a current document alone', () => {
    const document = { schemaVersion: SETTINGS_SCHEMA_VERSION };
    expect(migrateSettings(document)).toEqual({ kind: 'current', document });
  });

  it('recognises a document from a newer Stillroom', () => {
    expect(migrateSettings({ schemaVersion: SETTINGS_SCHEMA_VERSION + 3 })).toEqual({ kind: 'newer', version: SETTINGS_SCHEMA_VERSION + 3 });
  });

  it.each([[null], [[1, 2]], ['text'], [{ schemaVersion: 'one' }], [{ schemaVersion: -1 }], [{ schemaVersion: 1.5 }]])(
    'calls %j invalid',
    (raw) => {
      expect(migrateSettings(raw).kind).toBe('invalid');
    },
  );

  it('runs steps in order and does not mutate its input', () => {
    const steps: Migration[] = [
      { from: 0, migrate: (document) => ({ ...document, a: 1, schemaVersion: 1 }) },
      { from: 1, migrate: (document) => ({ ...document, b: (document.a as number) + 1, schemaVersion: 2 }) },
    ];
    const input = Object.freeze({ schemaVersion: 0 });
    expect(migrateSettings(input, steps, 2)).toEqual({ kind: 'migrated', from: 0, document: { schemaVersion: 2, a: 1, b: 2 } });
  });

  it('reports a gap in the chain instead of guessing', () => {
    expect(migrateSettings({ schemaVersion: 0 }, [], 1)).toEqual({ kind: 'invalid', reason: 'no migration from version 0' });
  });
});
