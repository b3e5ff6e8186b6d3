import type { SessionState } from '../../../../src-main/contract/session';
import { useMessages } from '../../app/i18n/messages';
import { openReflection } from '../reflections/open-reflection';
import { ProtectionList } from './ProtectionList';
import { sessionMessages } from './session-messages';

const MINUTE = 60_000;

/** One calm line for the end, then the way to the reflection: the prompt in the Reflections view. */
export function SessionEnded({ state, onStartAnother }: { state: Extract<SessionState, { phase: 'ended' }>; onStartAnother: () => void }) {
  const t = useMessages(sessionMessages);
  const { session } = state;
  const ending = session.ending;
  const totalMinutes = session.plannedMinutes + session.extendedCount * 15;
  const line =
    ending?.kind === 'ended-early'
      ? t('ended.early', { minutes: Math.floor((ending.at - session.startedAt) / MINUTE), planned: totalMinutes })
      : t('ended.complete', { minutes: totalMinutes });

  return (
    <section className="session-ended" aria-labelledby="session-ended-line">
      <p id="session-ended-line" className="ended-line" role="status">
        {line}
      </p>
      {session.intent && <p className="focus-intent">{session.intent}</p>}
      {ending?.kind === 'ended-early' && ending.reason && <p className="quiet">{t('ended.reason', { reason: ending.reason })}</p>}
      <ProtectionList protections={state.protections} afterEnd />
      <div className="reflection-prompt">
        <p>{t('ended.reflect')}</p>
        <div className="session-actions">
          <button type="button" className="primary" autoFocus onClick={() => void openReflection(session.id)}>
            {t('ended.reflectButton')}
          </button>
          <button type="button" onClick={onStartAnother}>
            {t('ended.another')}
          </button>
        </div>
      </div>
    </section>
  );
}
