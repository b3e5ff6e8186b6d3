import type {
  CalendarContext,
  ExportFormat,
  IndexProgress,
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
import { ReflectionLog } from './reflection-log';
import { calendarOf, reflectionStats } from './reflection-stats';
import { exportReflections, importCandidates, readImport, type ExportedFile } from './reflection-transfer';
import { weeklyReview } from './weekly-review';
import { hostTimeZone } from './zoned-calendar';

export interface ReflectionServiceOptions {
  /** The vault folder in use now; it can change while the app runs (Settings), and the log follows it. */
  readonly vaultFolder: () => string;
  /** Where a vault's index cache lives in the app's data folder. */
  readonly cachePathFor: (vaultFolder: string) => string;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  readonly onChange: (progress: IndexProgress | null) => void;
  readonly watch?: boolean;
  readonly timeZone?: () => string;
  /** Whether downloads can carry any file name here (download-name.ts); else exports are offered under ASCII names. */
  readonly unicodeFileNames: boolean;
}

/**
 * The reflection log as the app uses it: the log of the vault in use (opened anew when the vault changes), and
 * the questions asked of it (stats, the weekly review, export and import), each in the caller's time zone.
 */
export class ReflectionService {
  private current: Promise<ReflectionLog>;
  private folder: string;
  private stopListening: () => void = () => undefined;

  private constructor(private readonly options: ReflectionServiceOptions) {
    this.folder = options.vaultFolder();
    this.current = this.openLog(this.folder);
  }

  static async open(options: ReflectionServiceOptions): Promise<ReflectionService> {
    const service = new ReflectionService(options);
    await service.current;
    return service;
  }

  async list(query: ReflectionQuery): Promise<ReflectionList> {
    return (await this.log()).list(query);
  }

  async get(sessionId: string, timeZone?: string): Promise<ReflectionEntry> {
    return (await this.log()).get(sessionId, timeZone);
  }

  async save(sessionId: string, answers: ReflectionAnswers, baseVersion: string): Promise<ReflectionEntry> {
    return (await this.log()).save(sessionId, answers, baseVersion);
  }

  async skip(sessionId: string): Promise<ReflectionEntry> {
    return (await this.log()).skip(sessionId);
  }

  async pending(): Promise<ReflectionEntry | null> {
    const log = await this.log();
    // At the start the index may still be reading files; the pending one must not be missed for that.
    await log.whenIndexed();
    return log.pending();
  }

  async recordEnded(facts: ReflectionFacts): Promise<ReflectionEntry> {
    return (await this.log()).recordEnded(facts);
  }

  async tags(prefix?: string): Promise<{ tag: string; count: number }[]> {
    return (await this.log()).tags(prefix);
  }

  async stats(context: CalendarContext): Promise<ReflectionStats> {
    const log = await this.log();
    return { ...reflectionStats(log.entries(), this.calendar(context)), progress: log.indexProgress() };
  }

  async weekly(context: CalendarContext, language: Locale): Promise<WeeklyReview> {
    return weeklyReview((await this.log()).entries(), this.calendar(context), language, this.options.unicodeFileNames);
  }

  async export(format: ExportFormat, filter: ReflectionQuery | undefined, language: Locale): Promise<ExportedFile> {
    const log = await this.log();
    const calendar = this.calendar({ timeZone: filter?.timeZone });
    return exportReflections(log.matching(filter ?? {}), format, { language, timeZone: calendar.timeZone, today: calendar.today, now: this.options.clock.now(), unicodeFileNames: this.options.unicodeFileNames });
  }

  async import(format: 'csv' | 'json', content: string) {
    const candidates = readImport(format, content);
    const log = await this.log();
    return importCandidates(candidates, (record) => log.add(record));
  }

  /** The old `session/history.json`, once, into this vault's log (see history-migration.ts). */
  async migrateHistory(historyPath: string): Promise<HistoryMigration> {
    const log = await this.log();
    await log.whenIndexed();
    return migrateSessionHistory(historyPath, log);
  }

  async close(): Promise<void> {
    this.stopListening();
    await (await this.current.catch(() => null))?.close();
  }

  private calendar(context: CalendarContext) {
    return calendarOf(context, this.options.clock.now(), (this.options.timeZone ?? hostTimeZone)());
  }

  private async log(): Promise<ReflectionLog> {
    const folder = this.options.vaultFolder();
    if (folder !== this.folder) {
      const previous = this.current;
      this.folder = folder;
      this.current = this.openLog(folder);
      await (await previous.catch(() => null))?.close();
      this.options.onChange((await this.current).indexProgress());
    }
    return this.current;
  }

  private async openLog(vaultDir: string): Promise<ReflectionLog> {
    this.stopListening();
    const log = await ReflectionLog.open({
      vaultDir,
      cachePath: this.options.cachePathFor(vaultDir),
      clock: this.options.clock,
      log: this.options.log,
      watch: this.options.watch,
      timeZone: this.options.timeZone,
    });
    this.stopListening = log.onChange(this.options.onChange);
    return log;
  }
}
