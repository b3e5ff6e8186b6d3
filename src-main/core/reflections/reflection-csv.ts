import type { ReflectionRecord } from './reflection-file';

/** The CSV export's columns, in order; an import accepts exactly these (snake_case, so spreadsheets sort them). */
export const CSV_COLUMNS = [
  'session_id',
  'intent',
  'start',
  'end',
  'planned_minutes',
  'actual_minutes',
  'mode',
  'ending',
  'early_end_reason',
  'status',
  'reflected_at',
  'outcome',
  'depth',
  'tags',
  'what_moved',
  'whats_next',
  'protections',
  'notes',
  'reached',
] as const;

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

/** The columns of exports from before the reach counter, still read back: their rows counted no reaches. */
export const CSV_COLUMNS_BEFORE_REACH = CSV_COLUMNS.filter((column) => column !== 'reached');

/**
 * Where a spreadsheet may start a cell inside ours: the start, or after any separator it may split on (`,` `;` tab
 * `|`, the default of one locale or another; a line end, where quotes are not honoured), past spaces it may trim and
 * a quote it may take as the cell's own. A spreadsheet splitting on `;` does not see our `,` quoting: for it a quote
 * in mid-cell is text, so `notes;=1+1` would hand it the cell `=1+1`.
 */
const CELL_START = /(?<=^|[,;\t|\r\n][ "]*)/.source;
// A cell starting like a formula (=, +, -, @, tab, CR) would run in a spreadsheet; a ' before it makes it text.
// Quotes already there before such a character get one more, so reading back removes exactly one.
const FORMULA = new RegExp(`${CELL_START}(?='*[=+\\-@\\t\\r])`, 'g');
const ESCAPED = new RegExp(`${CELL_START}'(?='*[=+\\-@\\t\\r])`, 'g');
export const escapeFormula = (text: string): string => text.replace(FORMULA, "'");
export const unescapeFormula = (text: string): string => text.replace(ESCAPED, '');

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

export function csvRowOf(record: ReflectionRecord): CsvRow {
  const { facts, answers } = record;
  const row: CsvRow = {
    session_id: facts.sessionId,
    intent: facts.intent,
    start: iso(facts.startedAt),
    end: iso(facts.endedAt),
    planned_minutes: String(facts.plannedMinutes),
    actual_minutes: String(facts.actualMinutes),
    mode: facts.mode,
    ending: facts.ending,
    early_end_reason: facts.earlyEndReason ?? '',
    status: record.status,
    reflected_at: iso(record.reflectedAt),
    outcome: answers.outcome ?? '',
    depth: answers.depth === null ? '' : String(answers.depth),
    tags: answers.tags.join(' '),
    what_moved: answers.moved,
    whats_next: answers.next,
    protections: JSON.stringify(facts.protections),
    notes: JSON.stringify(facts.notes),
    reached: JSON.stringify(facts.reached),
  };
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, escapeFormula(value)])) as CsvRow;
}

/** A row back into a record's shape; the caller validates it (a cell can hold anything). */
export function recordShapeOfCsvRow(escaped: CsvRow): unknown {
  const row = Object.fromEntries(Object.entries(escaped).map(([key, value]) => [key, unescapeFormula(value)])) as CsvRow;
  const instant = (text: string) => (text === '' ? null : Date.parse(text));
  const integer = (text: string) => (text === '' ? null : Number(text));
  const json = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  return {
    facts: {
      sessionId: row.session_id,
      intent: row.intent,
      startedAt: instant(row.start),
      endedAt: instant(row.end),
      plannedMinutes: integer(row.planned_minutes),
      actualMinutes: integer(row.actual_minutes),
      mode: row.mode,
      ending: row.ending,
      earlyEndReason: row.early_end_reason === '' ? null : row.early_end_reason,
      protections: json(row.protections),
      notes: json(row.notes),
      reached: row.reached === '' ? null : json(row.reached),
    },
    answers: {
      outcome: row.outcome === '' ? null : row.outcome,
      depth: integer(row.depth),
      moved: row.what_moved,
      next: row.whats_next,
      tags: row.tags.split(' ').filter(Boolean),
    },
    status: row.status,
    reflectedAt: instant(row.reflected_at),
  };
}
