import { create } from 'zustand';
import type { AppError } from '../../../../src-main/contract';
import { SESSION_PRESETS, type CommitmentMode, type EndRequest, type EndRequirement, type SessionPrefs, type SessionState } from '../../../../src-main/contract/session';
import { api } from '../../app/api';
import { useNavigation } from '../../app/navigation';
import { useNotesStore } from '../notepad/notes-store';
import { openReflection } from '../reflections/open-reflection';
import { useSettingsStore } from '../settings/settings-store';

/** What the start form holds before a session starts (the preset, or the custom minutes as typed). */
export interface SessionDraft {
  intent: string;
  minutes: number;
  custom: boolean;
  mode: CommitmentMode;
}

/** The form as Settings would fill it: default length and mode, and the last intent. */
export const draftFrom = (prefs: SessionPrefs): SessionDraft => ({
  intent: prefs.lastIntent,
  minutes: prefs.defaultMinutes,
  custom: !(SESSION_PRESETS as readonly number[]).includes(prefs.defaultMinutes),
  mode: prefs.defaultMode,
});

interface SessionStore {
  /** Mirror of main's session; null until main answered. Never persisted here. */
  state: SessionState | null;
  draft: SessionDraft | null;
  /** What ending takes, once the user asked to end; null when no end dialog is open. */
  ending: EndRequirement | null;
  busy: boolean;
  lastError: AppError | null;
  load(): Promise<void>;
  setDraft(draft: Partial<SessionDraft>): void;
  start(): Promise<boolean>;
  extend(): Promise<boolean>;
  requestEnd(): Promise<void>;
  cancelEnd(): void;
  end(request: EndRequest): Promise<boolean>;
  clearError(): void;
}

/**
 * Counts the states main pushed. A call's answer can arrive after a later push (a session started, then ended at
 * its deadline before the start's answer came back): the push is newer, so that answer must not replace it.
 */
let pushes = 0;

export const useSessionStore = create<SessionStore>((set, get) => {
  /** Runs one call to main; its answer (or its typed error) changes the mirror unless main pushed a newer state. */
  const run = async (call: () => Promise<{ ok: true; value: SessionState } | { ok: false; error: AppError }>): Promise<boolean> => {
    set({ busy: true, lastError: null });
    const before = pushes;
    const result = await call();
    if (result.ok) set(pushes === before ? { state: result.value, busy: false } : { busy: false });
    else set({ lastError: result.error, busy: false });
    return result.ok;
  };
  return {
    state: null,
    draft: null,
    ending: null,
    busy: false,
    lastError: null,
    async load() {
      const result = await api().session.state();
      if (result.ok) set({ state: result.value });
      else set({ lastError: result.error });
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
      return run(() => api().session.start({ minutes: draft.minutes, intent: draft.intent, mode: draft.mode }));
    },
    extend: () => run(() => api().session.extend()),
    async requestEnd() {
      const result = await api().session.requestEnd();
      if (result.ok) set({ ending: result.value, lastError: null });
      else set({ lastError: result.error });
    },
    cancelEnd: () => set({ ending: null, lastError: null }),
    async end(request) {
      // What was typed in the session's note goes into its record: save it before the session ends.
      await useNotesStore.getState().saveNow();
      const ended = await run(() => api().session.end(request));
      if (ended) set({ ending: null });
      return ended;
    },
    clearError: () => set({ lastError: null }),
  };
});

/** Keeps the mirror in step with main (the tray, the shortcut, the command line, the deadline). */
export function followSession(): () => void {
  const stopChanges = api().session.onChanged((state) => {
    pushes++;
    // A session that is no longer running has nothing left to end.
    const ending = state.phase === 'running' ? useSessionStore.getState().ending : null;
    useSessionStore.setState({ state, ending });
  });
  // The tray's "Open notepad", "Write a reflection" and "End session…" (a committed session needs the typed
  // phrase) land here.
  const stopShow = api().session.onShow(({ view, end }) => {
    useNavigation.getState().go(view);
    if (end) void useSessionStore.getState().requestEnd();
    if (view === 'reflections') void openReflection(null);
  });
  return () => {
    stopChanges();
    stopShow();
  };
}
