import { describe, expect, it } from 'vitest';
import { latexMath, latexText } from './latex-text';

describe('text for LaTeX', () => {
  it('escapes every special character, and the ones OT1 fonts set as other glyphs', () => {
    expect(latexText('# $ % & _ { } ~ ^ \\ < > |', 'document')).toBe(
      '\\# \\$ \\% \\& \\_ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{} \\textbar{}',
    );
  });

  it('lets through what pdflatex sets, writes math symbols as commands, wraps CJK runs, marks the rest', () => {
    expect(latexText('café Straße “q” — €', 'document')).toBe('café Straße “q” — €');
    expect(latexText('α→∞', 'document')).toBe('\\ensuremath{\\alpha}\\ensuremath{\\to}\\ensuremath{\\infty}');
    expect(latexText('定理：证明。かな 한국어', 'document')).toBe('\\cjk{定理：证明。かな} \\cjk{한국어}');
    expect(latexText('ą 😀 ð', 'document')).toBe('\\unsupportedglyph{0105} \\unsupportedglyph{1F600} \\unsupportedglyph{00F0}');
  });

  it('leaves Unicode text alone in a fragment', () => {
    expect(latexText('证明 ą 😀 α', 'fragment')).toBe('证明 ą 😀 \\ensuremath{\\alpha}');
  });

  it('writes Unicode in math as commands, and text as \\text', () => {
    expect(latexMath('x \\le y', 'document')).toBe('x \\le y');
    expect(latexMath('α ≤ β', 'document')).toBe('\\ensuremath{\\alpha} \\ensuremath{\\leq} \\ensuremath{\\beta}');
    expect(latexMath('\\text{中文 😀}', 'document')).toBe('\\text{\\text{\\cjk{中文}} \\text{\\unsupportedglyph{1F600}}}');
    expect(latexMath('\\text{中文}', 'fragment')).toBe('\\text{中文}');
  });
});
