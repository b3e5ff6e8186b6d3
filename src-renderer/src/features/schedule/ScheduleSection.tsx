import './schedule.css';
import { useId, useState, type FormEvent } from 'react';
import { AppCategoryId } from '../../../../src-main/contract/apps';
import { BlocklistCategoryId } from '../../../../src-main/contract/blocking';
import { CommitmentMode } from '../../../../src-main/contract/session';
import { Weekday, type PendingScheduleChange, type Schedule, type ScheduleRule, type ScheduleRuleInput, type ScheduleWindow } from '../../../../src-main/contract/schedule';
import { describeError } from '../../app/i18n/error-messages';
import type { Locale } from '../../app/i18n/locale';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useAppsStore } from '../protections/apps';
import { useBlockingStore } from '../protections/blocking';
import { clockText, whenText } from './schedule-format';
import { modeMessages, scheduleMessages } from './schedule-messages';
import { ScheduledReach } from './ScheduleReach';
import { useScheduleStore } from './schedule-store';

/**
 * Settings → Schedule: the weekly rules with each one's next window and any change still waiting (the rule of
 * commitment), a form to add one, removal and "Skip today", and how far scheduled sessions reach (ScheduledReach).
 * Main pushes every change of the schedule (and each window's start and end), so it stays current while open.
 */
export function ScheduleSection() {
  const t = useMessages(scheduleMessages);
  const locale = useLocale();
  const state = useScheduleStore((store) => store.state);
  const error = useScheduleStore((store) => store.error);
  return (
    <section className="settings-section" aria-labelledby="settings-schedule">
      <h2 id="settings-schedule">{t('title')}</h2>
      <p className="measure">{t('intro')}</p>
      <ScheduledReach />
      {state?.state === 'unreadable' && (
        <p role="alert" className="measure">
          {describeError({ code: 'schedule-unreadable', message: state.reason, params: { reason: state.reason } }, locale)}
        </p>
      )}
      {error && <p role="alert">{describeError(error, locale)}</p>}
      {state?.state === 'ready' && (
        <>
          <RuleList schedule={state.schedule} windows={state.windows} />
          <AddRuleForm />
        </>
      )}
    </section>
  );
}

function RuleList({ schedule, windows }: { schedule: Schedule; windows: readonly ScheduleWindow[] }) {
  const t = useMessages(scheduleMessages);
  if (schedule.rules.length === 0) return <p className="quiet">{t('empty')}</p>;
  return (
    <ul className="schedule-rules" aria-label={t('rules.label')}>
      {schedule.rules.map((rule) => (
        <RuleItem key={rule.id} rule={rule} schedule={schedule} windows={windows} />
      ))}
    </ul>
  );
}

function RuleItem({ rule, schedule, windows }: { rule: ScheduleRule; schedule: Schedule; windows: readonly ScheduleWindow[] }) {
  const t = useMessages(scheduleMessages);
  const modes = useMessages(modeMessages);
  const locale = useLocale();
  const remove = useScheduleStore((store) => store.remove);
  const skipToday = useScheduleStore((store) => store.skipToday);
  const what = useBlocksInWords(rule);
  // Read when the rule is shown: the section renders again on each push of the schedule (a window began or ended).
  const now = useScheduleStore((store) => store.seenAt);
  const next = windows.find((window) => window.ruleIds.includes(rule.id) && window.end > now);
  const today = localDate(now);
  const skipped = schedule.skips.some((skip) => skip.ruleId === rule.id && skip.date === today);
  const windowToday = windows.some((window) => window.ruleIds.includes(rule.id) && window.start > now && localDate(window.start) === today);
  const pending = schedule.pending.find((change): change is Extract<PendingScheduleChange, { kind: 'remove' | 'update' }> =>
    change.kind === 'delay' ? false : change.kind === 'remove' ? change.ruleId === rule.id : change.rule.id === rule.id,
  );
  const summary = `${dayList(rule.days, locale, t('rule.days.separator'))} ${timeText(rule, t)}`;

  return (
    <li className="schedule-rule">
      <p className="schedule-rule-title">
        <span>{summary}</span> <span className="quiet">· {modes(rule.mode)}</span>
      </p>
      <p className="quiet">{what ? t('rule.blocks', { what }) : t('rule.blocks.nothing')}</p>
      {rule.intent && <p className="quiet">{t('rule.intent', { intent: rule.intent })}</p>}
      <p data-testid="schedule-next">
        {skipped
          ? t('rule.skipped')
          : next
            ? next.start <= now
              ? t('rule.next.now', { time: clockText(next.end, locale) })
              : t('rule.next', { when: whenText(next.start, locale) })
            : t('rule.next.none')}
      </p>
      {pending && (
        <>
          <p className="schedule-pending">{t(pending.kind === 'remove' ? 'pending.remove' : 'pending.update', { time: dateTimeText(pending.effectiveAt, locale) })}</p>
          <p className="quiet measure">{t('pending.why', { hours: Math.round((pending.effectiveAt - pending.requestedAt) / 3_600_000) })}</p>
        </>
      )}
      <p className="schedule-rule-actions">
        {rule.mode === 'flexible' && windowToday && !skipped && (
          <button type="button" onClick={() => void skipToday(rule.id)}>
            {t('rule.skip')}
          </button>
        )}
        {pending?.kind !== 'remove' && (
          <button type="button" aria-label={t('rule.remove.label', { rule: summary })} onClick={() => void remove(rule.id)}>
            {t('rule.remove')}
          </button>
        )}
      </p>
    </li>
  );
}

const EMPTY_DRAFT: ScheduleRuleInput = {
  days: ['mo', 'tu', 'we', 'th', 'fr'],
  start: '09:00',
  end: { kind: 'until', time: '11:30' },
  mode: 'committed',
  blocks: { sites: [], ownSites: false, apps: [], ownApps: false, allowOnly: false },
  intent: '',
};

function AddRuleForm() {
  const t = useMessages(scheduleMessages);
  const modes = useMessages(modeMessages);
  const locale = useLocale();
  const add = useScheduleStore((store) => store.add);
  const formError = useScheduleStore((store) => store.formError);
  const clearFormError = useScheduleStore((store) => store.clearFormError);
  const siteLists = useBlockingStore((store) => store.state?.categories ?? []);
  const appLists = useAppsStore((store) => store.state?.categories ?? []);
  const [draft, setDraftState] = useState<ScheduleRuleInput>(EMPTY_DRAFT);
  const ids = useId();
  const setDraft = (change: Partial<ScheduleRuleInput> | ((current: ScheduleRuleInput) => Partial<ScheduleRuleInput>)) => {
    setDraftState((current) => ({ ...current, ...(typeof change === 'function' ? change(current) : change) }));
    clearFormError();
  };
  const blocks = draft.blocks;
  const toggle = <T,>(items: readonly T[], item: T, on: boolean): T[] => (on ? [...items, item] : items.filter((other) => other !== item));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await add(draft)) setDraftState(EMPTY_DRAFT);
  };
  const error = formError && describeError(formError, locale);

  return (
    <form className="schedule-form" aria-labelledby={`${ids}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${ids}-title`}>{t('form.title')}</h3>
      <fieldset className="choice-row">
        <legend>{t('form.days')}</legend>
        {Weekday.options.map((day) => (
          <button
            key={day}
            type="button"
            className="day-toggle"
            aria-pressed={draft.days.includes(day)}
            onClick={() => setDraft((current) => ({ days: Weekday.options.filter((other) => (other === day) !== current.days.includes(other)) }))}
          >
            {dayName(day, locale)}
          </button>
        ))}
      </fieldset>
      {draft.days.length === 0 && <p className="quiet">{t('form.noDays')}</p>}
      <p className="schedule-times">
        <label htmlFor={`${ids}-start`}>{t('form.start')}</label>
        <input id={`${ids}-start`} type="time" required value={draft.start} onChange={(event) => setDraft({ start: event.target.value })} />
        <label htmlFor={`${ids}-end-kind`}>{t('form.end')}</label>
        <select
          id={`${ids}-end-kind`}
          value={draft.end.kind}
          onChange={(event) => setDraft({ end: event.target.value === 'length' ? { kind: 'length', minutes: 90 } : { kind: 'until', time: '11:30' } })}
        >
          <option value="until">{t('form.end.until')}</option>
          <option value="length">{t('form.end.length')}</option>
        </select>
        {draft.end.kind === 'until' ? (
          <>
            <label htmlFor={`${ids}-end`}>{t('form.endTime')}</label>
            <input id={`${ids}-end`} type="time" required value={draft.end.time} onChange={(event) => setDraft({ end: { kind: 'until', time: event.target.value } })} />
          </>
        ) : (
          <>
            <label htmlFor={`${ids}-minutes`}>{t('form.minutes')}</label>
            <input
              id={`${ids}-minutes`}
              type="number"
              required
              value={draft.end.minutes}
              onChange={(event) => setDraft({ end: { kind: 'length', minutes: Number(event.target.value) } })}
            />
          </>
        )}
      </p>
      <fieldset className="choice-row">
        <legend>{t('form.mode')}</legend>
        {CommitmentMode.options.map((mode) => (
          <label key={mode} className="choice">
            <input type="radio" name={`${ids}-mode`} checked={draft.mode === mode} onChange={() => setDraft({ mode })} />
            <span>{modes(mode)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-row">
        <legend>{t('form.sites')}</legend>
        {siteLists.map((list) => (
          <label key={list.id} className="choice">
            <input
              type="checkbox"
              checked={blocks.sites.includes(list.id)}
              onChange={(event) => setDraft({ blocks: { ...blocks, sites: toggle(blocks.sites, list.id, event.target.checked) } })}
            />
            <span>{list.names[locale]}</span>
          </label>
        ))}
        <label className="choice">
          <input type="checkbox" checked={blocks.ownSites} onChange={(event) => setDraft({ blocks: { ...blocks, ownSites: event.target.checked } })} />
          <span>{t('own.sites')}</span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={blocks.allowOnly} onChange={(event) => setDraft({ blocks: { ...blocks, allowOnly: event.target.checked } })} />
          <span>
            {t('allowOnly')}
            <span className="quiet mode-hint">{t('allowOnly.reach')}</span>
          </span>
        </label>
      </fieldset>
      <fieldset className="choice-row">
        <legend>{t('form.apps')}</legend>
        {appLists.map((list) => (
          <label key={list.id} className="choice">
            <input
              type="checkbox"
              checked={blocks.apps.includes(list.id)}
              onChange={(event) => setDraft({ blocks: { ...blocks, apps: toggle(blocks.apps, list.id, event.target.checked) } })}
            />
            <span>{list.names[locale]}</span>
          </label>
        ))}
        <label className="choice">
          <input type="checkbox" checked={blocks.ownApps} onChange={(event) => setDraft({ blocks: { ...blocks, ownApps: event.target.checked } })} />
          <span>{t('own.apps')}</span>
        </label>
      </fieldset>
      <p className="schedule-times">
        <label htmlFor={`${ids}-intent`}>{t('form.intent')}</label>
        <input id={`${ids}-intent`} type="text" value={draft.intent} onChange={(event) => setDraft({ intent: event.target.value })} />
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={draft.days.length === 0}>
        {t('form.add')}
      </button>
    </form>
  );
}

/** What a rule blocks, in words: the lists' own names and "your own sites/apps", joined as the locale joins a list. */
function useBlocksInWords(rule: ScheduleRule): string {
  const t = useMessages(scheduleMessages);
  const locale = useLocale();
  const siteLists = useBlockingStore((store) => store.state?.categories);
  const appLists = useAppsStore((store) => store.state?.categories);
  const nameOf = (lists: readonly { id: string; names: Record<Locale, string> }[] | undefined, id: string) =>
    lists?.find((list) => list.id === id)?.names[locale] ?? id;
  const parts = [
    ...BlocklistCategoryId.options.filter((id) => rule.blocks.sites.includes(id)).map((id) => nameOf(siteLists, id)),
    ...(rule.blocks.ownSites ? [t('own.sites')] : []),
    ...AppCategoryId.options.filter((id) => rule.blocks.apps.includes(id)).map((id) => nameOf(appLists, id)),
    ...(rule.blocks.ownApps ? [t('own.apps')] : []),
    ...(rule.blocks.allowOnly ? [t('allowOnly.short')] : []),
  ];
  return parts.length === 0 ? '' : new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

/** A Monday: the weekday names come from the locale's own calendar words. */
const A_MONDAY = Date.UTC(2024, 0, 1);
const dayName = (day: Weekday, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(A_MONDAY + Weekday.options.indexOf(day) * 86_400_000);
/** "Mon, Wed" and "周一、周三": the locale's list formats have no plain separator for Chinese (they run the days together). */
const dayList = (days: readonly Weekday[], locale: Locale, separator: string): string =>
  Weekday.options.filter((day) => days.includes(day)).map((day) => dayName(day, locale)).join(separator);

function timeText(rule: ScheduleRule, t: ReturnType<typeof useMessages<keyof (typeof scheduleMessages)['en']>>): string {
  return rule.end.kind === 'until' ? t('rule.time.until', { start: rule.start, end: rule.end.time }) : t('rule.time.length', { start: rule.start, minutes: rule.end.minutes });
}

/** "Tue, 1 Dec, 09:00": when a waiting change takes effect. */
const dateTimeText = (at: number, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/** The local calendar date of an instant, as the core records a skip. */
function localDate(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
