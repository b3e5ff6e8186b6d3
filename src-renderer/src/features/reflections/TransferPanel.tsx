import { useState, type ChangeEvent } from 'react';
import type { ExportFormat } from '../../../../src-main/contract/reflections';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { downloadExport } from './reflection-files';
import { reflectionsMessages } from './reflections-messages';
import { useReflectionsStore } from './reflections-store';

type Scope = 'all' | 'filtered';

/** Export (all or the log's current filter) as CSV, JSON or one Markdown file; import a CSV or JSON export. */
export function TransferPanel() {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const transfer = useReflectionsStore((store) => store.transfer);
  const busy = useReflectionsStore((store) => store.busy);
  const importEntries = useReflectionsStore((store) => store.importEntries);
  const [scope, setScope] = useState<Scope>('all');
  const [badFile, setBadFile] = useState<string | null>(null);

  const problem = badFile ?? (transfer?.error ? describeError(transfer.error, locale) : null);

  const runExport = (format: ExportFormat) => downloadExport(format, scope === 'filtered', locale);

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const format = /\.csv$/i.test(file.name) ? 'csv' : /\.json$/i.test(file.name) ? 'json' : null;
    if (!format) {
      setBadFile(t('transfer.badType', { name: file.name }));
      return;
    }
    setBadFile(null);
    await importEntries(format, await file.text());
  };

  return (
    <div className="reflection-transfer">
      <h3>{t('transfer.export')}</h3>
      <p className="quiet measure">{t('transfer.exportExplain')}</p>
      <ChoiceGroup
        legend={t('transfer.scope')}
        name="reflection-export-scope"
        options={['all', 'filtered'] as const}
        value={scope}
        onChange={setScope}
        label={(option) => (option === 'all' ? t('transfer.scopeAll') : t('transfer.scopeFiltered'))}
      />
      <div className="button-row">
        <button type="button" onClick={() => void runExport('csv')}>
          {t('transfer.csv')}
        </button>
        <button type="button" onClick={() => void runExport('json')}>
          {t('transfer.json')}
        </button>
        <button type="button" onClick={() => void runExport('markdown')}>
          {t('transfer.markdown')}
        </button>
      </div>
      {transfer?.exported && (
        <p role="status" className="quiet">
          {t('transfer.exported', transfer.exported)}
        </p>
      )}
      <h3>{t('transfer.import')}</h3>
      <p className="quiet measure">{t('transfer.importExplain')}</p>
      <label className="file-button">
        <input type="file" accept=".csv,.json,text/csv,application/json" disabled={busy} onChange={(event) => void pickFile(event)} />
        <span>{t('transfer.pick')}</span>
      </label>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {transfer?.imported && (
        <div role="status" className="import-report" data-testid="reflection-import-report">
          <p>{t('transfer.report', { imported: transfer.imported.imported })}</p>
          <ul>
            {transfer.imported.lines.map((line) => (
              <li key={line.line}>
                {line.detail
                  ? t('transfer.lineDetail', { line: line.line, result: t(`result.${line.result}`), detail: line.detail })
                  : t('transfer.line', { line: line.line, result: t(`result.${line.result}`) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
