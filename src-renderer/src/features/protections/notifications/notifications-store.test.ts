import { describe, expect, it, vi } from 'vitest';
import type { NotificationsReadiness } from '../../../../../src-main/contract/notifications';
import { useNotificationsStore } from './notifications-store';

// The narrow stand-in for main: the renderer cannot run the core (it may import only the contract). The real
// check against dunst and GSettings is in e2e/system/notifications.test.ts and e2e/app/notifications.spec.ts.
function answering(...answers: Array<{ ok: true; value: NotificationsReadiness | null } | { ok: false; error: { code: string; message: string } }>) {
  const check = vi.fn(async () => answers.shift());
  Object.defineProperty(window, 'stillroom', { value: { notifications: { check } }, configurable: true });
  return check;
}

describe('the notifications check', () => {
  it('mirrors what main found, and is busy only while asking', async () => {
    answering({ ok: true, value: { state: 'ready', method: 'dunst', alreadyMuted: false } });
    const asking = useNotificationsStore.getState().check();
    expect(useNotificationsStore.getState().checking).toBe(true);
    await asking;
    expect(useNotificationsStore.getState()).toMatchObject({ checking: false, supported: true, error: null, readiness: { state: 'ready', method: 'dunst' } });
  });

  it('keeps the last answer when asking fails, and says so', async () => {
    answering({ ok: false, error: { code: 'internal', message: 'boom' } });
    await useNotificationsStore.getState().check();
    expect(useNotificationsStore.getState()).toMatchObject({ checking: false, error: { code: 'internal' }, readiness: { method: 'dunst' } });
  });

  it('a host that mutes nothing is told apart from one that cannot mute now', async () => {
    answering({ ok: true, value: null });
    await useNotificationsStore.getState().check();
    expect(useNotificationsStore.getState()).toMatchObject({ supported: false, readiness: null, error: null });
  });
});
