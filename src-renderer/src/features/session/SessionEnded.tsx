import { MINUTE, totalMinutes, type SessionState } from '../../../../src-main/contract/session';
import { useMessages } from '../../app/i18n/messages';
import { ProtectionList } from '../protections';
import { openReflection } from '../reflections';
import { sessionMessages } from './session-messages';

/** One calm line for the end, then the way to the reflection: the prompt in the Reflections view. */
export function SessionEnded({ state, onStartAnother }: { state: Extract<SessionState, { phase: 'ended' }>; onStartAnother: () => void }) {
  const t = useMessages(sessionMessages);
  const { session } = state;
  const ending = session.ending;
  const minutes = totalMinutes(session);
  const line =
    ending?.kind === 'ended-early'
      ? t('ended.early', { minutes: Math.floor((ending.at - session.startedAt) / MINUTE), planned: minutes })
      : t('ended.complete', { minutes });

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
