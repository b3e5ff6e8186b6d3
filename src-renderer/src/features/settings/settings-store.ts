import { create } from 'zustand';
import type { AppError, SettingsPatch, SettingsState } from '../../../../src-main/contract';
import { api } from '../../app/api';

interface SettingsStore {
  /** Null until main answered; main owns settings, this is a mirror, never persisted here. */
  state: SettingsState | null;
  lastError: AppError | null;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<boolean>;
  dismissNotice(): Promise<void>;
}

export const useSettingsStore = create<SettingsStore>((set, get) => ({
  state: null,
  lastError: null,
  async load() {
    const result = await api().settings.get();
    if (result.ok) set({ state: result.value, lastError: null });
    else set({ lastError: result.error });
  },
  async update(patch) {
    // Show the choice at once (a radio must not wait for the disk); main's answer then confirms or reverts it.
    const before = get().state;
    if (before) set({ state: { ...before, settings: { ...before.settings, ...patch } as SettingsState['settings'] } });
    const result = await api().settings.update(patch);
    if (result.ok) set({ state: result.value, lastError: null });
    else set({ state: before, lastError: result.error });
    return result.ok;
  },
  async dismissNotice() {
    const result = await api().settings.dismissNotice();
    if (result.ok) set({ state: result.value });
  },
}));

/** Keeps the mirror in step with main (another window, the tray, a migration). */
export function followSettings(): () => void {
  return api().settings.onChanged((state) => useSettingsStore.setState({ state }));
}
