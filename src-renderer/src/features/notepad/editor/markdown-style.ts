import { syntaxTree } from '@codemirror/language';
import type { EditorState, Range } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';

const markClass: Record<string, string> = {
  Emphasis: 'cm-md-em',
  StrongEmphasis: 'cm-md-strong',
  Strikethrough: 'cm-md-strike',
  InlineCode: 'cm-md-code',
  Link: 'cm-md-link',
  ListMark: 'cm-md-list-mark',
  QuoteMark: 'cm-md-quote-mark',
};

// Marks hidden off the cursor's lines. `CodeMark` only inside inline code: fences stay visible.
const hiddenMarks = new Set(['HeaderMark', 'EmphasisMark', 'StrikethroughMark']);
const hide = Decoration.replace({});

/** Line numbers the selection is on: their marks stay visible so they can be edited. */
function activeLines(state: EditorState): Set<number> {
  const lines = new Set<number>();
  for (const r of state.selection.ranges) {
    const last = state.doc.lineAt(r.to).number;
    for (let n = state.doc.lineAt(r.from).number; n <= last; n++) lines.add(n);
  }
  return lines;
}

/** Quiet Markdown styling for the visible ranges, with markup hidden away from the cursor's lines. */
function markdownDecorations(view: EditorView): DecorationSet {
  const { state } = view;
  const active = activeLines(state);
  const isActive = (pos: number): boolean => active.has(state.doc.lineAt(pos).number);
  const out: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(state).iterate({
      from,
      to,
      enter(node) {
        const name = node.name;
        const heading = /^(?:ATXHeading|SetextHeading)(\d)$/.exec(name);
        if (heading) out.push(Decoration.line({ class: `cm-md-h cm-md-h${heading[1]}` }).range(state.doc.lineAt(node.from).from));
        else if (name === 'Blockquote') {
          const last = state.doc.lineAt(node.to).number;
          for (let n = state.doc.lineAt(node.from).number; n <= last; n++) {
            out.push(Decoration.line({ class: 'cm-md-quote' }).range(state.doc.line(n).from));
          }
        } else if (markClass[name] && node.to > node.from) {
          out.push(Decoration.mark({ class: markClass[name] }).range(node.from, node.to));
        }
        const hidden = hiddenMarks.has(name) || (name === 'CodeMark' && node.node.parent?.name === 'InlineCode');
        if (hidden && !isActive(node.from)) {
          // A heading's `#` takes its following space with it, so the title starts at the margin.
          const end = name === 'HeaderMark' && state.sliceDoc(node.to, node.to + 1) === ' ' ? node.to + 1 : node.to;
          if (end > node.from) out.push(hide.range(node.from, end));
        }
        if (name === 'FencedCode' || name === 'CodeBlock' || name === 'InlineMath' || name === 'BlockMath') return false;
        return undefined;
      },
    });
  }
  return Decoration.set(out, true);
}

const activeKey = (state: EditorState): string => [...activeLines(state)].join(',');

/**
 * Rebuilt over the visible ranges only, and only when the text, the viewport, the tree, or the set of
 * lines holding the cursor changes: moving within a line costs nothing.
 */
class MarkdownStyleView {
  decorations: DecorationSet;
  constructor(view: EditorView) {
    this.decorations = markdownDecorations(view);
  }
  update(u: ViewUpdate): void {
    const linesMoved = u.selectionSet && activeKey(u.state) !== activeKey(u.startState);
    if (u.docChanged || u.viewportChanged || linesMoved || syntaxTree(u.state) !== syntaxTree(u.startState)) {
      this.decorations = markdownDecorations(u.view);
    }
  }
}

export const markdownStyle = ViewPlugin.fromClass(MarkdownStyleView, { decorations: (v) => v.decorations });
