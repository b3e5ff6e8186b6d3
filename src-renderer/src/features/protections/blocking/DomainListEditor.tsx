import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BlockingState } from '../../../../../src-main/contract/blocking';
import { DomainRejection } from '../../../../../src-main/contract/blocking';
import { api } from '../../../app/api';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { blockingMessages, rejectionMessages } from './blocking-messages';
import { useBlockingStore, type DomainListKind } from './blocking-store';

/** The user's own sites, or the allow exceptions: add with inline validation (by the core), remove one by one. */
export function DomainListEditor({ kind, state }: { kind: DomainListKind; state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const locale = useLocale();
  const apply = useBlockingStore((store) => store.apply);
  const focusRequest = useBlockingStore((store) => store.focusRequest);
  const requestFocus = useBlockingStore((store) => store.requestFocus);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const entries = state[kind];

  useEffect(() => {
    if (focusRequest !== kind) return;
    input.current?.focus();
    input.current?.scrollIntoView({ block: 'center' });
    requestFocus(null);
  }, [focusRequest, kind, requestFocus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const domain = text;
    const result = await apply(kind === 'domains' ? api().blocking.addDomain({ domain }) : api().blocking.addAllow({ domain }));
    if (result.ok) {
      setText('');
      setError(null);
      return;
    }
    const reason = DomainRejection.safeParse(result.error.params?.reason);
    setError(
      result.error.code === 'domain-invalid' && reason.success
        ? t('invalid', { domain: domain.trim().slice(0, 80), reason: rejectionMessages[locale][reason.data] })
        : describeError(result.error, locale),
    );
  };

  const remove = (domain: string) =>
    void apply(kind === 'domains' ? api().blocking.removeDomain({ domain }) : api().blocking.removeAllow({ domain }));

  return (
    <div className="blocking-part" aria-labelledby={`blocking-${kind}`}>
      <h3 id={`blocking-${kind}`}>{t(`${kind === 'domains' ? 'domains' : 'allow'}.title`)}</h3>
      <p className="quiet measure">{t(kind === 'domains' ? 'domains.explain' : 'allow.explain')}</p>
      <form className="domain-form" onSubmit={(event) => void submit(event)}>
        <input
          ref={input}
          type="text"
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder="example.com"
          aria-label={t(kind === 'domains' ? 'domains.label' : 'allow.label')}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" disabled={text.trim() === ''}>
          {t(kind === 'domains' ? 'domains.add' : 'allow.add')}
        </button>
      </form>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="quiet">{t(kind === 'domains' ? 'domains.empty' : 'allow.empty')}</p>
      ) : (
        <ul className="domain-list" aria-label={t(`${kind === 'domains' ? 'domains' : 'allow'}.title`)}>
          {entries.map((domain) => (
            <li key={domain}>
              <span className="path-line">{domain}</span>
              <button
                type="button"
                className="link-button"
                aria-label={t(kind === 'domains' ? 'domains.remove' : 'allow.remove', { domain })}
                onClick={() => remove(domain)}
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
