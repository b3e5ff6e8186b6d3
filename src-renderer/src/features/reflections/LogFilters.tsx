import { useId } from 'react';
import { ReflectionOutcome } from '../../../../src-main/contract/reflections';
import { useMessages } from '../../app/i18n/messages';
import { reflectionsMessages } from './reflections-messages';
import { isFiltered, useReflectionsStore } from './reflections-store';

const DEPTHS = [1, 2, 3, 4, 5] as const;

/** Search and filters over the log; every change asks the core for the narrowed list. */
export function LogFilters() {
  const t = useMessages(reflectionsMessages);
  const ids = useId();
  const filter = useReflectionsStore((store) => store.filter);
  const tags = useReflectionsStore((store) => store.tags);
  const { setFilter, clearFilter } = useReflectionsStore.getState();
  const depthSelect = (which: 'depthMin' | 'depthMax', label: string) => (
    <label className="filter-field">
      <span>{label}</span>
      <select value={filter[which] ?? ''} onChange={(event) => void setFilter({ [which]: event.target.value ? Number(event.target.value) : null })}>
        <option value="">{t('log.anyDepth')}</option>
        {DEPTHS.map((depth) => (
          <option key={depth} value={depth}>
            {depth}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="log-filters" role="search">
      <label className="field" htmlFor={`${ids}-search`}>
        {t('log.search')}
      </label>
      <input id={`${ids}-search`} type="search" value={filter.text} maxLength={200} onChange={(event) => void setFilter({ text: event.target.value })} />
      <div className="filter-row">
        <label className="filter-field">
          <span>{t('log.tag')}</span>
          <select value={filter.tag} onChange={(event) => void setFilter({ tag: event.target.value })}>
            <option value="">{t('log.anyTag')}</option>
            {tags.map(({ tag }) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="filter-field filter-outcomes">
          <legend>{t('log.outcome')}</legend>
          {ReflectionOutcome.options.map((outcome) => (
            <label key={outcome} className="choice">
              <input
                type="checkbox"
                checked={filter.outcomes.includes(outcome)}
                onChange={(event) =>
                  void setFilter({ outcomes: event.target.checked ? [...filter.outcomes, outcome] : filter.outcomes.filter((other) => other !== outcome) })
                }
              />
              {t(`outcome.${outcome}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="filter-field filter-pair">
          <legend>{t('log.depth')}</legend>
          {depthSelect('depthMin', t('log.depthFrom'))}
          {depthSelect('depthMax', t('log.depthTo'))}
        </fieldset>
        <fieldset className="filter-field filter-pair">
          <legend>{t('log.dates')}</legend>
          <label className="filter-field">
            <span>{t('log.from')}</span>
            <input type="date" value={filter.from} max={filter.to || undefined} onChange={(event) => void setFilter({ from: event.target.value })} />
          </label>
          <label className="filter-field">
            <span>{t('log.to')}</span>
            <input type="date" value={filter.to} min={filter.from || undefined} onChange={(event) => void setFilter({ to: event.target.value })} />
          </label>
        </fieldset>
        {isFiltered(filter) && (
          <button type="button" onClick={() => void clearFilter()}>
            {t('log.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
