import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { locales } from '../src-main/contract/locale';
import type * as messagesModule from '../src-main/contract/messages';
import { placeholders, type Messages } from '../src-main/contract/messages';

// Every catalog of the app, in both processes, found mechanically: each source file that calls `defineMessages`
// is imported, and every call is recorded (the real function runs; the record is all this adds). A catalog made
// by hand, outside `defineMessages`, is caught by the second test.
const repo = join(import.meta.dirname, '..');
const defined: { file: string; messages: Messages<string> }[] = [];
let importing = '';

vi.mock('../src-main/contract/messages', async (importOriginal) => {
  const actual = await importOriginal<typeof messagesModule>();
  return {
    ...actual,
    defineMessages: (catalogs: Messages<string>) => {
      defined.push({ file: importing, messages: catalogs });
      return actual.defineMessages(catalogs);
    },
  };
});

const sourceFiles = ['src-main', 'src-renderer/src', 'src-shared'].flatMap((folder) =>
  readdirSync(join(repo, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(folder, file).split('\\').join('/')),
);
const text = (file: string) => readFileSync(join(repo, file), 'utf8');
// A call, not the definition (`function defineMessages<K …>(`) nor a re-export.
const CALL = /(?<!function )\bdefineMessages(?:<[^>()]*>)?\(/g;
const callsIn = (file: string) => text(file).match(CALL)?.length ?? 0;
const catalogFiles = sourceFiles.filter((file) => callsIn(file) > 0);

const named = (message: string) => placeholders(message).map((name) => `{${name}}`).join(', ') || 'nothing';

/** What is wrong with one catalog: a key one locale lacks, or a message whose placeholders differ from English. */
function catalogProblems(messages: Messages<string>): string[] {
  const problems: string[] = [];
  const english = messages.en;
  for (const locale of locales) {
    const catalog = messages[locale];
    for (const key of Object.keys(english)) {
      if (!(key in catalog)) problems.push(`${locale} lacks "${key}"`);
      else if (named(catalog[key]!) !== named(english[key]!)) problems.push(`${locale} "${key}" fills ${named(catalog[key]!)}, English ${named(english[key]!)}`);
    }
    for (const key of Object.keys(catalog)) if (!(key in english)) problems.push(`${locale} has "${key}", English does not`);
  }
  return problems;
}

describe('message catalogs', () => {
  it('finds every catalog of both processes, and each says every key in every language with the same placeholders', async () => {
    for (const file of catalogFiles) {
      importing = file;
      await import(pathToFileURL(join(repo, file)).href);
    }
    expect(defined).toHaveLength(catalogFiles.reduce((sum, file) => sum + callsIn(file), 0));
    // Both processes: the tray and export words of main, and the window's.
    expect(catalogFiles).toEqual(expect.arrayContaining(['src-main/core/session/presence-messages.ts', 'src-main/core/reflections/export-messages.ts', 'src-renderer/src/app/app-messages.ts']));
    const problems = defined.flatMap(({ file, messages }) => catalogProblems(messages).map((problem) => `${file}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('leaves no table of strings per language outside the catalogs', () => {
    // Each catalog has one `'zh-CN':` key; a file with more holds a table of its own.
    const byLanguage = sourceFiles.filter((file) => (text(file).match(/['"]zh-CN['"]\s*:/g)?.length ?? 0) > callsIn(file));
    expect(byLanguage.sort()).toEqual([
      // Names of the blocklist and app list categories and apps: data shipped with the lists, checked by their
      // schema; and a user's own app, named in both languages by what the user typed.
      'src-main/contract/apps.ts',
      'src-main/contract/blocking.ts',
      'src-main/core/apps/apps-service.ts',
      'src-main/core/apps/default-apps.ts',
      'src-main/core/blocking/blocking-service.ts',
      'src-main/core/blocking/default-blocklists.ts',
      // A language tag for the app's name (`lang=…`), not a string to translate.
      'src-renderer/src/app/Navigation.tsx',
      // CodeMirror's own phrases, keyed by their English text as CodeMirror defines them.
      'src-renderer/src/features/notepad/editor/phrases.ts',
    ]);
  });

  it('reports a key missing in one language, or placeholders that differ', () => {
    const planted = {
      en: { start: 'Start {minutes} minutes', left: '{minutes, plural, one {1 minute left} other {# minutes left}}', quit: 'Quit' },
      'zh-CN': { start: '开始 {minute} 分钟', left: '还剩 {minutes} 分钟' },
    } as unknown as Messages<string>;
    expect(catalogProblems(planted)).toEqual(['zh-CN "start" fills {minute}, English {minutes}', 'zh-CN lacks "quit"']);
  });
});
