import './blocking.css';
import { useMessages } from '../../../app/i18n/messages';
import { blockingMessages } from './blocking-messages';
import { useBlockingStore } from './blocking-store';
import { BrowserPoliciesPanel } from './BrowserPoliciesPanel';
import { CategoryList } from './CategoryList';
import { DomainListEditor } from './DomainListEditor';
import { GuardPanel } from './GuardPanel';
import { ImportExport } from './ImportExport';

/**
 * Settings → Blocking: the guard, browser policies, lists, the user's sites, allow exceptions, import/export. The
 * mirror follows main from boot (followBlocking, started with the others in app/followers.ts): core pushes blocking.changed, nothing polls here.
 */
export function BlockingSection() {
  const t = useMessages(blockingMessages);
  const state = useBlockingStore((store) => store.state);

  return (
    <section className="settings-section blocking-section" aria-labelledby="settings-blocking">
      <h2 id="settings-blocking">{t('title')}</h2>
      <p className="measure">{t('intro')}</p>
      <p className="quiet measure" data-testid="reach-explain">
        {t('reach.explain')}
      </p>
      {state && (
        <>
          <GuardPanel state={state} />
          <BrowserPoliciesPanel state={state} />
          <CategoryList state={state} />
          <DomainListEditor kind="domains" state={state} />
          <DomainListEditor kind="allow" state={state} />
          <DomainListEditor kind="allowOnlySites" state={state} />
          <ImportExport />
        </>
      )}
    </section>
  );
}
