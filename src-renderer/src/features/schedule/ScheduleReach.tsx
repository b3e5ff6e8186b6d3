import type { ScheduleWindow } from '../../../../src-main/contract/schedule';
import type { SessionWindow } from '../../../../src-main/contract/session-window';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useBlockingStore } from '../protections/blocking';
import { clockText, whenText } from './schedule-format';
import { scheduleMessages } from './schedule-messages';
import { useScheduleStore } from './schedule-store';

/**
 * How far scheduled sessions reach, said honestly: Stillroom starts them only while it runs. With the guard
 * running, the guard holds the windows (core/schedule/schedule-guard-sync.ts) and blocks them with the app closed.
 */
export function ScheduledReach() {
  const t = useMessages(scheduleMessages);
  const guard = useBlockingStore((store) => store.state?.guard.state);
  return (
    <p className="quiet measure" data-testid="schedule-reach">
      {t(guard === 'running' ? 'reach.guard' : 'reach.app')}
    </p>
  );
}

/** The Focus view between sessions: the schedule's next window (or the one running), and how far it reaches. */
export function NextScheduledWindow() {
  const t = useMessages(scheduleMessages);
  const locale = useLocale();
  const state = useScheduleStore((store) => store.state);
  const now = useScheduleStore((store) => store.seenAt);
  if (state?.state !== 'ready' || state.schedule.rules.length === 0) return null;
  const next: ScheduleWindow | undefined = state.windows.find((window) => window.end > now);
  return (
    <div className="next-window" data-testid="next-window">
      <p>
        {!next
          ? t('rule.next.none')
          : next.start <= now
            ? t('focus.now', { time: clockText(next.end, locale) })
            : t('focus.next', { when: whenText(next.start, locale), end: clockText(next.end, locale) })}
      </p>
      <ScheduledReach />
    </div>
  );
}

/** The quiet mark of a running session that runs for a schedule window: "Scheduled: 09:00–11:30". */
export function ScheduledMark({ window }: { window: SessionWindow }) {
  const t = useMessages(scheduleMessages);
  const locale = useLocale();
  return (
    <p className="quiet" data-testid="scheduled-mark">
      {t('focus.mark', { start: clockText(window.start, locale), end: clockText(window.end, locale) })}
    </p>
  );
}
