import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { LATEX_COMMANDS, LATEX_ENVIRONMENTS } from './latex-commands';

describe('the completion list', () => {
  it('holds only commands KaTeX renders', () => {
    const failing = LATEX_COMMANDS.filter((c) => {
      const inserted = `\\${c.insert.replace(/\$\{[^}]*\}/g, 'a')}`;
      // Delimiter commands cannot stand alone; their preview shows them in use.
      const tex = /^(left|right|[bB]igg?)$/.test(c.name) ? c.preview : `${inserted} x`;
      try {
        katex.renderToString(tex, { throwOnError: true, displayMode: true, strict: 'ignore' });
        katex.renderToString(c.preview, { throwOnError: true, displayMode: true, strict: 'ignore' });
        return false;
      } catch {
        return true;
      }
    });
    expect(failing.map((c) => c.name)).toEqual([]);
    expect(new Set(LATEX_COMMANDS.map((c) => c.name)).size).toBe(LATEX_COMMANDS.length);
  });

  it('holds only environments KaTeX renders', () => {
    const failing = LATEX_ENVIRONMENTS.filter((env) => {
      const arg = env.startsWith('array') ? '{cc}' : env.startsWith('alignat') ? '{1}' : '';
      try {
        const body = env.startsWith('equation') ? 'a' : 'a & b';
        katex.renderToString(`\\begin{${env}}${arg} ${body} \\end{${env}}`, { throwOnError: true, displayMode: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(failing).toEqual([]);
  });
});
