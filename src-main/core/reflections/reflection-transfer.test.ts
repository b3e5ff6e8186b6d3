import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { REFLECTION_IMPORT_MAX_ENTRIES } from '../../contract/reflections';
import { DomainError } from '../domain-error';
import { CSV_COLUMNS_BEFORE_REACH, escapeFormula, unescapeFormula } from './reflection-csv';
import type { ReflectionRecord } from './reflection-file';
import { recordFor } from '../../../test-support/reflection-fixtures';
import type { IndexedEntry } from './reflection-index';
import { exportReflections, importCandidates, readImport } from './reflection-transfer';

const indexed = (record: ReflectionRecord, path = `Reflections/${record.facts.sessionId}.md`): IndexedEntry => ({ path, mtimeMs: 0, size: 0, kind: 'entry', version: '0'.repeat(64), record });
const options = { language: 'en' as const, timeZone: 'Asia/Shanghai', today: '2026-12-03', now: Date.UTC(2026, 11, 3), unicodeFileNames: true };

/** Text a spreadsheet or a CSV reader trips over: separators, quotes, line ends, CJK, and formulas. */
const tricky: ReflectionRecord[] = [
  recordFor(
    {
      status: 'reflected',
      reflectedAt: Date.UTC(2026, 11, 3, 10),
      answers: {
        outcome: 'partly',
        depth: 3,
        moved: 'a, b; "c"\r\nline two\n\n=SUM(A1:A9)\n- a list item',
        next: "=HYPERLINK(\"http://x\")",
        tags: ['数学', 'a/b', 'x-y_z'],
      },
    },
    {
      sessionId: 's-1',
      intent: '+1 for "证明", then @home',
      ending: 'ended-early',
      earlyEndReason: "-it's late, \"really\"",
      reached: [{ host: 'bilibili.com', count: 2, times: [Date.UTC(2026, 11, 3, 9), Date.UTC(2026, 11, 3, 9, 30)] }],
      notes: [
        { name: 'Lemma, 3.md', title: 'Lemma, 3', formulasAdded: 10, formulasChanged: 2 },
        { name: 'Old.md', title: 'Old', formulasAdded: null, formulasChanged: null },
      ],
    },
  ),
  recordFor({}, { sessionId: 's-2', intent: "'=already quoted", protections: [], startedAt: Date.UTC(2025, 0, 1) }),
  recordFor({ status: 'skipped' }, { sessionId: 's-3', intent: '', mode: 'flexible', protections: [{ id: 'notifications', state: 'failed', error: 'dbus: "no" answer\nline' }] }),
];

async function importInto(format: 'csv' | 'json', content: string, existing: ReflectionRecord[] = []) {
  const log = new Map(existing.map((record) => [record.facts.sessionId, record]));
  const report = await importCandidates(readImport(format, content), async (records) =>
    records.map((record) => {
      const known = log.get(record.facts.sessionId);
      if (known) return JSON.stringify(known) === JSON.stringify(record) ? 'unchanged' : 'kept-existing';
      log.set(record.facts.sessionId, record);
      return 'imported';
    }),
  );
  return { report, records: [...log.values()] };
}

describe('export and import', () => {
  it('round-trips through CSV: commas, quotes, newlines, CJK, formulas, empty and null fields', async () => {
    const file = exportReflections(tricky.map((record) => indexed(record)), 'csv', options);
    expect(file).toMatchObject({ fileName: 'Stillroom reflections 2026-12-03.csv', mimeType: 'text/csv', count: 3 });
    const { report, records } = await importInto('csv', file.content);
    expect(report.imported).toBe(3);
    expect(records).toEqual(tricky);
    // The first record spans several lines; the next one's line is where it starts.
    expect(report.lines.map((line) => [line.line, line.sessionId, line.result])).toEqual([
      [2, 's-1', 'imported'],
      [7, 's-2', 'imported'],
      [8, 's-3', 'imported'],
    ]);
  });

  it('reads a CSV exported before the reach counter: no reached column, nothing counted', async () => {
    const rows = parseCsv(exportReflections(tricky.map((record) => indexed(record)), 'csv', options).content, { bom: true, columns: true }) as Record<string, string>[];
    const older = stringifyCsv(rows, { header: true, columns: [...CSV_COLUMNS_BEFORE_REACH] });
    const { report, records } = await importInto('csv', older);
    expect(report.imported).toBe(3);
    expect(records).toEqual(tricky.map((record) => ({ ...record, facts: { ...record.facts, reached: null } })));
  });

  it('writes cells a spreadsheet cannot run as formulas', () => {
    const content = exportReflections(tricky.map((record) => indexed(record)), 'csv', options).content;
    expect(content.startsWith('\uFEFFsession_id,intent,start,')).toBe(true);
    const rows = parseCsv(content, { bom: true, columns: true }) as Record<string, string>[];
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[0]!.whats_next).toBe("'=HYPERLINK(\"http://x\")");
    expect(rows[1]!.intent).toBe("''=already quoted");
    for (const text of ['=1', "'=1", "''@x", "'plain", 'plain', '-', '']) expect(unescapeFormula(escapeFormula(text))).toBe(text);
  });

  it('writes no cell a spreadsheet splitting on ; | tab or line ends could run as a formula, and reads it all back', async () => {
    const hostile = [
      recordFor(
        { answers: { outcome: null, depth: null, moved: "notes;=1+1;=cmd|' /C calc'!A0", next: 'a\t+1|@SUM(1)\n- a list\r\n "=2', tags: [] } },
        { sessionId: 's-4', intent: "x; '=already | \"-3" },
      ),
    ];
    const records = [...tricky, ...hostile];
    const content = exportReflections(records.map((record) => indexed(record)), 'csv', options).content;
    // However a spreadsheet splits the text (quotes honoured or not), no piece starts a formula.
    for (const piece of content.slice(1).split(/[,;\t|\r\n]/)) expect(piece.replace(/^[ "]*/, '')).not.toMatch(/^[=+\-@]/);
    expect((await importInto('csv', content)).records).toEqual(records);
  });

  it('reads back exactly what it escaped, whatever the text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '|') });
    fc.assert(fc.property(text, (cell) => unescapeFormula(escapeFormula(cell)) === cell), { numRuns: 2000 });
  });

  it('round-trips through JSON, and a second import changes nothing', async () => {
    const file = exportReflections(tricky.map((record) => indexed(record)), 'json', options);
    expect(JSON.parse(file.content)).toMatchObject({ format: 'stillroom-reflections', version: 1, entries: tricky });
    const first = await importInto('json', file.content);
    expect(first.records).toEqual(tricky);
    const second = await importInto('json', file.content, first.records);
    expect(second.report).toEqual({ lines: tricky.map((record, index) => ({ line: index + 1, sessionId: record.facts.sessionId, result: 'unchanged' })), imported: 0 });
    const edited = [{ ...tricky[0]!, answers: { ...tricky[0]!.answers, depth: 5 } }];
    expect((await importInto('json', file.content, edited)).report.lines[0]!.result).toBe('kept-existing');
  });

  it('imports a JSON export written before notes had formula counts: they read as not counted (null)', () => {
    const old = recordFor({}, { notes: [{ name: 'Lemma 3.md', title: 'Lemma 3' } as never] });
    const content = JSON.stringify({ format: 'stillroom-reflections', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', entries: [old] });
    const [candidate] = readImport('json', content);
    expect(candidate).toMatchObject({ record: { facts: { notes: [{ name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: null, formulasChanged: null }] } } });
  });

  it('refuses a bad line and reports it, importing the others; refuses a file that is not an export at all', async () => {
    const document = JSON.parse(exportReflections(tricky.map((record) => indexed(record)), 'json', options).content);
    document.entries[1].answers.depth = 9;
    document.entries[2].facts.sessionId = '../x';
    const { report } = await importInto('json', JSON.stringify(document));
    expect(report.imported).toBe(1);
    expect(report.lines.map((line) => [line.line, line.sessionId, line.result])).toEqual([
      [1, 's-1', 'imported'],
      [2, 's-2', 'refused'],
      [3, null, 'refused'],
    ]);
    expect(report.lines[1]!.detail).toContain('answers.depth');

    const code = (run: () => unknown) => {
      try {
        run();
        return null;
      } catch (error) {
        return error instanceof DomainError ? error.code : String(error);
      }
    };
    expect(code(() => readImport('json', 'not json'))).toBe('reflection-import-invalid');
    expect(code(() => readImport('json', '{"format":"other","version":1,"exportedAt":"","entries":[]}'))).toBe('reflection-import-invalid');
    expect(code(() => readImport('csv', 'a,b,c\n1,2,3\n'))).toBe('reflection-import-invalid');
    expect(code(() => readImport('csv', 'session_id,"unclosed\n'))).toBe('reflection-import-invalid');
    expect(readImport('csv', exportReflections([], 'csv', options).content)).toEqual([]);
  });

  it('refuses a CSV of more rows than an import takes before parsing it, whatever its line ends', () => {
    const [header, row] = exportReflections([indexed(recordFor())], 'csv', options).content.split('\r\n');
    for (const end of ['\r\n', '\n', '\r']) {
      expect(() => readImport('csv', `${header}${end}${`${row}${end}`.repeat(REFLECTION_IMPORT_MAX_ENTRIES + 1)}`)).toThrow(expect.objectContaining({ code: 'reflection-import-too-large' }));
    }
  });

  it('refuses a JSON export of more entries than an import takes before reading any of them', () => {
    const content = JSON.stringify({ format: 'stillroom-reflections', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', entries: Array.from({ length: REFLECTION_IMPORT_MAX_ENTRIES + 1 }, () => ({})) });
    expect(() => readImport('json', content)).toThrow(expect.objectContaining({ code: 'reflection-import-too-large' }));
    expect(readImport('json', content.replace('[{},', '['))).toHaveLength(REFLECTION_IMPORT_MAX_ENTRIES);
  });

  it('writes one Markdown file of the entries, in the language asked for', () => {
    const en = exportReflections(tricky.map((record) => indexed(record)), 'markdown', options);
    expect(en).toMatchObject({ fileName: 'Stillroom reflections 2026-12-03.md', mimeType: 'text/markdown', count: 3 });
    expect(en.content).toMatch(/^# Reflections\n\n## 2026-12-03 · \+1 for "证明", then @home\n/);
    expect(en.content).toContain('Tags: #数学 #a/b #x-y_z');
    expect(en.content).toContain('Notes: 12 equations in [[Notes/Lemma, 3.md|Lemma, 3]], [[Notes/Old.md|Old]]');
    expect(en.content).toContain('## 2026-12-03 · Untitled session');
    const zh = exportReflections(tricky.map((record) => indexed(record)), 'markdown', { ...options, language: 'zh-CN' });
    expect(zh.fileName).toBe('静室回顾 2026-12-03.md');
    // Where downloads cannot carry any name (a POSIX locale), the English name stands in.
    expect(exportReflections([], 'markdown', { ...options, language: 'zh-CN', unicodeFileNames: false }).fileName).toBe('Stillroom reflections 2026-12-03.md');
    expect(zh.content).toContain('提前结束 · 理由：');
    expect(zh.content).toContain('笔记: [[Notes/Lemma, 3.md|Lemma, 3]] 中的 12 个公式');
  });
});
