import { create } from 'zustand';
import type { AppError, SettingsPatch, SettingsState } from '../../../src-main/contract';
import { api } from './api';

/**
 * The mirror of main's settings: app-wide state (the theme, the language, every feature's preferences), so the
 * shell and each feature read it here; the settings feature only renders the Appearance and About sections.
 */
interface SettingsStore {
  /** Null until main answered; main owns settings, this is a mirror, never persisted here. */
  state: SettingsState | null;
  error: AppError | null;
  load(): Promise<boolean>;
  update(patch: SettingsPatch): Promise<boolean>;
  dismissNotice(): Promise<boolean>;
}

export const useSettingsStore = create<SettingsStore>((set, get) => ({
  state: null,
  error: null,
  async load() {
    set({ error: null });
    const result = await api().settings.get();
    set(result.ok ? { state: result.value } : { error: result.error });
    return result.ok;
  },
  async update(patch) {
    // Show the choice at once (a radio must not wait for the disk); main's answer then confirms or reverts it.
    const before = get().state;
    set({ error: null });
    if (before) set({ state: { ...before, settings: { ...before.settings, ...patch } as SettingsState['settings'] } });
    const result = await api().settings.update(patch);
    set(result.ok ? { state: result.value } : { state: before, error: result.error });
    return result.ok;
  },
  async dismissNotice() {
    set({ error: null });
    const result = await api().settings.dismissNotice();
    set(result.ok ? { state: result.value } : { error: result.error });
    return result.ok;
  },
}));

/** Keeps the mirror in step with main (another window, the tray, a migration): subscribes, then loads. */
export function followSettings(): () => void {
  const stop = api().settings.onChanged((state) => useSettingsStore.setState({ state }));
  void useSettingsStore.getState().load();
  return stop;
}
