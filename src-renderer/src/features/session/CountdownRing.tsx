import { useCallback } from 'react';
import { MINUTE } from '../../../../src-main/contract/session';
import { useMessages } from '../../app/i18n/messages';
import { drawnFraction, minutesLeft, nextRingChange, RING_STEPS, useClockUntil } from './countdown';
import { usePrefersReducedMotion } from './reduced-motion';
import { sessionMessages } from './session-messages';

const RADIUS = 108;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * A large, slow ring computed here from `endsAt`. It is redrawn only when what is drawn changes: a step of about
 * half a pixel, or the shown minute; with reduced motion the ring moves once a minute, with the number.
 */
export function CountdownRing({ startedAt, endsAt }: { startedAt: number; endsAt: number }) {
  const t = useMessages(sessionMessages);
  const reducedMotion = usePrefersReducedMotion();
  const steps = reducedMotion ? Math.max(1, Math.round((endsAt - startedAt) / MINUTE)) : RING_STEPS;
  const nextChange = useCallback((now: number) => nextRingChange({ startedAt, endsAt }, now, steps), [startedAt, endsAt, steps]);
  const now = useClockUntil(nextChange);
  const minutes = minutesLeft(endsAt, now);
  const label = minutes <= 1 ? t('running.lastMinute') : t('running.minutesLeft', { minutes });
  return (
    <div className="countdown" role="timer" aria-label={label}>
      <svg viewBox="0 0 240 240" aria-hidden="true" className="countdown-ring">
        <circle className="countdown-track" cx="120" cy="120" r={RADIUS} />
        <circle
          className="countdown-progress"
          cx="120"
          cy="120"
          r={RADIUS}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - drawnFraction({ startedAt, endsAt }, now, steps))}
          transform="rotate(-90 120 120)"
        />
      </svg>
      <div className="countdown-text" aria-hidden="true">
        <span className="countdown-minutes">{minutes}</span>
        <span className="countdown-unit">{t('running.unit')}</span>
      </div>
    </div>
  );
}
