import { runMigrations, type Migration, type MigrationOutcome } from '../migrations';

/**
 * Numbered, pure migrations of a reflection file's front matter (the `version` key), run like the settings'
 * migrations: never edit a shipped one; add the next and raise REFLECTION_FILE_VERSION.
 */
export const REFLECTION_FILE_VERSION = 5;

export const frontMatterMigrations: readonly Migration[] = [
  {
    // Version 0: no `version` key (a file written by hand or from an Obsidian template). Same keys as version 1.
    from: 0,
    migrate: (document) => ({ ...document, version: 1 }),
  },
  {
    // Version 1 kept each note's name and title; version 2 adds the formulas the session added and changed in it.
    // A version 1 session was never counted: null says so (not 0, which would claim nothing changed).
    from: 1,
    migrate: (document) => {
      const { notes } = document;
      if (!Array.isArray(notes)) return { ...document, version: 2 };
      const counted = notes.map((note: unknown) =>
        typeof note === 'object' && note !== null && !Array.isArray(note) ? { formulasAdded: null, formulasChanged: null, ...note } : note,
      );
      return { ...document, version: 2, notes: counted };
    },
  },
  {
    // Version 3 adds `reached`, the reach counter's per-host counts. A version 2 session was never counted: null.
    from: 2,
    migrate: (document) => ({ reached: null, ...document, version: 3 }),
  },
  {
    // Version 4 adds `thoughts`, the thoughts parked during the session; none were parked before.
    from: 3,
    migrate: (document) => ({ thoughts: [], ...document, version: 4 }),
  },
  {
    // Version 5 adds `scheduled`: whether the session ran for a schedule window; none did before.
    from: 4,
    migrate: (document) => ({ scheduled: false, ...document, version: 5 }),
  },
];

export function migrateFrontMatter(
  document: Record<string, unknown>,
  list: readonly Migration[] = frontMatterMigrations,
  target = REFLECTION_FILE_VERSION,
): MigrationOutcome {
  return runMigrations(document, 'version', list, target);
}
