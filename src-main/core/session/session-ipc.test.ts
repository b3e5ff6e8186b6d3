import { describe, expect, it } from 'vitest';
import { channelName } from '../../contract/define';
import { createTestCore } from '../../../test-support/test-core';

describe('session calls through the core router', () => {
  it('parses payloads, returns typed refusals, and announces every change', async () => {
    const { core, dispose } = await createTestCore();
    const caller = { trusted: true, description: 'test' };
    const call = (name: string, payload?: unknown) => core.router.dispatch(channelName('session', name), payload, caller);
    const events: string[] = [];
    const stop = core.events.listen((channel, payload) => {
      if (channel === channelName('session', 'changed')) events.push((payload as { phase: string }).phase);
    });

    for (const bad of [{ minutes: 3 }, { minutes: 241 }, { minutes: 25, intent: 'a\nb' }, { minutes: 25, extra: true }, { minutes: 25, mode: 'strict' }]) {
      expect(await call('start', bad)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(await call('extend')).toMatchObject({ ok: false, error: { code: 'session-illegal-transition' } });
    expect(events).toEqual([]);

    const started = await call('start', { minutes: 25, intent: 'prove Lemma 3', mode: 'committed' });
    expect(started).toMatchObject({ ok: true, value: { phase: 'running', session: { intent: 'prove Lemma 3' } } });
    const requirement = await call('requestEnd');
    expect(requirement).toMatchObject({ ok: true, value: { kind: 'phrase' } });
    expect(await call('end', { kind: 'phrase', phrase: 'wrong', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'session-wrong-phrase' } });
    const phrase = (requirement as { value: { phrase: string } }).value.phrase;
    expect(await call('end', { kind: 'phrase', phrase, reason: 'a meeting' })).toMatchObject({ ok: true, value: { phase: 'ended' } });
    expect(events.at(-1)).toBe('ended');
    expect(events).toContain('running');
    expect(events).toContain('ended');
    stop();
    await dispose();
  });
});
