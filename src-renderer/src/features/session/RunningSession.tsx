import { MAX_EXTENSIONS, type SessionState } from '../../../../src-main/contract/session';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { ProtectionList } from '../protections';
import { ScheduledMark } from '../schedule';
import { clockTime } from './clock-time';
import { CountdownRing } from './CountdownRing';
import { EndPanel } from './EndPanel';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';
import { ShortcutHint } from './ShortcutHint';

export function RunningSession({ state }: { state: Extract<SessionState, { phase: 'running' }> }) {
  const t = useMessages(sessionMessages);
  const locale = useLocale();
  const { session, protections } = state;
  const busy = useSessionStore((store) => store.busy);
  const ending = useSessionStore((store) => store.ending);
  const error = useSessionStore((store) => store.error);
  const extend = useSessionStore((store) => store.extend);
  const requestEnd = useSessionStore((store) => store.requestEnd);

  return (
    <section className="running-session" aria-label={t('running.label')}>
      <CountdownRing startedAt={session.startedAt} endsAt={session.endsAt} />
      <p className={`focus-intent ${session.intent ? '' : 'quiet'}`}>{session.intent || t('running.noIntent')}</p>
      <p className="quiet session-until">
        {t('running.until', { time: clockTime(session.endsAt, locale) })}
        {session.extendedCount > 0 && ` · ${t('running.extended', { count: session.extendedCount })}`}
      </p>
      {session.window && <ScheduledMark window={session.window} />}
      {/* Only how many: the thoughts themselves wait for the reflection. */}
      {session.parkedThoughts.length > 0 && (
        <p className="quiet session-parked" data-testid="parked-count">
          {t('running.parked', { count: session.parkedThoughts.length })}
        </p>
      )}

      {ending ? (
        <EndPanel requirement={ending} />
      ) : (
        <div className="session-actions">
          <button type="button" onClick={() => void extend()} disabled={busy || session.extendedCount >= MAX_EXTENSIONS}>
            {t('running.extend')}
          </button>
          <button type="button" onClick={() => void requestEnd()} disabled={busy}>
            {t('running.end')}
          </button>
        </div>
      )}
      {!ending && error && (
        <p className="session-error" role="alert">
          {describeError(error, locale)}
        </p>
      )}

      <ProtectionList protections={protections} />
      <ShortcutHint />
    </section>
  );
}
