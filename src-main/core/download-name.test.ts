import { describe, expect, it } from 'vitest';
import { asciiFileName, suggestedFileName, unicodeFileNames } from './download-name';

describe('unicodeFileNames', () => {
  it('is false on Linux under a locale whose character set is not UTF-8, as in a POSIX locale', () => {
    expect(unicodeFileNames('linux', {})).toBe(false);
    expect(unicodeFileNames('linux', { LANG: 'C' })).toBe(false);
    expect(unicodeFileNames('linux', { LANG: 'POSIX' })).toBe(false);
    expect(unicodeFileNames('linux', { LANG: 'de_DE.ISO-8859-1' })).toBe(false);
    expect(unicodeFileNames('linux', { LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(unicodeFileNames('linux', { LC_CTYPE: 'POSIX', LANG: 'zh_CN.UTF-8' })).toBe(false);
  });

  it('is true under a UTF-8 locale, whichever variable names it, and on macOS and Windows', () => {
    expect(unicodeFileNames('linux', { LANG: 'en_US.UTF-8' })).toBe(true);
    expect(unicodeFileNames('linux', { LANG: 'C.utf8' })).toBe(true);
    expect(unicodeFileNames('linux', { LANG: 'sr_RS.UTF-8@latin' })).toBe(true);
    expect(unicodeFileNames('linux', { LC_CTYPE: 'zh_CN.UTF-8' })).toBe(true);
    expect(unicodeFileNames('linux', { LC_ALL: '', LANG: 'en_US.UTF-8' })).toBe(true);
    expect(unicodeFileNames('darwin', {})).toBe(true);
    expect(unicodeFileNames('win32', {})).toBe(true);
  });
});

describe('asciiFileName', () => {
  it('keeps letters without their accents, gives typographic characters their ASCII forms, leaves out the rest', () => {
    expect(asciiFileName('Stillroom weekly review 2026-11-27 – 2026-12-03.md')).toBe('Stillroom weekly review 2026-11-27 - 2026-12-03.md');
    expect(asciiFileName('“Proof”\u00A0— Anna’s notes….md')).toBe("'Proof' - Anna's notes....md");
    expect(asciiFileName('静室 review 2026-12-03.md')).toBe('review 2026-12-03.md');
    expect(asciiFileName('Ünïcode 🙂 ﬁle x.md')).toBe('Unicode file x.md');
  });

  it('returns printable ASCII for any name', () => {
    const everything = Array.from({ length: 0x3000 }, (_, code) => String.fromCharCode(code)).join('');
    expect(asciiFileName(everything)).toMatch(/^[\x20-\x7E]*$/);
  });
});

describe('suggestedFileName', () => {
  it('keeps the name where any name can be stored, else offers the English name in ASCII', () => {
    expect(suggestedFileName('静室回顾 2026-12-03.md', 'Stillroom reflections 2026-12-03.md', true)).toBe('静室回顾 2026-12-03.md');
    expect(suggestedFileName('静室每周回顾 2026-11-27 – 2026-12-03.md', 'Stillroom weekly review 2026-11-27 – 2026-12-03.md', false)).toBe(
      'Stillroom weekly review 2026-11-27 - 2026-12-03.md',
    );
  });
});
