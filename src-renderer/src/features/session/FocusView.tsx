import { useEffect, useState } from 'react';
import { useMessages } from '../../app/i18n/messages';
import { useSettingsStore } from '../../app/settings-store';
import { ViewTitle } from '../../ui/ViewTitle';
import { NextScheduledWindow } from '../schedule';
import { RunningSession } from './RunningSession';
import { SessionEnded } from './SessionEnded';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';
import { StartForm } from './StartForm';
import './session.css';

/**
 * The Focus view: the start form when idle (under the schedule's next window), the countdown while a session runs
 * (marked when it runs for a schedule window), one calm line when it ends.
 */
export function FocusView() {
  const t = useMessages(sessionMessages);
  const state = useSessionStore((store) => store.state);
  const prefs = useSettingsStore((store) => store.state?.settings.session);
  const prepareDraft = useSessionStore((store) => store.prepareDraft);
  // After an ended session the user may go straight to a new one: that session's summary is then set aside.
  const [setAside, setSetAside] = useState<string | null>(null);

  useEffect(() => {
    if (prefs) prepareDraft();
  }, [prefs, prepareDraft]);

  let body = null;
  if (state?.phase === 'running') body = <RunningSession state={state} />;
  else if (state?.phase === 'ended' && state.session.id !== setAside) {
    const id = state.session.id;
    body = <SessionEnded state={state} onStartAnother={() => setSetAside(id)} />;
  }
  else if (state) body = (
    <>
      <NextScheduledWindow />
      <StartForm />
    </>
  );

  return (
    <div className="view focus-view">
      <ViewTitle>{t('title')}</ViewTitle>
      {body}
    </div>
  );
}
