import { create } from 'zustand';
import type { AppError } from '../../../../../src-main/contract';
import type { NotificationsReadiness } from '../../../../../src-main/contract/notifications';
import { api } from '../../../app/api';
import { useSettingsStore } from '../../../app/settings-store';

interface NotificationsStore {
  /** What a session would do on this desktop, as main last found it; null before the first answer. */
  readiness: NotificationsReadiness | null;
  /** False where this host mutes nothing at all (main answered null). */
  supported: boolean;
  checking: boolean;
  error: AppError | null;
  /** Asks main to look again (it only reads the system's state, never writes it). */
  check(): Promise<boolean>;
  /** The Settings choice; once main has it, asks again what a session would do (the radio shows it at once). */
  setMuteDuringSessions(mute: boolean): Promise<boolean>;
}

export const useNotificationsStore = create<NotificationsStore>((set, get) => ({
  readiness: null,
  supported: true,
  checking: false,
  error: null,
  async check() {
    set({ checking: true, error: null });
    const result = await api().notifications.check();
    set(result.ok ? { readiness: result.value, supported: result.value !== null, checking: false } : { checking: false, error: result.error });
    return result.ok;
  },
  async setMuteDuringSessions(mute) {
    // A refusal is the settings mirror's to show (it reverts the radio); nothing new to ask main then.
    const saved = await useSettingsStore.getState().update({ notifications: { muteDuringSessions: mute } });
    return saved && (await get().check());
  },
}));
