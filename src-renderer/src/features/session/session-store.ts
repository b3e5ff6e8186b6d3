import { create } from 'zustand';
import type { AppError, Result } from '../../../../src-main/contract';
import { SESSION_PRESETS, type CommitmentMode, type EndRequest, type EndRequirement, type SessionPrefs, type SessionState } from '../../../../src-main/contract/session';
import { api } from '../../app/api';
import { pushOrder } from '../../app/push-order';
import { useNavigation } from '../../app/navigation';
import { useSettingsStore } from '../../app/settings-store';
import { useNotesStore } from '../notepad';
import { openReflection } from '../reflections';

/** What the start form holds before a session starts (the preset, or the custom minutes as typed). */
export interface SessionDraft {
  intent: string;
  minutes: number;
  custom: boolean;
  mode: CommitmentMode;
  /** "Only these sites": browsers open only the allowlist in Settings. Off for each new form. */
  allowOnly: boolean;
}

/** The form as Settings would fill it: default length and mode, and the last intent. */
export const draftFrom = (prefs: SessionPrefs): SessionDraft => ({
  intent: prefs.lastIntent,
  minutes: prefs.defaultMinutes,
  custom: !(SESSION_PRESETS as readonly number[]).includes(prefs.defaultMinutes),
  mode: prefs.defaultMode,
  allowOnly: false,
});

interface SessionStore {
  /** Mirror of main's session; null until main answered. Never persisted here. */
  state: SessionState | null;
  draft: SessionDraft | null;
  /** What ending takes, once the user asked to end; null when no end dialog is open. */
  ending: EndRequirement | null;
  busy: boolean;
  error: AppError | null;
  load(): Promise<boolean>;
  /** A state main pushed (the tray, the shortcut, the deadline): newer than any answer still on its way. */
  receive(state: SessionState): void;
  /** Fills the start form from Settings once they are known, unless it is filled already. */
  prepareDraft(): void;
  setDraft(draft: Partial<SessionDraft>): void;
  start(): Promise<boolean>;
  extend(): Promise<boolean>;
  requestEnd(): Promise<boolean>;
  cancelEnd(): void;
  end(request: EndRequest): Promise<boolean>;
  clearError(): void;
  /** Whether the quiet line that parks a thought is open; only while a session runs. */
  parkLineOpen: boolean;
  /** Why the last thought was not parked; shown in the line itself, nowhere else. */
  parkError: AppError | null;
  openParkLine(): void;
  closeParkLine(): void;
  /** Parks a thought in the running session; the line closes once it is kept. */
  parkThought(text: string): Promise<boolean>;
}

export const useSessionStore = create<SessionStore>((set, get) => {
  const order = pushOrder();
  /** Runs one call to main; its answer (or its typed error) changes the mirror unless main pushed a newer state. */
  const run = async (call: () => Promise<Result<SessionState>>): Promise<boolean> => {
    set({ busy: true, error: null });
    const { result, newest } = await order.call(call);
    if (result.ok) set(newest ? { state: result.value, busy: false } : { busy: false });
    else set({ error: result.error, busy: false });
    return result.ok;
  };
  return {
    state: null,
    draft: null,
    ending: null,
    busy: false,
    error: null,
    load: () => order.mirror(set, () => api().session.state()),
    receive(state) {
      order.pushed();
      // A session that is no longer running has nothing left to end, and nowhere to park a thought.
      const running = state.phase === 'running';
      set({ state, ending: running ? get().ending : null, parkLineOpen: running && get().parkLineOpen });
    },
    prepareDraft() {
      const prefs = useSettingsStore.getState().state?.settings.session;
      if (!get().draft && prefs) set({ draft: draftFrom(prefs) });
    },
    setDraft(draft) {
      const current = get().draft;
      if (current) set({ draft: { ...current, ...draft } });
    },
    async start() {
      // The palette may start a session before the Focus view ever filled its form.
      const prefs = useSettingsStore.getState().state?.settings.session;
      const draft = get().draft ?? (prefs ? draftFrom(prefs) : null);
      if (!draft) return false;
      return run(() => api().session.start({ minutes: draft.minutes, intent: draft.intent, mode: draft.mode, allowOnly: draft.allowOnly }));
    },
    extend: () => run(() => api().session.extend()),
    async requestEnd() {
      set({ error: null });
      const result = await api().session.requestEnd();
      set(result.ok ? { ending: result.value } : { error: result.error });
      return result.ok;
    },
    cancelEnd: () => set({ ending: null, error: null }),
    async end(request) {
      // What was typed in the session's note goes into its record: save it before the session ends.
      await useNotesStore.getState().saveNow();
      const ended = await run(() => api().session.end(request));
      if (ended) set({ ending: null });
      return ended;
    },
    clearError: () => set({ error: null }),
    parkLineOpen: false,
    parkError: null,
    openParkLine() {
      if (get().state?.phase === 'running') set({ parkLineOpen: true, parkError: null });
    },
    closeParkLine: () => set({ parkLineOpen: false, parkError: null }),
    async parkThought(text) {
      const { result, newest } = await order.call(() => api().session.parkThought({ text }));
      if (!result.ok) {
        set({ parkError: result.error });
        return false;
      }
      set(newest ? { state: result.value, parkLineOpen: false, parkError: null } : { parkLineOpen: false, parkError: null });
      return true;
    },
  };
});

/** Keeps the mirror in step with main (the tray, the shortcut, the command line, the deadline): subscribes, then loads. */
export function followSession(): () => void {
  const stopChanges = api().session.onChanged((state) => useSessionStore.getState().receive(state));
  // The tray's "Open notepad", "Write a reflection" and "End session…" (a committed session needs the typed
  // phrase) land here.
  const stopShow = api().session.onShow(({ view, end }) => {
    useNavigation.getState().go(view);
    if (end) void useSessionStore.getState().requestEnd();
    if (view === 'reflections') void openReflection(null);
  });
  // The global shortcut: the quiet line opens over whatever view is showing.
  const stopParkLine = api().session.onParkLine(() => useSessionStore.getState().openParkLine());
  void useSessionStore.getState().load();
  return () => {
    stopChanges();
    stopShow();
    stopParkLine();
  };
}
