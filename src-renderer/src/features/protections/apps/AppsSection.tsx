import './apps.css';
import { useId, useState, type FormEvent } from 'react';
import { AppRuleRejection, CLOSE_GRACE_SECONDS, OPEN_APPS_WAIT_MS, OwnAppKind, type AppsState, type OwnApp } from '../../../../../src-main/contract/apps';
import type { AppsStatus } from '../../../../../src-main/contract/protection';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import type { ProtectionSectionProps } from '../protection-view';
import { appsMessages, kindMessages, refusalMessages } from './apps-messages';
import { appsStatusText } from './apps-status-text';
import { useAppsStore } from './apps-store';

/**
 * Settings → Apps: the switch (off until the user turns it on), the built-in lists with work chat's reason, and the
 * user's own apps. The mirror follows main from boot (followApps in app/followers.ts).
 */
export function AppsSection({ sessionStatus: status }: ProtectionSectionProps<AppsStatus>) {
  const t = useMessages(appsMessages);
  const locale = useLocale();
  const state = useAppsStore((store) => store.state);
  const setEnabled = useAppsStore((store) => store.setEnabled);
  const error = useAppsStore((store) => store.error);
  const settled = status && (status.state === 'active' || status.state === 'unavailable') ? status : null;

  return (
    <section className="settings-section" aria-labelledby="settings-apps">
      <h2 id="settings-apps">{t('title')}</h2>
      <p className="measure">{t('intro')}</p>
      {state && (
        <>
          {!state.supported && <p className="caution measure">{t('unsupported')}</p>}
          <label className="choice">
            <input type="checkbox" checked={state.enabled} onChange={(event) => void setEnabled(event.target.checked)} />
            <span>{t('enable')}</span>
          </label>
          {!state.enabled && <p className="quiet measure">{t('enable.off')}</p>}
          {settled && (
            <p className="measure" data-testid="apps-session-status">
              {t('status', { status: appsStatusText.describe(settled, locale) })}
            </p>
          )}
          {error && <p role="alert">{describeError(error, locale)}</p>}
          <AppCategories state={state} />
          <OwnApps state={state} />
          <HowAppsClose state={state} />
        </>
      )}
    </section>
  );
}

function AppCategories({ state }: { state: AppsState }) {
  const t = useMessages(appsMessages);
  const locale = useLocale();
  const setCategory = useAppsStore((store) => store.setCategory);
  return (
    <div className="blocking-part" role="group" aria-labelledby="apps-lists">
      <h3 id="apps-lists">{t('lists.title')}</h3>
      <ul className="category-list">
        {state.categories.map((category) => (
          <li key={category.id} className="category">
            <label className="choice">
              <input type="checkbox" checked={category.enabled} onChange={(event) => void setCategory(category.id, event.target.checked)} />
              <span className="category-name">{category.names[locale]}</span>
            </label>
            {category.why && <p className="quiet measure">{category.why[locale]}</p>}
            <details className="category-sites">
              <summary>{t('lists.show')}</summary>
              <p className="path-line">{category.apps.map((app) => app.names[locale]).join('  ')}</p>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

function OwnApps({ state }: { state: AppsState }) {
  const t = useMessages(appsMessages);
  const kinds = useMessages(kindMessages);
  const locale = useLocale();
  const addOwn = useAppsStore((store) => store.addOwn);
  const addOwnFromFile = useAppsStore((store) => store.addOwnFromFile);
  const removeOwn = useAppsStore((store) => store.removeOwn);
  const clearOwnError = useAppsStore((store) => store.clearOwnError);
  const ownError = useAppsStore((store) => store.ownError);
  const [chosenKind, setKind] = useState<OwnAppKind | null>(null);
  // The kinds of rule this system knows (Linux's, macOS's or Windows's), the first until another is chosen.
  const kind = chosenKind !== null && state.ownKinds.includes(chosenKind) ? chosenKind : (state.ownKinds[0] ?? 'executable');
  const [text, setText] = useState('');
  /** What was typed when the core refused it: the message quotes it. */
  const [refused, setRefused] = useState('');
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const rule = text;
    setRefused(rule);
    if (await addOwn(kind, rule)) setText((current) => (current === rule ? '' : current));
  };
  const reason = AppRuleRejection.safeParse(ownError?.params?.reason);
  // A chosen file's rule comes back with its refusal; a typed one is what was typed.
  const refusedRule = typeof ownError?.params?.rule === 'string' ? ownError.params.rule : refused;
  const error =
    ownError && (ownError.code === 'app-rule-refused' && reason.success
      ? t('own.refused', { rule: refusedRule.trim().slice(0, 80), reason: refusalMessages[locale][reason.data] })
      : describeError(ownError, locale));

  return (
    <div className="blocking-part" role="group" aria-labelledby="apps-own">
      <h3 id="apps-own">{t('own.title')}</h3>
      <p className="quiet measure">{t(state.ownKinds.includes('bundleId') ? 'own.explain.macos' : state.ownKinds.includes('imageName') ? 'own.explain.windows' : 'own.explain')}</p>
      <form className="domain-form" onSubmit={(event) => void submit(event)}>
        <select aria-label={t('own.kind')} value={kind} onChange={(event) => setKind(OwnAppKind.parse(event.target.value))}>
          {state.ownKinds.map((option) => (
            <option key={option} value={option}>
              {kinds(option)}
            </option>
          ))}
        </select>
        <input
          type="text"
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-label={t('own.label')}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            clearOwnError();
          }}
        />
        <button type="submit" disabled={text.trim() === ''}>
          {t('own.add')}
        </button>
        {state.canChooseFile && (
          <button type="button" onClick={() => void addOwnFromFile()}>
            {t('own.chooseFile')}
          </button>
        )}
      </form>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <RunningAppPicker onPick={(own) => setRefused(own.rule)} />
      {state.own.length === 0 ? (
        <p className="quiet">{t('own.empty')}</p>
      ) : (
        <ul className="domain-list" aria-label={t('own.title')}>
          {state.own.map((own) => (
            <li key={ownKey(own)}>
              <span className="path-line">{own.rule}</span>
              <span className="quiet">{kinds(own.kind)}</span>
              <button type="button" className="link-button" aria-label={t('own.remove', { rule: own.rule })} onClick={() => void removeOwn(own)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The grace before a close is forced, and whether apps open at a session's start are left to the user for a while. */
function HowAppsClose({ state }: { state: AppsState }) {
  const t = useMessages(appsMessages);
  const setCloseGrace = useAppsStore((store) => store.setCloseGrace);
  const setWaitForOpenApps = useAppsStore((store) => store.setWaitForOpenApps);
  const graceId = useId();
  // The usual choices, and a value set by hand in the settings file, so it shows as it is.
  const choices = [...new Set([1, 2, 3, 5, 10, 15, 20, 30, state.closeGraceSeconds])]
    .filter((seconds) => seconds >= CLOSE_GRACE_SECONDS.min && seconds <= CLOSE_GRACE_SECONDS.max)
    .sort((a, b) => a - b);
  return (
    <div className="blocking-part" role="group" aria-labelledby="apps-closing">
      <h3 id="apps-closing">{t('closing.title')}</h3>
      <label className="choice">
        <input type="checkbox" checked={state.waitForOpenApps} onChange={(event) => void setWaitForOpenApps(event.target.checked)} />
        <span>{t('closing.wait', { seconds: OPEN_APPS_WAIT_MS / 1000 })}</span>
      </label>
      {!state.waitForOpenApps && <p className="quiet measure">{t('closing.wait.off')}</p>}
      <p className="apps-grace">
        <label htmlFor={graceId}>{t('closing.grace')}</label>{' '}
        <select id={graceId} value={state.closeGraceSeconds} onChange={(event) => void setCloseGrace(Number(event.target.value))}>
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {t('closing.seconds', { seconds })}
            </option>
          ))}
        </select>
      </p>
    </div>
  );
}

/** "Choose from running apps…": the user's running desktop apps, read on request, one added as an own entry. */
function RunningAppPicker({ onPick }: { onPick: (own: OwnApp) => void }) {
  const t = useMessages(appsMessages);
  const running = useAppsStore((store) => store.running);
  const loadRunning = useAppsStore((store) => store.loadRunning);
  const addOwn = useAppsStore((store) => store.addOwn);
  const [asked, setAsked] = useState(false);
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  const look = () => {
    setAsked(true);
    setChosen('');
    void loadRunning();
  };
  const picked = running?.apps.find((app) => ownKey(app.own) === chosen) ?? running?.apps[0];
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    onPick(picked.own);
    void addOwn(picked.own.kind, picked.own.rule);
  };

  return (
    <div className="running-apps">
      <button type="button" onClick={look}>
        {asked ? t('running.again') : t('running.open')}
      </button>
      {asked && running && !running.supported && <p className="quiet measure">{t('running.unsupported')}</p>}
      {asked && running?.supported && running.apps.length === 0 && <p className="quiet measure">{t('running.empty')}</p>}
      {asked && picked && (
        <form className="domain-form" onSubmit={add}>
          <label htmlFor={selectId}>{t('running.label')}</label>
          <select id={selectId} value={ownKey(picked.own)} onChange={(event) => setChosen(event.target.value)}>
            {running?.apps.map((app) => (
              <option key={ownKey(app.own)} value={ownKey(app.own)}>
                {app.name === app.own.rule ? app.name : t('running.option', { name: app.name, rule: app.own.rule })}
              </option>
            ))}
          </select>
          <button type="submit">{t('running.add')}</button>
        </form>
      )}
    </div>
  );
}

function ownKey(own: OwnApp): string {
  return `${own.kind}:${own.rule}`;
}
