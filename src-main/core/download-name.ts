/**
 * Whether the Chromium that saves our downloads (Electron's, or the browser the preview serves, started from
 * the same session) can store any file name. On Linux it converts the name to the locale's character set, and
 * under a POSIX locale (no `LANG`, or `C`) a name with any non-ASCII character fails to convert: the file is
 * saved as `download`. macOS and Windows store Unicode names whatever the locale.
 */
export function unicodeFileNames(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  // The first of these that is set names the character set (POSIX: an empty value counts as unset).
  const ctype = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /\.utf-?8(@|$)/i.test(ctype);
}

// Typographic dashes and quotes, as their ASCII forms (compatibility decomposition has none for them).
const ASCII_FORMS: Readonly<Record<string, string>> = {
  '\u2010': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': "'",
  '\u201D': "'",
};

/**
 * A name in printable ASCII: letters lose their accents, compatibility forms (`…`, no-break spaces) become their
 * plain ones, typographic dashes and quotes their ASCII forms; any other character is left out.
 */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, (char) => ASCII_FORMS[char] ?? '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * The file name to suggest for a download: `name` as it is where the system stores any name; elsewhere
 * `englishName` (a localized name can be all CJK) in ASCII, so the file keeps a name that says what it is.
 */
export function suggestedFileName(name: string, englishName: string, unicode: boolean): string {
  return unicode ? name : asciiFileName(englishName);
}
