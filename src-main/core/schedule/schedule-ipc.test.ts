import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelName } from '../../contract/define';
import { SCHEDULE_FILE_VERSION } from './schedule-store';
import { createTestCore } from '../../../test-support/test-core';

describe('schedule calls through the core router', () => {
  it('parses payloads, keeps the schedule in the data folder, and answers a locked loosening with its wait', async () => {
    const { core, dataDir, clock, dispose } = await createTestCore();
    const caller = { trusted: true, description: 'test' };
    const call = (name: string, payload?: unknown) => core.router.dispatch(channelName('schedule', name), payload, caller);
    const rule = {
      days: ['mo', 'tu', 'we', 'th', 'fr'],
      start: '09:00',
      end: { kind: 'until', time: '11:30' },
      mode: 'locked',
      blocks: { sites: ['global-feeds'], ownSites: true, apps: ['chat'], ownApps: false },
    };

    for (const bad of [{ ...rule, start: '9:00' }, { ...rule, mode: 'strict' }, { ...rule, end: { kind: 'length', minutes: 300 } }, { ...rule, extra: 1 }]) {
      expect(await call('add', bad)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(await call('state')).toMatchObject({ ok: true, value: { state: 'ready', schedule: { rules: [] }, windows: [] } });

    const added = await call('add', rule);
    expect(added).toMatchObject({ ok: true, value: { effect: { kind: 'applied' }, state: { state: 'ready', schedule: { rules: [{ mode: 'locked', intent: '', note: null }] } } } });
    const id = (added as { value: { state: { schedule: { rules: { id: string }[] } } } }).value.state.schedule.rules[0]!.id;
    expect(JSON.parse(readFileSync(join(dataDir, 'schedule.json'), 'utf8'))).toMatchObject({ version: SCHEDULE_FILE_VERSION, schedule: { rules: [{ id }] } });

    expect(await call('remove', { id })).toEqual({ ok: true, value: expect.objectContaining({ effect: { kind: 'pending', effectiveAt: clock.now() + 24 * 3_600_000 } }) });
    expect(await call('skipToday', { id })).toMatchObject({ ok: false, error: { code: 'schedule-skip-not-flexible' } });
    expect(await call('update', { id: 'gone', rule })).toMatchObject({ ok: false, error: { code: 'schedule-unknown-rule' } });
    await dispose();
  });
});
