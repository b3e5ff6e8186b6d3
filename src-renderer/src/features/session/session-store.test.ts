import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StillroomApi } from '../../../../src-main/contract';
import type { SessionState } from '../../../../src-main/contract/session';
import { installCoreApi } from '../../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../../test-support/test-core';
import { useNavigation } from '../../app/navigation';
import { followSettings, useSettingsStore } from '../../app/settings-store';
import { followSession, useSessionStore } from './session-store';

const initialSession = useSessionStore.getState();
const initialSettings = useSettingsStore.getState();
beforeEach(() => {
  useSessionStore.setState(initialSession, true);
  useSettingsStore.setState(initialSettings, true);
});

describe('the session mirror, against the real core', () => {
  let test: TestCore;
  let api: StillroomApi;
  const stops: (() => void)[] = [];
  beforeEach(async () => {
    test = await createTestCore();
    api = installCoreApi(test.core);
    stops.push(followSettings(), followSession());
    await vi.waitFor(() => expect(useSessionStore.getState().state?.phase).toBe('idle'));
    await vi.waitFor(() => expect(useSettingsStore.getState().state).not.toBeNull());
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    await test.dispose();
  });

  it('fills the form from Settings, starts, extends and ends through main', async () => {
    useSessionStore.getState().prepareDraft();
    expect(useSessionStore.getState().draft).toEqual({ intent: '', minutes: 90, custom: false, mode: 'committed', allowOnly: false });
    useSessionStore.getState().setDraft({ intent: 'prove Lemma 3', minutes: 25, mode: 'flexible' });

    expect(await useSessionStore.getState().start()).toBe(true);
    expect(test.core.session.state()).toMatchObject({ phase: 'running', session: { intent: 'prove Lemma 3', plannedMinutes: 25 } });
    expect(useSessionStore.getState()).toMatchObject({ busy: false, error: null, state: { phase: 'running' } });

    expect(await useSessionStore.getState().extend()).toBe(true);
    expect(useSessionStore.getState().state).toMatchObject({ session: { extendedCount: 1 } });

    expect(await useSessionStore.getState().requestEnd()).toBe(true);
    expect(useSessionStore.getState().ending).toEqual({ kind: 'confirm' });
    useSessionStore.getState().cancelEnd();
    expect(useSessionStore.getState().ending).toBeNull();

    await useSessionStore.getState().requestEnd();
    expect(await useSessionStore.getState().end({ kind: 'confirm' })).toBe(true);
    expect(useSessionStore.getState()).toMatchObject({ ending: null, state: { phase: 'ended' } });
    expect(test.core.session.state().phase).toBe('ended');
  });

  it('keeps main’s refusal as its error, and clears it with the next action', async () => {
    useSessionStore.getState().prepareDraft();
    useSessionStore.getState().setDraft({ minutes: 3, custom: true });
    expect(await useSessionStore.getState().start()).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({ busy: false, error: { code: 'invalid-payload' }, state: { phase: 'idle' } });

    expect(await useSessionStore.getState().extend()).toBe(false);
    expect(useSessionStore.getState().error?.code).toBe('session-illegal-transition');

    useSessionStore.getState().setDraft({ minutes: 50, custom: false, mode: 'flexible' });
    expect(await useSessionStore.getState().start()).toBe(true);
    expect(useSessionStore.getState().error).toBeNull();
  });

  it('follows what happens outside the window: a start from the tray, and an end that closes the open end dialog', async () => {
    await api.session.start({ minutes: 50, intent: 'from the tray', mode: 'flexible' });
    await vi.waitFor(() => expect(useSessionStore.getState().state).toMatchObject({ phase: 'running', session: { intent: 'from the tray' } }));

    await useSessionStore.getState().requestEnd();
    expect(useSessionStore.getState().ending).not.toBeNull();
    await api.session.end({ kind: 'confirm' });
    await vi.waitFor(() => expect(useSessionStore.getState()).toMatchObject({ state: { phase: 'ended' }, ending: null }));
  });

  it('the palette starts a session from Settings before the Focus view ever filled its form', async () => {
    expect(useSessionStore.getState().draft).toBeNull();
    expect(await useSessionStore.getState().start()).toBe(true);
    expect(test.core.session.state()).toMatchObject({ phase: 'running', session: { plannedMinutes: 90 } });
  });

  it('opens the view the tray asks for', async () => {
    useNavigation.setState({ view: 'settings' });
    test.core.events.emit('session', 'show', { view: 'notepad', end: false });
    await vi.waitFor(() => expect(useNavigation.getState().view).toBe('notepad'));
  });
});

describe('the session mirror when answers race pushes', () => {
  const state = (phase: 'running' | 'ended') => ({ phase, session: { id: 's-1' } }) as unknown as SessionState;

  it('keeps a state main pushed while a call was on its way, over that call’s older answer', async () => {
    // The real core cannot hold a call's answer back until after its next push: this narrow stand-in for main can.
    let push: (next: SessionState) => void = () => undefined;
    let answerStart: (value: SessionState) => void = () => undefined;
    const session = {
      onChanged: vi.fn((listener: (next: SessionState) => void) => ((push = listener), () => undefined)),
      onShow: vi.fn(() => () => undefined),
      onParkLine: vi.fn(() => () => undefined),
      state: vi.fn(() => new Promise(() => undefined)),
      start: vi.fn(() => new Promise((resolve) => (answerStart = (value) => resolve({ ok: true, value })))),
    };
    Object.defineProperty(window, 'stillroom', { value: { session }, configurable: true });
    const stop = followSession();
    useSessionStore.setState({ draft: { intent: 'x', minutes: 25, custom: false, mode: 'flexible', allowOnly: false } });

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
