import type { BlockingState } from '../../../../../src-main/contract/blocking';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { blockingMessages } from './blocking-messages';
import { useBlockingStore } from './blocking-store';

/** The built-in lists, each a toggle with its counts and, on request, its sites. */
export function CategoryList({ state }: { state: BlockingState }) {
  const t = useMessages(blockingMessages);
  const locale = useLocale();
  const setCategory = useBlockingStore((store) => store.setCategory);
  return (
    <div className="blocking-part" role="group" aria-labelledby="blocking-lists">
      <h3 id="blocking-lists">{t('lists.title')}</h3>
      <ul className="category-list">
        {state.categories.map((category) => (
          <li key={category.id} className="category">
            <label className="choice">
              <input
                type="checkbox"
                checked={category.enabled}
                onChange={(event) => void setCategory(category.id, event.target.checked)}
              />
              <span className="category-name">{category.names[locale]}</span>
            </label>
            <span className="quiet category-count" data-testid={`count-${category.id}`}>
              {t('lists.count', { sites: category.domains.length, hosts: category.hostnameCount })}
            </span>
            <details className="category-sites">
              <summary>{t('lists.show')}</summary>
              <p className="path-line">{category.domains.join('  ')}</p>
              {category.paths.length > 0 && (
                <p className="path-line" data-testid={`paths-${category.id}`}>
                  {t('lists.paths', { paths: category.paths.join('  ') })}
                </p>
              )}
            </details>
          </li>
        ))}
      </ul>
      <p className="quiet" data-testid="blocking-total">
        {t('lists.total', { count: state.hostnameCount, limit: state.hostnameLimit })}
      </p>
    </div>
  );
}
