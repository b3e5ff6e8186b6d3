/**
 * Numbered, pure migrations of a stored document (settings, a reflection file's front matter, the session and
 * protection journals): each takes the document at `from` and returns it at `from + 1`. Never edit a shipped
 * migration; add the next one and raise that format's version.
 */
export interface Migration {
  readonly from: number;
  readonly migrate: (document: Record<string, unknown>) => Record<string, unknown>;
}

export type MigrationOutcome =
  | { kind: 'current'; document: Record<string, unknown> }
  | { kind: 'migrated'; document: Record<string, unknown>; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

/**
 * Brings a versioned document to `target` through `list`; the version is read from `versionKey`, and a document
 * without one is version 0.
 */
export function runMigrations(
  document: Record<string, unknown>,
  versionKey: string,
  list: readonly Migration[],
  target: number,
): MigrationOutcome {
  const stored = document[versionKey] ?? 0;
  if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 0) {
    return { kind: 'invalid', reason: `${versionKey} is not a version number: ${JSON.stringify(stored)}` };
  }
  if (stored > target) return { kind: 'newer', version: stored };
  if (stored === target) return { kind: 'current', document };
  let migrated = document;
  for (let version = stored; version < target; version++) {
    const step = list.find((migration) => migration.from === version);
    if (!step) return { kind: 'invalid', reason: `no migration from version ${version}` };
    migrated = step.migrate(migrated);
  }
  return { kind: 'migrated', document: migrated, from: stored };
}
