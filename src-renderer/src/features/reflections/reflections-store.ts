import { create } from 'zustand';
import type { AppError } from '../../../../src-main/contract';
import {
  REFLECTION_IMPORT_MAX_CHARS,
  importLimits,
  type ExportFormat,
  type ImportLine,
  type ReflectionAnswers,
  type ReflectionEntry,
  type ReflectionList,
  type ReflectionOutcome,
  type ReflectionQuery,
  type ReflectionStats,
  type WeeklyReview,
} from '../../../../src-main/contract/reflections';
import { api } from '../../app/api';
import type { Locale } from '../../app/i18n/locale';
import { useNavigation } from '../../app/navigation';
import type { TagCount } from './TagInput';

/** The log's filters as the user set them; empty fields do not narrow. */
export interface LogFilter {
  text: string;
  tag: string;
  outcomes: ReflectionOutcome[];
  depthMin: number | null;
  depthMax: number | null;
  from: string;
  to: string;
}

export const emptyFilter: LogFilter = { text: '', tag: '', outcomes: [], depthMin: null, depthMax: null, from: '', to: '' };

/** The zone the renderer shows days in; the core counts days, weeks and the heatmap in the same one. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The filter as the contract's query: only the fields that narrow. */
export function toQuery(filter: LogFilter): ReflectionQuery {
  const query: ReflectionQuery = { timeZone: localTimeZone() };
  if (filter.text.trim()) query.text = filter.text.trim();
  if (filter.tag) query.tag = filter.tag;
  if (filter.outcomes.length > 0) query.outcomes = filter.outcomes;
  if (filter.depthMin !== null) query.depthMin = filter.depthMin;
  if (filter.depthMax !== null) query.depthMax = filter.depthMax;
  if (filter.from) query.from = filter.from;
  if (filter.to) query.to = filter.to;
  return query;
}

export const isFiltered = (filter: LogFilter): boolean => Object.keys(toQuery(filter)).length > 1;

/** An answer being written: the entry it belongs to (facts, version) and the answers as typed so far. */
export interface ReflectionDraft {
  entry: ReflectionEntry;
  answers: ReflectionAnswers;
}

export type ReflectionNotice = { kind: 'saved'; path: string } | { kind: 'skipped' } | null;

export interface TransferResult {
  /** For an export: how many entries and under which name it was offered; for an import: the per-line report. */
  exported?: { count: number; fileName: string };
  imported?: { imported: number; lines: ImportLine[] };
  /** Why an export or import was refused, shown beside its buttons (not at the top of a long view). */
  error?: AppError;
}

interface ReflectionsStore {
  filter: LogFilter;
  list: ReflectionList | null;
  stats: ReflectionStats | null;
  /** Every tag used so far, most used first: the filter's choices and the prompt's suggestions. */
  tags: TagCount[];
  draft: ReflectionDraft | null;
  notice: ReflectionNotice;
  weekly: WeeklyReview | null;
  transfer: TransferResult | null;
  busy: boolean;
  error: AppError | null;
  /** The log, the pictures and the tags again (on open, and whenever the core says the log changed). */
  refresh(): Promise<void>;
  setFilter(filter: Partial<LogFilter>): Promise<void>;
  clearFilter(): Promise<void>;
  /** Opens the prompt on the most recent session still waiting for its reflection; false when none waits. */
  openPending(): Promise<boolean>;
  /** Opens the prompt on one entry (to write a skipped one, or to edit). */
  openEntry(sessionId: string): Promise<boolean>;
  setAnswers(answers: Partial<ReflectionAnswers>): void;
  /**
   * After a save was refused because the file changed on disk: read it again and keep the answers as typed
   * (`mine`, saved on the next save) or take the file's.
   */
  resolveConflict(keep: 'mine' | 'theirs'): Promise<boolean>;
  save(): Promise<boolean>;
  skip(): Promise<boolean>;
  closeDraft(): void;
  /** Makes a note of the open reflection's thought `index`; the draft follows the file's new version. */
  thoughtToNote(index: number): Promise<boolean>;
  /** "Saved to …" belongs to the moment it happened, not to the next visit. */
  clearNotice(): void;
  loadWeekly(language: Locale): Promise<WeeklyReview | null>;
  exportEntries(format: ExportFormat, filtered: boolean, language: Locale): Promise<{ fileName: string; mimeType: string; content: string } | null>;
  importEntries(format: 'csv' | 'json', content: string): Promise<boolean>;
  clearError(): void;
}

/** The prompt is gone once answered or passed on: keyboard focus goes back to the view's heading. */
const refocusView = () => useNavigation.getState().focusTitle();

const blankAnswers = (): ReflectionAnswers => ({ outcome: null, depth: null, moved: '', next: '', tags: [] });

export const useReflectionsStore = create<ReflectionsStore>((set, get) => {
  const fail = (error: AppError) => {
    set({ busy: false, error: error });
    return false;
  };
  const openDraft = (entry: ReflectionEntry) => {
    // A pending or skipped entry starts blank; a written one opens with its answers to edit.
    set({ draft: { entry, answers: entry.status === 'reflected' ? entry.answers : { ...blankAnswers(), ...entry.answers } }, notice: null, error: null });
  };
  return {
    filter: emptyFilter,
    list: null,
    stats: null,
    tags: [],
    draft: null,
    notice: null,
    weekly: null,
    transfer: null,
    busy: false,
    error: null,

    async refresh() {
      const [list, stats, tags] = await Promise.all([
        api().reflections.list(toQuery(get().filter)),
        api().reflections.stats({ timeZone: localTimeZone() }),
        api().reflections.tags({}),
      ]);
      if (!list.ok) return void fail(list.error);
      if (!stats.ok) return void fail(stats.error);
      if (!tags.ok) return void fail(tags.error);
      set({ list: list.value, stats: stats.value, tags: tags.value.tags });
    },

    async setFilter(partial) {
      const filter = { ...get().filter, ...partial };
      set({ filter });
      const list = await api().reflections.list(toQuery(filter));
      // A slower answer for an older filter must not replace the newer one.
      if (get().filter !== filter) return;
      if (list.ok) set({ list: list.value, error: null });
      else set({ error: list.error });
    },
    clearFilter: () => get().setFilter(emptyFilter),

    async openPending() {
      const result = await api().reflections.pending();
      if (!result.ok) return fail(result.error);
      if (!result.value.entry) {
        set({ draft: null });
        return false;
      }
      openDraft(result.value.entry);
      return true;
    },

    async openEntry(sessionId) {
      const result = await api().reflections.get({ sessionId, timeZone: localTimeZone() });
      if (!result.ok) return fail(result.error);
      openDraft(result.value);
      return true;
    },

    setAnswers(answers) {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, answers: { ...draft.answers, ...answers } } });
    },

    // The core moves the session on the end screen on by itself (ended -> reflected) once the answer is in or
    // passed on; its session event updates the Focus view.
    async resolveConflict(keep) {
      const draft = get().draft;
      if (!draft) return false;
      const result = await api().reflections.get({ sessionId: draft.entry.facts.sessionId, timeZone: localTimeZone() });
      if (!result.ok) return fail(result.error);
      set({ draft: { entry: result.value, answers: keep === 'mine' ? draft.answers : result.value.answers }, error: null });
      return true;
    },

    async save() {
      const draft = get().draft;
      if (!draft || get().busy) return false;
      set({ busy: true, error: null });
      const { sessionId } = draft.entry.facts;
      const result = await api().reflections.save({ sessionId, answers: draft.answers, baseVersion: draft.entry.version });
      // A refusal keeps the draft: nothing typed is lost.
      if (!result.ok) return fail(result.error);
      set({ busy: false, draft: null, notice: { kind: 'saved', path: result.value.path } });
      refocusView();
      await get().refresh();
      return true;
    },

    async skip() {
      const draft = get().draft;
      if (!draft || get().busy) return false;
      const { sessionId } = draft.entry.facts;
      // Editing a written (or already skipped) entry: leaving it is just closing.
      if (draft.entry.status !== 'pending') {
        get().closeDraft();
        return true;
      }
      set({ busy: true, error: null });
      const result = await api().reflections.skip({ sessionId });
      if (!result.ok) return fail(result.error);
      set({ busy: false, draft: null, notice: { kind: 'skipped' } });
      refocusView();
      await get().refresh();
      return true;
    },

    closeDraft() {
      set({ draft: null, error: null });
      refocusView();
    },

    async thoughtToNote(index) {
      const draft = get().draft;
      if (!draft || get().busy) return false;
      set({ busy: true, error: null });
      const result = await api().reflections.thoughtToNote({ sessionId: draft.entry.facts.sessionId, index });
      if (!result.ok) return fail(result.error);
      // The answers typed so far stay; the save that follows is based on the file as the note left it.
      const current = get().draft;
      set({ busy: false, draft: current && current.entry.facts.sessionId === result.value.entry.facts.sessionId ? { ...current, entry: result.value.entry } : current });
      return true;
    },

    clearNotice: () => set({ notice: null }),

    async loadWeekly(language) {
      const result = await api().reflections.weekly({ timeZone: localTimeZone(), language });
      if (!result.ok) {
        fail(result.error);
        return null;
      }
      set({ weekly: result.value, error: null });
      return result.value;
    },

    async exportEntries(format, filtered, language) {
      const filter = filtered ? toQuery(get().filter) : undefined;
      const result = await api().reflections.export({ format, language, ...(filter ? { filter } : {}) });
      if (!result.ok) {
        set({ transfer: { error: result.error } });
        return null;
      }
      set({ transfer: { exported: { count: result.value.count, fileName: result.value.fileName } }, error: null });
      return result.value;
    },

    async importEntries(format, content) {
      // The call would refuse it as malformed; this says why.
      if (content.length > REFLECTION_IMPORT_MAX_CHARS) {
        set({ error: null, transfer: { error: { code: 'reflection-import-too-large', message: 'the file is larger than an import takes', params: importLimits } } });
        return false;
      }
      set({ busy: true, error: null, transfer: null });
      const result = await api().reflections.import({ format, content });
      if (!result.ok) {
        set({ busy: false, transfer: { error: result.error } });
        return false;
      }
      set({ busy: false, transfer: { imported: result.value } });
      await get().refresh();
      return true;
    },

    clearError: () => set({ error: null }),
  };
});

/**
 * Keeps the log in step with the files: a save elsewhere, an external edit, a new pending one, indexing progress;
 * subscribes, then reads the log once. Changes that arrive while a refresh runs (a cold index reports progress
 * often) are read in one more refresh.
 */
export function followReflections(): () => void {
  let running: Promise<void> | null = null;
  let again = false;
  const refresh = () => {
    if (running) {
      again = true;
      return;
    }
    running = useReflectionsStore
      .getState()
      .refresh()
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  const stop = api().reflections.onChanged(refresh);
  refresh();
  return stop;
}
