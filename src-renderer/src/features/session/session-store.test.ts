import { describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../../../../src-main/contract/session';
import { followSession, useSessionStore } from './session-store';

const state = (phase: 'running' | 'ended') => ({ phase, session: { id: 's-1' } }) as unknown as SessionState;

describe('the session mirror', () => {
  it('keeps a state main pushed while a call was on its way, over that call’s older answer', async () => {
    // The narrow stand-in for main: the renderer cannot run the core (it may import only the contract).
    let push: (next: SessionState) => void = () => undefined;
    let answerStart: (value: SessionState) => void = () => undefined;
    const session = {
      onChanged: vi.fn((listener: (next: SessionState) => void) => ((push = listener), () => undefined)),
      onShow: vi.fn(() => () => undefined),
      start: vi.fn(() => new Promise((resolve) => (answerStart = (value) => resolve({ ok: true, value })))),
    };
    Object.defineProperty(window, 'stillroom', { value: { session }, configurable: true });
    const stop = followSession();
    useSessionStore.setState({ draft: { intent: 'x', minutes: 25, custom: false, mode: 'flexible' } });

    const started = useSessionStore.getState().start();
    push(state('running'));
    push(state('ended')); // the deadline passed before the start's answer arrived
    answerStart(state('running'));
    expect(await started).toBe(true);
    expect(useSessionStore.getState().state?.phase).toBe('ended');
    expect(useSessionStore.getState().busy).toBe(false);

    // With no push in between, the answer is the mirror.
    const again = useSessionStore.getState().start();
    answerStart(state('running'));
    await again;
    expect(useSessionStore.getState().state?.phase).toBe('running');
    stop();
  });
});
