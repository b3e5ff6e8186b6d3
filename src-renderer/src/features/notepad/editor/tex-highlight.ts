import { StringStream } from '@codemirror/language';
import type { EditorState, Range } from '@codemirror/state';
import { stexMath } from '@codemirror/legacy-modes/mode/stex';
import { Decoration } from '@codemirror/view';
import { visibleMathPlugin, type MathRange } from './math-ranges';

// Formulas longer than this keep their spellcheck-off mark but are not tokenized.
const MAX_TOKENIZED = 5_000;

const source = Decoration.mark({ class: 'cm-math-source', attributes: { spellcheck: 'false' } });
const delimiter = Decoration.mark({ class: 'cm-math-delimiter' });
const tokenMarks = new Map<string, Decoration>();
const tokenMark = (style: string): Decoration => {
  let mark = tokenMarks.get(style);
  if (!mark) tokenMarks.set(style, (mark = Decoration.mark({ class: `cm-tex-${style.replace(/\W+/g, '-')}` })));
  return mark;
};

/** TeX tokens of one formula's source, via the legacy stex math tokenizer, line by line. */
export function texTokens(state: EditorState, m: MathRange): { from: number; to: number; style: string }[] {
  const out: { from: number; to: number; style: string }[] = [];
  if (m.texTo - m.texFrom > MAX_TOKENIZED) return out;
  const tokenizer = stexMath.startState?.(2) ?? {};
  let pos = m.texFrom;
  for (const text of state.sliceDoc(m.texFrom, m.texTo).split('\n')) {
    const stream = new StringStream(text, 4, 2);
    while (!stream.eol()) {
      const style = stexMath.token(stream, tokenizer);
      if (stream.pos === stream.start) stream.next(); // a tokenizer that does not advance would loop forever
      if (style) out.push({ from: pos + stream.start, to: pos + stream.pos, style });
      stream.start = stream.pos;
    }
    pos += text.length + 1;
  }
  return out;
}

function decorate(m: MathRange, state: EditorState): Range<Decoration>[] {
  const out = [source.range(m.from, m.to)];
  if (m.texFrom > m.from) out.push(delimiter.range(m.from, m.texFrom));
  for (const t of texTokens(state, m)) out.push(tokenMark(t.style).range(t.from, t.to));
  if (m.texTo < m.to) out.push(delimiter.range(m.texTo, m.to));
  return out;
}

/**
 * TeX highlighting and spellcheck off inside math source, for the visible formulas. It stays on in
 * source mode; under a rendered widget its marks are simply not drawn.
 */
export const texHighlight = visibleMathPlugin(() => true, decorate, false);
