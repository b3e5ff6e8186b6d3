import { useMessages } from '../../app/i18n/messages';
import { fractionLeft, minutesLeft, useNow } from './countdown';
import { sessionMessages } from './session-messages';

const RADIUS = 108;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A large, slow ring: computed here from `endsAt`, redrawn at most once a second, still with reduced motion. */
export function CountdownRing({ startedAt, endsAt }: { startedAt: number; endsAt: number }) {
  const t = useMessages(sessionMessages);
  const now = useNow(true);
  const minutes = minutesLeft(endsAt, now);
  const label = minutes <= 1 && endsAt - now < 60_000 ? t('running.lastMinute') : t('running.minutesLeft', { minutes });
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
          strokeDashoffset={CIRCUMFERENCE * (1 - fractionLeft(startedAt, endsAt, now))}
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
