import { useEffect, useState } from 'react';
import type { FocusSession } from '../../../../src-main/contract/session';
import { api } from '../../app/api';

/**
 * The running focus session, if any, straight from the contract (state once, then `session.changed`), so the
 * writing view can show its intent and the time left without depending on the Focus view being open.
 */
export function useRunningSession(): FocusSession | null {
  const [session, setSession] = useState<FocusSession | null>(null);
  useEffect(() => {
    let live = true;
    const apply = (state: { phase: string; session?: FocusSession }) => {
      if (live) setSession(state.phase === 'running' && state.session ? state.session : null);
    };
    void api()
      .session.state()
      .then((result) => result.ok && apply(result.value));
    const stop = api().session.onChanged(apply);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return session;
}

/** Minutes left, recomputed from the absolute end every few seconds; main never sends ticks. */
export function useMinutesLeft(endsAt: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endsAt === null) return;
    const handle = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(handle);
  }, [endsAt]);
  return endsAt === null ? null : Math.max(0, Math.ceil((endsAt - now) / 60_000));
}
