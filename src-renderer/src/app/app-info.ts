import { create } from 'zustand';
import type { AppError, AppInfo } from '../../../src-main/contract';
import { api } from './api';

interface AppInfoStore {
  info: AppInfo | null;
  error: AppError | null;
  load(): Promise<boolean>;
}

export const useAppInfoStore = create<AppInfoStore>((set) => ({
  info: null,
  error: null,
  async load() {
    set({ error: null });
    const result = await api().app.info();
    set(result.ok ? { info: result.value } : { error: result.error });
    return result.ok;
  },
}));

export const useAppInfo = (): AppInfo | null => useAppInfoStore((store) => store.info);

/** What the app is (version, folders, platform) does not change while it runs: one load at boot, no events. */
export function followAppInfo(): () => void {
  void useAppInfoStore.getState().load();
  return () => undefined;
}
