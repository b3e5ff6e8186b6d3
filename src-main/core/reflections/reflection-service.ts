import type {
  CalendarContext,
  ExportFormat,
  LocalDate,
  ReflectionAnswers,
  ReflectionEntry,
  ReflectionFacts,
  ReflectionList,
  ReflectionQuery,
  ReflectionStats,
  WeeklyReview,
} from '../../contract/reflections';
import type { Locale } from '../../contract/locale';
import type { Clock } from '../clock';
import { migrateSessionHistory, type HistoryMigration } from './history-migration';
import type { ReflectionLog } from './reflection-log';
import { calendarOf, reflectionStats } from './reflection-stats';
import { exportReflections, importCandidates, readImport, type ExportedFile } from './reflection-transfer';
import { weeklyReview } from './weekly-review';
import { hostTimeZone } from './zoned-calendar';

export interface ReflectionServiceOptions {
  /** The log of the vault in use now; the vault selection opens one per vault and switches them. */
  readonly log: () => ReflectionLog;
  readonly clock: Clock;
  readonly timeZone?: () => string;
  /** Whether downloads can carry any file name here (download-name.ts); else exports are offered under ASCII names. */
  readonly unicodeFileNames: boolean;
  /** Makes a note in the vault named by a parked thought; answers the note's name (notes/note-vault.ts `create`). */
  readonly makeNote: (thought: string) => Promise<string>;
  /** The local dates of the scheduled windows skipped ("skip today"), for the weekly review; none without a schedule. */
  readonly skippedDates?: () => Promise<readonly LocalDate[]>;
}

/**
 * The reflection log as the app uses it: the log of the vault in use, and the questions asked of it (stats, the
 * weekly review, export and import), each in the caller's time zone.
 */
export class ReflectionService {
  constructor(private readonly options: ReflectionServiceOptions) {}

  async list(query: ReflectionQuery): Promise<ReflectionList> {
    return this.log().list(query);
  }

  async get(sessionId: string, timeZone?: string): Promise<ReflectionEntry> {
    return this.log().get(sessionId, timeZone);
  }

  async save(sessionId: string, answers: ReflectionAnswers, baseVersion: string): Promise<ReflectionEntry> {
    return this.log().save(sessionId, answers, baseVersion);
  }

  async skip(sessionId: string): Promise<ReflectionEntry> {
    return this.log().skip(sessionId);
  }

  async pending(): Promise<ReflectionEntry | null> {
    const log = this.log();
    // At the start the index may still be reading files; the pending one must not be missed for that.
    await log.whenIndexed();
    return log.pending();
  }

  async recordEnded(facts: ReflectionFacts): Promise<ReflectionEntry> {
    return this.log().recordEnded(facts);
  }

  async thoughtToNote(sessionId: string, index: number): Promise<{ entry: ReflectionEntry; note: string }> {
    return this.log().thoughtToNote(sessionId, index, this.options.makeNote);
  }

  async tags(prefix?: string): Promise<{ tag: string; count: number }[]> {
    return this.log().tags(prefix);
  }

  async stats(context: CalendarContext): Promise<ReflectionStats> {
    const log = this.log();
    return { ...reflectionStats(log.entries(), this.calendar(context)), progress: log.indexProgress() };
  }

  async weekly(context: CalendarContext, language: Locale): Promise<WeeklyReview> {
    const skipped = (await this.options.skippedDates?.()) ?? [];
    return weeklyReview(this.log().entries(), this.calendar(context), language, this.options.unicodeFileNames, skipped);
  }

  async export(format: ExportFormat, filter: ReflectionQuery | undefined, language: Locale): Promise<ExportedFile> {
    const log = this.log();
    const calendar = this.calendar({ timeZone: filter?.timeZone });
    return exportReflections(log.matching(filter ?? {}), format, { language, timeZone: calendar.timeZone, today: calendar.today, now: this.options.clock.now(), unicodeFileNames: this.options.unicodeFileNames });
  }

  async import(format: 'csv' | 'json', content: string) {
    const candidates = readImport(format, content);
    const log = this.log();
    return importCandidates(candidates, (records) => log.addAll(records));
  }

  /** The old `session/history.json`, once, into this vault's log (see history-migration.ts). */
  async migrateHistory(historyPath: string): Promise<HistoryMigration> {
    const log = this.log();
    await log.whenIndexed();
    return migrateSessionHistory(historyPath, log);
  }

  private calendar(context: CalendarContext) {
    return calendarOf(context, this.options.clock.now(), (this.options.timeZone ?? hostTimeZone)());
  }

  private log(): ReflectionLog {
    return this.options.log();
  }
}
