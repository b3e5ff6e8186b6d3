import { runMigrations, type Migration, type MigrationOutcome } from '../settings/migrations';

/**
 * Numbered, pure migrations of a reflection file's front matter (the `version` key), run like the settings'
 * migrations: never edit a shipped one; add the next and raise REFLECTION_FILE_VERSION.
 */
export const REFLECTION_FILE_VERSION = 1;

export const frontMatterMigrations: readonly Migration[] = [
  {
    // Version 0: no `version` key (a file written by hand or from an Obsidian template). Same keys as version 1.
    from: 0,
    migrate: (document) => ({ ...document, version: 1 }),
  },
];

export function migrateFrontMatter(
  document: Record<string, unknown>,
  list: readonly Migration[] = frontMatterMigrations,
  target = REFLECTION_FILE_VERSION,
): MigrationOutcome {
  return runMigrations(document, 'version', list, target);
}
