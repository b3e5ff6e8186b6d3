import { z } from 'zod';
import { call, event, noInput } from './define';
import { NoteName } from './notes';
import { Locale } from './locale';
import { ProtectionStatus } from './protection';
import { CommitmentMode, EarlyEndReason, Intent, MAX_PARKED_THOUGHTS, ParkedThought, SessionId } from './session';

/** The free text is a short look back, not a note: two answers of a few paragraphs each. */
export const REFLECTION_TEXT_MAX_CHARS = 4000;
export const REFLECTION_TAG_MAX_CHARS = 40;
export const REFLECTION_MAX_TAGS = 12;
/** Export and import move whole logs; ten years of daily reflections stay well inside this. */
export const REFLECTION_TRANSFER_MAX_CHARS = 64 * 1024 * 1024;
export const REFLECTION_MAX_ENTRIES = 100_000;
/**
 * What one import takes, checked before anything is parsed: 20,000 entries are five sessions a day for ten years, and
 * their CSV (JSON is larger) stays well inside the size, so parsing them holds up the app for about a second. A larger
 * log is imported in parts, exported by date range.
 */
export const REFLECTION_IMPORT_MAX_ENTRIES = 20_000;
export const REFLECTION_IMPORT_MAX_CHARS = 32 * 1024 * 1024;
/** The limits as `reflection-import-too-large` names them, from the core or from the window before it sends. */
export const importLimits = { entries: REFLECTION_IMPORT_MAX_ENTRIES, megabytes: REFLECTION_IMPORT_MAX_CHARS / (1024 * 1024) } as const;

const Millis = z.number().int().min(0).max(8.64e15);
const Minutes = z.number().int().min(0).max(100_000);

/** A calendar day in the time zone the question was asked in: `2026-12-03`. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** An IANA time zone name (`Europe/Berlin`); days, weeks and the heatmap are counted in it. */
export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'not a known time zone');
export type TimeZone = z.infer<typeof TimeZone>;

export const ReflectionOutcome = z.enum(['yes', 'partly', 'no']);
export type ReflectionOutcome = z.infer<typeof ReflectionOutcome>;

export const ReflectionDepth = z.number().int().min(1).max(5);
export type ReflectionDepth = z.infer<typeof ReflectionDepth>;

/** A tag as Obsidian accepts it in front matter: one word (letters of any script, digits, `-`, `_`, `/`). */
export const ReflectionTag = z
  .string()
  .min(1)
  .max(REFLECTION_TAG_MAX_CHARS)
  .regex(/^[\p{L}\p{N}_/-]+$/u, 'one word: letters, digits, - _ /')
  .refine((tag) => !/^\d+$/.test(tag), 'a tag needs a letter');
export type ReflectionTag = z.infer<typeof ReflectionTag>;

export const ReflectionText = z.string().max(REFLECTION_TEXT_MAX_CHARS);

/**
 * `pending`: the session ended and waits for its reflection. `skipped`: the user passed on it (it can still be
 * written later from the log). `reflected`: answered.
 */
export const ReflectionStatus = z.enum(['pending', 'skipped', 'reflected']);
export type ReflectionStatus = z.infer<typeof ReflectionStatus>;

const FormulaCount = z.number().int().min(0).max(1_000_000);

/**
 * A note saved while the session ran, as it was named then (it may have been renamed or deleted since), with how
 * many of its formulas the session added and changed (src-shared/markdown/note-formulas.ts defines both). Null:
 * not counted, a session recorded before Stillroom counted formulas (reflection files of version 1, old exports).
 */
export const ReflectionNoteRef = z
  .object({
    name: NoteName,
    title: z.string().max(200),
    formulasAdded: FormulaCount.nullable().default(null),
    formulasChanged: FormulaCount.nullable().default(null),
  })
  .strict();
export type ReflectionNoteRef = z.infer<typeof ReflectionNoteRef>;

/** Most blocked hosts, and reach times per host, one session keeps (the guard keeps at most 2,000 attempts a lease). */
export const REACHED_MAX_HOSTS = 200;
export const REACHED_MAX_TIMES = 100;

/**
 * A blocked site the user reached for during the session, as the guard's reach counter saw it: how many times, and
 * when (the first REACHED_MAX_TIMES). Connections to one host within a couple of seconds are one reach (a page opens
 * several), src-main/core/guard-client/reach.ts.
 */
export const ReachedHost = z
  .object({
    host: z.string().max(253),
    count: z.number().int().min(1).max(1_000_000),
    times: z.array(Millis).max(REACHED_MAX_TIMES),
  })
  .strict();
export type ReachedHost = z.infer<typeof ReachedHost>;

/**
 * A thought parked during the session, as its reflection keeps it: kept as it is (`note` null), or turned into a note
 * (`note`: the note's name when it was made; the note may have been renamed or deleted since).
 */
export const ReflectionThought = ParkedThought.extend({ note: NoteName.nullable() }).strict();
export type ReflectionThought = z.infer<typeof ReflectionThought>;

/**
 * What happened, as the core recorded it when the session ended. Read-only: the renderer never sends facts, a save
 * only carries the answers. `plannedMinutes` includes extensions; `actualMinutes` is start to end, rounded.
 */
export const ReflectionFacts = z
  .object({
    sessionId: SessionId,
    intent: Intent,
    startedAt: Millis,
    endedAt: Millis,
    plannedMinutes: Minutes,
    actualMinutes: Minutes,
    mode: CommitmentMode,
    /** `completed` also covers a session whose deadline passed while the app was closed. */
    ending: z.enum(['completed', 'ended-early']),
    earlyEndReason: EarlyEndReason.nullable(),
    /** Each protection's final status, exactly as the session reported it. */
    protections: z.array(ProtectionStatus).max(8),
    notes: z.array(ReflectionNoteRef).max(200),
    /**
     * Reaches for blocked sites, most first; empty when counted and none. Null: not counted (no guard lease, the
     * counter fell back, or a session recorded before Stillroom counted them: reflection files of version 2).
     */
    reached: z.array(ReachedHost).max(REACHED_MAX_HOSTS).nullable().default(null),
    /** The thoughts parked during the session, oldest first (none in files written before thoughts were parked). */
    thoughts: z.array(ReflectionThought).max(MAX_PARKED_THOUGHTS).default([]),
    /** The session ran for a schedule window (started by it, or joined by it); false in files written before schedules. */
    scheduled: z.boolean().default(false),
  })
  .strict();
export type ReflectionFacts = z.infer<typeof ReflectionFacts>;

/** What the user writes. Unanswered questions stay null / empty; a reflection may answer only some. */
export const ReflectionAnswers = z
  .object({
    outcome: ReflectionOutcome.nullable(),
    depth: ReflectionDepth.nullable(),
    /** Markdown (math allowed). */
    moved: ReflectionText,
    next: ReflectionText,
    tags: z.array(ReflectionTag).max(REFLECTION_MAX_TAGS),
  })
  .strict();
export type ReflectionAnswers = z.infer<typeof ReflectionAnswers>;

/** Content hash (sha256, hex) of the file as read: a save based on an older one is refused. */
export const ReflectionVersion = z.string().regex(/^[0-9a-f]{64}$/);

export const ReflectionEntry = z
  .object({
    facts: ReflectionFacts,
    answers: ReflectionAnswers,
    status: ReflectionStatus,
    reflectedAt: Millis.nullable(),
    /** The file, relative to the vault, with `/` separators: `Reflections/2026/12/2026-12-03-0930-lemma-3.md`. */
    path: z.string().max(1024),
    version: ReflectionVersion,
    /** The local day of the start in the zone the list was asked for, so the log groups without date math. */
    day: LocalDate,
  })
  .strict();
export type ReflectionEntry = z.infer<typeof ReflectionEntry>;

/** A file in `Reflections/` that could not be read as a reflection; listed so the user can fix it. */
/** `outside-link`: a link to a file or folder outside the vault (or the Reflections folder itself is one): never followed. */
/** `not-downloaded`: iCloud holds only a placeholder of it here; it is never read (which would force a download). */
export const UnreadableReason = z.enum(['too-large', 'not-text', 'no-front-matter', 'bad-yaml', 'bad-fields', 'newer-version', 'unreadable', 'outside-link', 'not-downloaded']);
export const UnreadableReflection = z
  .object({ path: z.string().max(1024), reason: UnreadableReason, detail: z.string().max(500) })
  .strict();
export type UnreadableReflection = z.infer<typeof UnreadableReflection>;

/** While the index is built from the files (the first start, or a new vault): how far it got. */
export const IndexProgress = z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).strict();
export type IndexProgress = z.infer<typeof IndexProgress>;

/** Every field narrows; all given must match. Days are inclusive and counted in `timeZone` (default: the host's). */
export const ReflectionQuery = z
  .object({
    /** Every word must appear in the intent, the answers, the tags or the early-end reason (case-insensitive). */
    text: z.string().max(200).optional(),
    tag: ReflectionTag.optional(),
    outcomes: z.array(ReflectionOutcome).max(3).optional(),
    depthMin: ReflectionDepth.optional(),
    depthMax: ReflectionDepth.optional(),
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    status: z.array(ReflectionStatus).max(3).optional(),
    timeZone: TimeZone.optional(),
  })
  .strict();
export type ReflectionQuery = z.input<typeof ReflectionQuery>;

export const ReflectionList = z
  .object({
    /** Newest start first. */
    entries: z.array(ReflectionEntry).max(REFLECTION_MAX_ENTRIES),
    unreadable: z.array(UnreadableReflection).max(REFLECTION_MAX_ENTRIES),
    /** Non-null while the index is still being built; the entries so far are already in the list. */
    progress: IndexProgress.nullable(),
  })
  .strict();
export type ReflectionList = z.infer<typeof ReflectionList>;

const bySession = z.object({ sessionId: SessionId }).strict();

export const ReflectionSave = z
  .object({
    sessionId: SessionId,
    answers: ReflectionAnswers,
    /** The version the edit started from; refused with `reflection-conflict` when the file changed since. */
    baseVersion: ReflectionVersion,
  })
  .strict();
export type ReflectionSave = z.input<typeof ReflectionSave>;

/** The "when" of a question about days: the zone and today's date there; both default to the host's. */
export const CalendarContext = z
  .object({
    timeZone: TimeZone.optional(),
    today: LocalDate.optional(),
    /** 1 = Monday (the default), 0 = Sunday. */
    weekStartsOn: z.union([z.literal(0), z.literal(1)]).optional(),
  })
  .strict();
export type CalendarContext = z.input<typeof CalendarContext>;

const DayMinutes = z.object({ date: LocalDate, minutes: Minutes }).strict();

export const ReflectionStats = z
  .object({
    timeZone: TimeZone,
    today: LocalDate,
    /** Every day of the 53 weeks up to today, oldest first, starting on the week's first day; minutes are split at midnight. */
    heatmap: z.array(DayMinutes).max(400),
    /** The last 12 weeks, oldest first; `weekStart` is the week's first day. */
    weeks: z.array(z.object({ weekStart: LocalDate, minutes: Minutes }).strict()).max(12),
    /** Each answered depth by the session's start, oldest first. */
    depth: z.array(z.object({ sessionId: SessionId, startedAt: Millis, date: LocalDate, depth: ReflectionDepth }).strict()).max(REFLECTION_MAX_ENTRIES),
    totals: z
      .object({
        minutesThisWeek: Minutes,
        longestSessionMinutes: Minutes,
        /** Days (in the zone) with at least one session that ran to its end. */
        completedDays: z.number().int().min(0),
        sessions: z.number().int().min(0),
      })
      .strict(),
    progress: IndexProgress.nullable(),
  })
  .strict();
export type ReflectionStats = z.infer<typeof ReflectionStats>;

export const WeeklyReview = z
  .object({
    from: LocalDate,
    to: LocalDate,
    minutes: Minutes,
    sessions: z.number().int().min(0),
    outcomes: z.object({ yes: z.number().int(), partly: z.number().int(), no: z.number().int(), unanswered: z.number().int() }).strict(),
    /** Thoughts parked in the week's sessions. */
    thoughts: z.number().int().min(0),
    /** Scheduled windows skipped ("skip today") in the week, by their local date. */
    skippedWindows: z.number().int().min(0),
    /** Oldest first. */
    entries: z.array(ReflectionEntry).max(10_000),
    markdown: z.string().max(REFLECTION_TRANSFER_MAX_CHARS),
    /** A file name for saving `markdown`: `Stillroom weekly review 2026-11-27 – 2026-12-03.md`. */
    fileName: z.string().max(200),
  })
  .strict();
export type WeeklyReview = z.infer<typeof WeeklyReview>;

export const ExportFormat = z.enum(['csv', 'json', 'markdown']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** What an import did with each record (a CSV row's line number, or a JSON array index counted from 1). */
export const ImportLine = z
  .object({
    line: z.number().int().min(1),
    sessionId: SessionId.nullable(),
    result: z.enum(['imported', 'unchanged', 'kept-existing', 'refused']),
    /** For `refused`: what was wrong (English detail; the result itself is what the UI translates). */
    detail: z.string().max(500).optional(),
  })
  .strict();
export type ImportLine = z.infer<typeof ImportLine>;

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const reflectionsErrorCodes = [
  'reflection-not-found',
  'reflection-conflict',
  'reflection-write-failed',
  'reflection-import-invalid',
  /** More than REFLECTION_IMPORT_MAX_ENTRIES entries; nothing was read. */
  'reflection-import-too-large',
  /** A write failed midway; what the import had written was taken back. */
  'reflection-import-failed',
  'reflection-thought-not-found',
] as const;

export const reflectionsContract = {
  /** The log, filtered; also reports unreadable files and, while indexing, progress. */
  list: call(ReflectionQuery, ReflectionList),
  /** Refused with `reflection-not-found`. `timeZone` only sets the entry's `day`. */
  get: call(z.object({ sessionId: SessionId, timeZone: TimeZone.optional() }).strict(), ReflectionEntry),
  /** Writes the answers (first time or an edit); the facts stay what the file holds. Status becomes `reflected`. */
  save: call(ReflectionSave, ReflectionEntry),
  /** pending -> skipped; the entry stays in the log to be written later. */
  skip: call(bySession, ReflectionEntry),
  /** The most recent ended session that still wants its reflection (status `pending`), or null. */
  pending: call(noInput, z.object({ entry: ReflectionEntry.nullable() }).strict()),
  stats: call(CalendarContext, ReflectionStats),
  /** The last 7 days up to `today`, inclusive, written in the language the user reads (as is `export`). */
  weekly: call(CalendarContext.extend({ language: Locale }).strict(), WeeklyReview),
  /** The content to save as a file (the renderer offers it as a download); `filter` absent = everything. */
  export: call(
    z.object({ format: ExportFormat, filter: ReflectionQuery.optional(), language: Locale }).strict(),
    z.object({ fileName: z.string().max(200), mimeType: z.string().max(100), content: z.string().max(REFLECTION_TRANSFER_MAX_CHARS), count: z.number().int().min(0) }).strict(),
  ),
  /**
   * Reads what `export` wrote as JSON or CSV. A session already in the log is never overwritten (`kept-existing`,
   * or `unchanged` when identical); the whole text refused with `reflection-import-invalid` if it is not such a file,
   * `reflection-import-too-large` past REFLECTION_IMPORT_MAX_ENTRIES. All or nothing: `reflection-import-failed`
   * when a write failed, after taking back what the import wrote.
   */
  import: call(
    z.object({ format: z.enum(['csv', 'json']), content: z.string().max(REFLECTION_IMPORT_MAX_CHARS) }).strict(),
    z.object({ lines: z.array(ImportLine).max(REFLECTION_IMPORT_MAX_ENTRIES), imported: z.number().int().min(0) }).strict(),
  ),
  /**
   * Makes a note of the session's thought number `index` (from 0), named by the thought, and records the note's name
   * with it in the reflection. Refused with `reflection-thought-not-found` when there is no such thought; a thought
   * already made a note gives that note's name again (no second note).
   */
  thoughtToNote: call(
    z.object({ sessionId: SessionId, index: z.number().int().min(0).max(MAX_PARKED_THOUGHTS - 1) }).strict(),
    z.object({ entry: ReflectionEntry, note: NoteName }).strict(),
  ),
  /** Tags used before, most used first; with `prefix`, only those starting with it (case-insensitive). */
  tags: call(
    z.object({ prefix: z.string().max(REFLECTION_TAG_MAX_CHARS).optional() }).strict(),
    z.object({ tags: z.array(z.object({ tag: ReflectionTag, count: z.number().int().min(1) }).strict()).max(10_000) }).strict(),
  ),
  /** Something in the log changed (a save, a new pending one, a file edited outside, indexing progress): list again. */
  changed: event(z.object({ progress: IndexProgress.nullable() }).strict()),
};
