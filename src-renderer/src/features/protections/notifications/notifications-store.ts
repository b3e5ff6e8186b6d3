import { create } from 'zustand';
import type { AppError } from '../../../../../src-main/contract';
import type { NotificationsReadiness } from '../../../../../src-main/contract/notifications';
import { api } from '../../../app/api';

interface NotificationsStore {
  /** What a session would do on this desktop, as main last found it; null before the first answer. */
  readiness: NotificationsReadiness | null;
  /** False where this host mutes nothing at all (main answered null). */
  supported: boolean;
  checking: boolean;
  error: AppError | null;
  /** Asks main to look again (it only reads the system's state, never writes it). */
  check(): Promise<void>;
}

export const useNotificationsStore = create<NotificationsStore>((set) => ({
  readiness: null,
  supported: true,
  checking: false,
  error: null,
  async check() {
    set({ checking: true });
    const result = await api().notifications.check();
    set(
      result.ok
        ? { readiness: result.value, supported: result.value !== null, checking: false, error: null }
        : { checking: false, error: result.error },
    );
  },
}));
