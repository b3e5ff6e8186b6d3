import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../../src-main/contract';
import type { BlockingState } from '../../../../../src-main/contract/blocking';
import { DomainRejection } from '../../../../../src-main/contract/blocking';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { blockingMessages, rejectionMessages } from './blocking-messages';
import { useBlockingStore, type DomainListKind } from './blocking-store';

/**
 * The user's own sites, the allow exceptions, or the allowlist of "only these sites" sessions: add with inline
 * validation (by the core), remove one by one. Each rule says where it takes effect (system-wide through the hosts
 * file, or in browsers only); an allowlist site, whether the blocklist keeps it blocked all the same.
 */
const PREFIX = { domains: 'domains', allow: 'allow', allowOnlySites: 'allowOnly' } as const;

export function DomainListEditor({ kind, state }: { kind: DomainListKind; state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const locale = useLocale();
  const addRule = useBlockingStore((store) => store.addRule);
  const removeRule = useBlockingStore((store) => store.removeRule);
  const clearRuleError = useBlockingStore((store) => store.clearRuleError);
  const fieldError = useBlockingStore((store) => store[kind === 'domains' ? 'domainError' : kind === 'allow' ? 'allowError' : 'allowOnlyError']);
  const prefix = PREFIX[kind];
  const focusRequest = useBlockingStore((store) => store.focusRequest);
  const requestFocus = useBlockingStore((store) => store.requestFocus);
  const [text, setText] = useState('');
  /** What was typed when the core refused it: the message quotes it. */
  const [refused, setRefused] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const entries =
    kind === 'allowOnlySites'
      ? state.allowOnlySites.map(({ rule, blocked }) => ({ rule, note: t(blocked ? 'allowOnly.blocked' : 'allowOnly.open'), className: blocked ? 'reach-nowhere' : 'reach-browsers' }))
      : state[kind].map(({ rule, reach }) => ({ rule, note: t(`reach.${reach}`), className: `reach-${reach}` }));

  useEffect(() => {
    if (focusRequest !== kind) return;
    input.current?.focus();
    input.current?.scrollIntoView({ block: 'center' });
    requestFocus(null);
  }, [focusRequest, kind, requestFocus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const domain = text;
    setRefused(domain);
    // Only what was added goes: the next site, typed while main answered, stays in the field.
    if (await addRule(kind, domain)) setText((current) => (current === domain ? '' : current));
  };

  const describe = (refusal: AppError) => {
    const reason = DomainRejection.safeParse(refusal.params?.reason);
    return refusal.code === 'domain-invalid' && reason.success
      ? t('invalid', { domain: refused.trim().slice(0, 80), reason: rejectionMessages[locale][reason.data] })
      : describeError(refusal, locale);
  };
  const error = fieldError && describe(fieldError);

  return (
    <div className="blocking-part" role="group" aria-labelledby={`blocking-${kind}`}>
      <h3 id={`blocking-${kind}`}>{t(`${prefix}.title`)}</h3>
      <p className="quiet measure">{t(`${prefix}.explain`, { limit: state.allowOnlyLimit })}</p>
      <form className="domain-form" onSubmit={(event) => void submit(event)}>
        <input
          ref={input}
          type="text"
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder="example.com"
          aria-label={t(`${prefix}.label`)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            clearRuleError(kind);
          }}
        />
        <button type="submit" disabled={text.trim() === ''}>
          {t(`${prefix}.add`)}
        </button>
      </form>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="quiet">{t(`${prefix}.empty`)}</p>
      ) : (
        <ul className="domain-list" aria-label={t(`${prefix}.title`)}>
          {entries.map(({ rule, note, className }) => (
            <li key={rule}>
              <span className="path-line">{rule}</span>
              <span className={`quiet rule-reach ${className}`} data-testid={`reach-${rule}`}>
                {note}
              </span>
              <button
                type="button"
                className="link-button"
                aria-label={t(`${prefix}.remove`, { domain: rule })}
                onClick={() => void removeRule(kind, rule)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
