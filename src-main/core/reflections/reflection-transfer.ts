import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Locale } from '../../contract/locale';
import { translate } from '../../contract/messages';
import { REFLECTION_IMPORT_MAX_ENTRIES, importLimits, type ExportFormat, type ImportLine } from '../../contract/reflections';
import { DomainError } from '../domain-error';
import { suggestedFileName } from '../download-name';
import { exportMessages } from './export-messages';
import { ReflectionRecord } from './reflection-file';
import { CSV_COLUMNS, CSV_COLUMNS_BEFORE_REACH, csvRowOf, recordShapeOfCsvRow, type CsvRow } from './reflection-csv';
import type { IndexedEntry } from './reflection-index';
import type { ImportResult } from './reflection-log';
import { reflectionSection } from './reflection-markdown';
import { dayOf } from './reflection-query';

const JSON_FORMAT = 'stillroom-reflections';
const JSON_VERSION = 1;

const JsonExport = z.object({ format: z.literal(JSON_FORMAT), version: z.literal(JSON_VERSION), exportedAt: z.string(), entries: z.array(z.unknown()) }).strict();

export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
  readonly count: number;
}

/**
 * Entries (newest first, as listed) as one file's text. CSV cells that look like formulas are made text.
 * `unicodeFileNames`: whether the system can store any file name (download-name.ts).
 */
export function exportReflections(
  entries: readonly IndexedEntry[],
  format: ExportFormat,
  options: { language: Locale; timeZone: string; today: string; now: number; unicodeFileNames: boolean },
): ExportedFile {
  const records = entries.map((entry) => entry.record);
  const fileName = (ext: string) =>
    suggestedFileName(
      translate(exportMessages, options.language, 'fileLog', { date: options.today, ext }),
      translate(exportMessages, 'en', 'fileLog', { date: options.today, ext }),
      options.unicodeFileNames,
    );
  if (format === 'json') {
    const document = { format: JSON_FORMAT, version: JSON_VERSION, exportedAt: new Date(options.now).toISOString(), entries: records };
    return { fileName: fileName('json'), mimeType: 'application/json', content: `${JSON.stringify(document, null, 2)}\n`, count: records.length };
  }
  if (format === 'csv') {
    // A BOM, so spreadsheet apps read the file as UTF-8 (CJK intact); CRLF line ends, as RFC 4180 has them; cells
    // holding a separator some spreadsheet splits on are quoted, as csv-stringify quotes those holding a comma.
    const content = `\uFEFF${stringifyCsv(records.map(csvRowOf), { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n;\t|]/ })}`;
    return { fileName: fileName('csv'), mimeType: 'text/csv', content, count: records.length };
  }
  const sections = entries.map((entry) => reflectionSection(entry.record, dayOf(entry, options.timeZone), options.language).trimEnd());
  const content = `${[`# ${translate(exportMessages, options.language, 'logTitle')}`, ...sections].join('\n\n')}\n`;
  return { fileName: fileName('md'), mimeType: 'text/markdown', content, count: records.length };
}

/** One record to add, with the line it came from; `invalid` holds why it cannot be added. */
type Candidate = { line: number; sessionId: string | null } & ({ record: ReflectionRecord } | { invalid: string });

const invalidFile = (reason: string) => new DomainError('reflection-import-invalid', `Not a Stillroom reflections export: ${reason}`, { reason: reason.slice(0, 200) });
const tooLarge = () =>
  new DomainError('reflection-import-too-large', `An import takes at most ${REFLECTION_IMPORT_MAX_ENTRIES} entries`, importLimits);

/** Reads what `exportReflections` wrote; refuses the whole text when it is not such a file, before anything is added. */
export function readImport(format: 'csv' | 'json', content: string): Candidate[] {
  return format === 'json' ? readJson(content) : readCsv(content);
}

function candidateOf(line: number, shape: unknown): Candidate {
  const sessionId = (shape as { facts?: { sessionId?: unknown } } | null)?.facts?.sessionId;
  const id = typeof sessionId === 'string' && /^[a-z0-9-]{1,64}$/.test(sessionId) ? sessionId : null;
  const parsed = ReflectionRecord.safeParse(shape);
  if (parsed.success) return { line, sessionId: id, record: parsed.data };
  const issue = parsed.error.issues[0];
  return { line, sessionId: id, invalid: `${issue?.path.join('.') || '(entry)'}: ${issue?.message ?? 'invalid'}`.slice(0, 500) };
}

function readJson(content: string): Candidate[] {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw invalidFile(`not JSON (${(error as Error).message})`);
  }
  // Counted before any entry is read: `JsonExport` checks each entry's shape only after the whole array's.
  const entries = (raw as { entries?: unknown } | null)?.entries;
  if (Array.isArray(entries) && entries.length > REFLECTION_IMPORT_MAX_ENTRIES) throw tooLarge();
  const parsed = JsonExport.safeParse(raw);
  if (!parsed.success) throw invalidFile(`not the JSON Stillroom exports (${parsed.error.issues[0]?.path.join('.') || 'format'})`);
  return parsed.data.entries.map((entry, index) => candidateOf(index + 1, entry));
}

/**
 * The records a CSV text can hold, counted in one pass before it is parsed: the line ends (LF, CRLF or a lone CR, as
 * the parser takes any) outside quoted cells (a quote inside one is doubled, so it turns the count off and on
 * again), and a last line without one.
 */
function csvRecordBound(content: string): number {
  let records = 0;
  let quoted = false;
  for (let at = 0; at < content.length; at++) {
    const code = content.charCodeAt(at);
    if (code === 0x22) quoted = !quoted;
    else if (!quoted && (code === 0x0a || (code === 0x0d && content.charCodeAt(at + 1) !== 0x0a))) records++;
  }
  return /[\r\n]$/.test(content) ? records : records + 1;
}

function readCsv(content: string): Candidate[] {
  // One line more than the entries: the header.
  if (csvRecordBound(content) > REFLECTION_IMPORT_MAX_ENTRIES + 1) throw tooLarge();
  let rows: { record: string[]; info: { bytes: number } }[];
  try {
    rows = parseCsv(content, { bom: true, info: true, relax_column_count: false, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (error) {
    throw invalidFile(`not CSV (${(error as Error).message.slice(0, 150)})`);
  }
  const [header, ...body] = rows;
  const columns: readonly string[] | undefined = [CSV_COLUMNS, CSV_COLUMNS_BEFORE_REACH].find((known) => header?.record.join(',') === known.join(','));
  if (!header || !columns) throw invalidFile('the first line is not the columns Stillroom exports');
  // The parser counts a CRLF inside a quoted cell as two lines; a record's line is counted here from its first byte.
  const bytes = Buffer.from(content, 'utf8');
  let counted = 0;
  let line = 1;
  let start = header.info.bytes;
  return body.map(({ record, info }) => {
    for (; counted < start; counted++) {
      if (bytes[counted] === 0x0a || (bytes[counted] === 0x0d && bytes[counted + 1] !== 0x0a)) line++;
    }
    start = info.bytes;
    // A column the file lacks (reached, before the reach counter) reads as empty: not counted.
    const row = Object.fromEntries(CSV_COLUMNS.map((column) => [column, record[columns.indexOf(column)] ?? ''])) as CsvRow;
    return candidateOf(line, recordShapeOfCsvRow(row));
  });
}

/**
 * Adds the valid records through `addAll` (which never overwrites a session already there, and adds all or none) and
 * reports each line.
 */
export async function importCandidates(
  candidates: readonly Candidate[],
  addAll: (records: ReflectionRecord[]) => Promise<readonly (ImportResult | { readonly stopped: string })[]>,
): Promise<{ lines: ImportLine[]; imported: number }> {
  const valid = candidates.filter((candidate) => 'record' in candidate);
  const added = await addAll(valid.map((candidate) => candidate.record));
  const results = new Map(valid.map((candidate, index) => [candidate, added[index]!]));
  const lines = candidates.map((candidate): ImportLine => {
    if ('invalid' in candidate) return { line: candidate.line, sessionId: candidate.sessionId, result: 'refused', detail: candidate.invalid };
    const result = results.get(candidate)!;
    const sessionId = candidate.record.facts.sessionId;
    return typeof result === 'string' ? { line: candidate.line, sessionId, result } : { line: candidate.line, sessionId, result: 'refused', detail: result.stopped };
  });
  return { lines, imported: lines.filter((line) => line.result === 'imported').length };
}
