import type { ExportFormat } from '../../../../src-main/contract/reflections';
import type { Locale } from '../../app/i18n/locale';
import { downloadText } from '../../ui/download';
import { useReflectionsStore } from './reflections-store';

/** Saves the last 7 days as the one Markdown file the core writes, in the reader's language. */
export async function downloadWeeklyReview(language: Locale): Promise<void> {
  const review = await useReflectionsStore.getState().loadWeekly(language);
  if (review) downloadText(review.fileName, review.markdown, 'text/markdown;charset=utf-8');
}

/** Saves the log (all, or what its filters show) as CSV, JSON or one Markdown file. */
export async function downloadExport(format: ExportFormat, filtered: boolean, language: Locale): Promise<void> {
  const file = await useReflectionsStore.getState().exportEntries(format, filtered, language);
  if (file) downloadText(file.fileName, file.content, file.mimeType);
}
