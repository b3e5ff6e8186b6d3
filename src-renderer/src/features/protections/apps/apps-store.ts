import { create } from 'zustand';
import type { AppError, Result } from '../../../../../src-main/contract';
import type { AppCategoryId, AppsState, OwnApp, OwnAppKind, RunningApps } from '../../../../../src-main/contract/apps';
import { api } from '../../../app/api';
import { pushOrder } from '../../../app/push-order';

interface AppsStore {
  /** A mirror of main's state; null until the first answer. */
  state: AppsState | null;
  /** The last refusal of a toggle or a removal. */
  error: AppError | null;
  /** Why the last app typed or picked was refused, shown beside its field. */
  ownError: AppError | null;
  /** The running apps last read for the picker; null until asked for, and while it is read again. */
  running: RunningApps | null;
  load(): Promise<void>;
  /** A state main pushed: newer than any answer still on its way. */
  receive(state: AppsState): void;
  setEnabled(enabled: boolean): Promise<boolean>;
  setCategory(id: AppCategoryId, enabled: boolean): Promise<boolean>;
  addOwn(kind: OwnAppKind, rule: string): Promise<boolean>;
  removeOwn(own: OwnApp): Promise<boolean>;
  /** "Choose a file…": the host's file picker; the chosen file is added as an own app, or refused beside the field. */
  addOwnFromFile(): Promise<boolean>;
  setCloseGrace(seconds: number): Promise<boolean>;
  setWaitForOpenApps(enabled: boolean): Promise<boolean>;
  /** Reads the user's running apps now, for "Choose from running apps…". */
  loadRunning(): Promise<void>;
  clearOwnError(): void;
}

export const useAppsStore = create<AppsStore>((set, get) => {
  const order = pushOrder();
  const answer = (key: 'error' | 'ownError', call: () => Promise<Result<AppsState>>) => order.answer(set, key, call);
  const toggle = (shown: (state: AppsState) => AppsState, call: () => Promise<Result<AppsState>>) => order.toggle(set, () => get().state, shown, call);
  return {
    state: null,
    error: null,
    ownError: null,
    running: null,
    load: async () => {
      await order.mirror(set, () => api().apps.state());
    },
    receive(state) {
      order.pushed();
      set({ state });
    },
    setEnabled: (enabled) => toggle((state) => ({ ...state, enabled }), () => api().apps.setEnabled({ enabled })),
    setCategory: (id, enabled) =>
      toggle(
        (state) => ({ ...state, categories: state.categories.map((category) => (category.id === id ? { ...category, enabled } : category)) }),
        () => api().apps.setCategory({ id, enabled }),
      ),
    addOwn: async (kind, rule) => (await answer('ownError', () => api().apps.addOwn({ kind, rule }))).ok,
    removeOwn: async (own) => (await answer('error', () => api().apps.removeOwn(own))).ok,
    addOwnFromFile: async () => (await answer('ownError', () => api().apps.addOwnFromFile())).ok,
    setCloseGrace: (seconds) => toggle((state) => ({ ...state, closeGraceSeconds: seconds }), () => api().apps.setCloseGrace({ seconds })),
    setWaitForOpenApps: (enabled) => toggle((state) => ({ ...state, waitForOpenApps: enabled }), () => api().apps.setWaitForOpenApps({ enabled })),
    loadRunning: async () => {
      set({ running: null, ownError: null });
      const result = await api().apps.running();
      if (result.ok) set({ running: result.value });
      else set({ ownError: result.error });
    },
    clearOwnError() {
      set({ ownError: null });
    },
  };
});

/** Keeps the mirror in step with main: subscribes first, then loads. Started once from app/followers.ts. */
export function followApps(): () => void {
  const stop = api().apps.onChanged((state) => useAppsStore.getState().receive(state));
  void useAppsStore.getState().load();
  return stop;
}
