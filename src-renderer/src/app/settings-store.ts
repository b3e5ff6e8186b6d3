import { create } from 'zustand';
import type { AppError, SettingsPatch, SettingsState } from '../../../src-main/contract';
import { api } from './api';
import { pushOrder } from './push-order';

/**
 * The mirror of main's settings: app-wide state (the theme, the language, every feature's preferences), so the
 * shell and each feature read it here; the settings feature only renders the Appearance and About sections.
 */
interface SettingsStore {
  /** Null until main answered; main owns settings, this is a mirror, never persisted here. */
  state: SettingsState | null;
  error: AppError | null;
  load(): Promise<boolean>;
  /** Settings main pushed (another window, the tray, a migration): newer than any answer still on its way. */
  receive(state: SettingsState): void;
  update(patch: SettingsPatch): Promise<boolean>;
  dismissNotice(): Promise<boolean>;
}

export const useSettingsStore = create<SettingsStore>((set, get) => {
  const order = pushOrder();
  return {
    state: null,
    error: null,
    load: () => order.mirror(set, () => api().settings.get()),
    receive(state) {
      order.pushed();
      set({ state });
    },
    async update(patch) {
      // Show the choice at once (a radio must not wait for the disk); main's answer then confirms or reverts it.
      const before = get().state;
      set({ error: null });
      if (before) set({ state: { ...before, settings: { ...before.settings, ...patch } as SettingsState['settings'] } });
      const { result, newest } = await order.call(() => api().settings.update(patch));
      if (result.ok) {
        if (newest) set({ state: result.value });
      } else set(newest ? { state: before, error: result.error } : { error: result.error });
      return result.ok;
    },
    dismissNotice: () => order.mirror(set, () => api().settings.dismissNotice()),
  };
});

/** Keeps the mirror in step with main (another window, the tray, a migration): subscribes, then loads. */
export function followSettings(): () => void {
  const stop = api().settings.onChanged((state) => useSettingsStore.getState().receive(state));
  void useSettingsStore.getState().load();
  return stop;
}
