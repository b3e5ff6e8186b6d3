/**
 * Offers text as a file download through a Blob URL: the browser preview has no save dialog, and in Electron the
 * download asks where to save. `blob:` URLs of our own origin need no CSP change (downloads are not navigations).
 */
export function downloadText(fileName: string, text: string, mimeType = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
