import { MINUTE, type CommitmentMode } from '../../src-main/contract/session';
import type { StillroomApi } from '../../src-main/contract';
import type { TestCore } from '../test-core';

/**
 * Runs one session through the real core, as the Focus view would: ended early after `after` minutes (a flexible
 * session's confirm), or completed at its deadline (the clock moved past it, as after a sleep) when `after` is its
 * length. The core then lists it as a reflection waiting for its answers. Returns its id.
 */
export async function endedSession(
  api: StillroomApi,
  test: TestCore,
  { intent = 'prove Lemma 3', minutes = 50, after = minutes, mode = 'flexible' }: { intent?: string; minutes?: number; after?: number; mode?: CommitmentMode } = {},
): Promise<string> {
  const started = await api.session.start({ minutes, intent, mode });
  if (!started.ok || started.value.phase !== 'running') throw new Error(`the session did not start: ${JSON.stringify(started)}`);
  test.clock.advance(after * MINUTE);
  if (after >= minutes) {
    const state = await test.core.session.onWake();
    if (state.phase !== 'ended') throw new Error(`the session did not complete: ${state.phase}`);
  } else {
    const ended = await api.session.end({ kind: 'confirm' });
    if (!ended.ok) throw new Error(`the session did not end: ${ended.error.code}`);
  }
  return started.value.session.id;
}
