import { useEffect } from 'react';
import './blocking.css';
import { useMessages } from '../../../app/i18n/messages';
import { blockingMessages } from './blocking-messages';
import { followBlocking, useBlockingStore } from './blocking-store';
import { CategoryList } from './CategoryList';
import { DomainListEditor } from './DomainListEditor';
import { GuardPanel } from './GuardPanel';
import { ImportExport } from './ImportExport';

/** Settings → Blocking: lists, the user's sites, allow exceptions, import/export and the guard. */
export function BlockingSection() {
  const t = useMessages(blockingMessages);
  const state = useBlockingStore((store) => store.state);
  const load = useBlockingStore((store) => store.load);

  useEffect(() => {
    void load();
    // Core watches the guard and pushes blocking.changed when it starts, stops or a lease ends: no polling here.
    return followBlocking();
  }, [load]);

  return (
    <section className="settings-section blocking-section" aria-labelledby="settings-blocking">
      <h2 id="settings-blocking">{t('title')}</h2>
      <p className="measure">{t('intro')}</p>
      {state && (
        <>
          <GuardPanel state={state} />
          <CategoryList state={state} />
          <DomainListEditor kind="domains" state={state} />
          <DomainListEditor kind="allow" state={state} />
          <ImportExport />
        </>
      )}
    </section>
  );
}
