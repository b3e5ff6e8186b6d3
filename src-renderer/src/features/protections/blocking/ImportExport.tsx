import { useState, type ChangeEvent } from 'react';
import type { ExportFormat } from '../../../../../src-main/contract/blocking';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { downloadText } from '../../../ui/download';
import { appLineRefusal } from '../apps';
import { blockingMessages, rejectionMessages } from './blocking-messages';
import { useBlockingStore } from './blocking-store';

/** Paste or pick a list (read here, sent as text); the core answers with a report of every line it refused. */
export function ImportExport() {
  const t = useMessages(blockingMessages);
  const locale = useLocale();
  const [text, setText] = useState('');
  const importList = useBlockingStore((store) => store.importList);
  const exportList = useBlockingStore((store) => store.exportList);
  const report = useBlockingStore((store) => store.importReport);
  const importError = useBlockingStore((store) => store.importError);
  const exportError = useBlockingStore((store) => store.exportError);

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) setText(await file.text());
  };

  const runImport = async () => {
    const imported = text;
    // Text changed while main answered is the next list, not this one: it stays.
    if ((await importList(imported)) && useBlockingStore.getState().importReport?.rejectedTotal === 0) {
      setText((current) => (current === imported ? '' : current));
    }
  };

  const runExport = async (format: ExportFormat) => {
    if (!(await exportList(format))) return;
    const file = useBlockingStore.getState().exported;
    if (file) downloadText(file.fileName, file.text);
  };

  return (
    <div className="blocking-part" role="group" aria-labelledby="blocking-import">
      <h3 id="blocking-import">{t('import.title')}</h3>
      <p className="quiet measure">{t('import.explain')}</p>
      <textarea
        className="import-text"
        rows={5}
        spellCheck={false}
        value={text}
        aria-label={t('import.label')}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="button-row">
        <label className="file-button">
          <input type="file" accept=".txt,.hosts,text/plain" onChange={(event) => void pickFile(event)} />
          <span>{t('import.file')}</span>
        </label>
        <button type="button" className="primary" disabled={text.trim() === ''} onClick={() => void runImport()}>
          {t('import.run')}
        </button>
        <button type="button" onClick={() => void runExport('plain')}>
          {t('export.plain')}
        </button>
        <button type="button" onClick={() => void runExport('hosts')}>
          {t('export.hosts')}
        </button>
      </div>
      {[importError, exportError].map(
        (refusal, index) =>
          refusal && (
            <p key={index} className="field-error" role="alert">
              {describeError(refusal, locale)}
            </p>
          ),
      )}
      {report && (
        <div className="import-report" role="status" data-testid="import-report">
          <p>{t('import.report', { added: report.added, present: report.alreadyPresent, ignored: report.ignored })}</p>
          {report.apps.added + report.apps.alreadyPresent > 0 && <p>{t('import.report.apps', { added: report.apps.added, present: report.apps.alreadyPresent })}</p>}
          {report.rejectedTotal > 0 && (
            <>
              <p>{t('import.rejected', { count: report.rejectedTotal })}</p>
              <ul>
                {report.rejected.map((entry) => (
                  <li key={`${entry.line}:${entry.text}`}>
                    {t('import.line', { line: entry.line, text: entry.text, reason: 'app' in entry ? appLineRefusal(entry.reason, locale) : rejectionMessages[locale][entry.reason] })}
                  </li>
                ))}
              </ul>
              {report.rejectedTotal > report.rejected.length && <p>{t('import.rejected.more', { count: report.rejectedTotal - report.rejected.length })}</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
