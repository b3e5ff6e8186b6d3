import { parser as commonMark } from '@lezer/markdown';
import type { SyntaxNode } from '@lezer/common';
import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
// The one exception to "through its index.ts": the notepad's index is imported at boot, and re-exporting the
// KaTeX renderer there would put KaTeX (~500 kB) into the boot chunk. It (and the phrases its refusals are said in)
// belongs in a shared module (not a feature's); until the notepad moves it, this lazily loaded view reaches it directly.
// eslint-disable-next-line stillroom/feature-boundaries
import { MathRenderCache } from '../notepad/editor/katex-render';
// eslint-disable-next-line stillroom/feature-boundaries
import { sayPhrase } from '../notepad/editor/phrases';
import { useLocale } from '../../app/i18n/use-locale';
import { MathNode, mathSyntax } from '../../../../src-shared/markdown/math-syntax';
import 'katex/dist/katex.min.css';

// The notepad's own Markdown grammar (with its math nodes) and its KaTeX settings (trust off, bounded): a
// reflection reads exactly as the same text would in a note. The tree becomes React elements; no HTML string
// from the text is ever parsed, so the preview cannot inject markup.
const markdown = commonMark.configure([mathSyntax]);
const mathCache = new MathRenderCache(200);

/** Marks the tree keeps but the reader should not see. */
const hiddenNodes = new Set(['EmphasisMark', 'CodeMark', 'LinkMark', 'HeaderMark', 'QuoteMark', 'ListMark', 'URL', 'LinkTitle', 'LinkLabel', 'CodeInfo', MathNode.mark]);

/** One formula: KaTeX's DOM is cloned in; a formula that does not render shows its source, quietly, with why. */
function Formula({ tex, display }: { tex: string; display: boolean }) {
  const holder = useRef<HTMLSpanElement>(null);
  const render = mathCache.render(tex, display);
  const locale = useLocale();
  useLayoutEffect(() => {
    if (render.ok) holder.current?.replaceChildren(render.element.cloneNode(true));
  }, [render]);
  if (!render.ok) {
    return (
      // The app's own refusals in the user's language, as the editor says them; KaTeX's reasons exist in English only.
      <code className="md-math-error" title={render.phrase ? sayPhrase(locale, render.phrase.template, render.phrase.values) : render.message}>
        {display ? `$$${tex}$$` : `$${tex}$`}
      </code>
    );
  }
  return <span ref={holder} className={display ? 'md-math md-math-display' : 'md-math'} />;
}

function mathSource(node: SyntaxNode, text: string): { tex: string; display: boolean } {
  const open = node.firstChild;
  const close = node.lastChild;
  const from = open && open.name === MathNode.mark ? open.to : node.from;
  const to = close && close !== open && close.name === MathNode.mark ? close.from : node.to;
  const display = node.name === MathNode.block || (open !== null && open.to - open.from === 2 && text.startsWith('$$', open.from));
  return { tex: text.slice(from, to).trim(), display };
}

/** Blocks whose own text between children is only indentation and line breaks. */
const containers = new Set(['BulletList', 'OrderedList', 'ListItem', 'Blockquote']);

/** The node's children with the text between them, marks left out. */
function inner(node: SyntaxNode, text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  const gap = (from: number, to: number) => {
    const between = text.slice(from, to);
    if (!containers.has(node.name) || between.trim() !== '') out.push(between);
  };
  let at = node.from;
  let index = 0;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.from > at) gap(at, child.from);
    out.push(element(child, text, `${keyPrefix}.${index++}`));
    at = child.to;
  }
  if (node.to > at) gap(at, node.to);
  return out;
}

function element(node: SyntaxNode, text: string, key: string): ReactNode {
  if (hiddenNodes.has(node.name)) return null;
  const kids = () => inner(node, text, key);
  switch (node.name) {
    case MathNode.inline:
    case MathNode.block: {
      const { tex, display } = mathSource(node, text);
      return <Formula key={key} tex={tex} display={display} />;
    }
    case 'Paragraph':
      return <p key={key}>{kids()}</p>;
    case 'Emphasis':
      return <em key={key}>{kids()}</em>;
    case 'StrongEmphasis':
      return <strong key={key}>{kids()}</strong>;
    case 'InlineCode':
      return <code key={key}>{kids()}</code>;
    case 'FencedCode':
    case 'CodeBlock': {
      const code = node.getChild('CodeText');
      return <pre key={key}>{code ? text.slice(code.from, code.to) : ''}</pre>;
    }
    case 'BulletList':
      return <ul key={key}>{kids()}</ul>;
    case 'OrderedList':
      return <ol key={key}>{kids()}</ol>;
    case 'ListItem':
      return <li key={key}>{kids()}</li>;
    case 'Blockquote':
      return <blockquote key={key}>{kids()}</blockquote>;
    case 'Escape':
      return text.slice(node.from + 1, node.to);
    case 'HardBreak':
      return <br key={key} />;
    // Links show their words only: the preview is for reading back, and the window opens no pages.
    case 'Link':
    case 'Image':
    case 'Autolink':
      return <span key={key} className="md-link">{kids()}</span>;
    default:
      // Headings and anything else read as a paragraph-level block of their text: a reflection is two short answers.
      if (/Heading/.test(node.name)) return <p key={key} className="md-heading">{kids()}</p>;
      return <span key={key}>{kids()}</span>;
  }
}

/** Short Markdown with math, rendered for reading: the answers in the prompt's preview and in the log. */
export function MarkdownPreview({ text, label }: { text: string; label?: string }) {
  const body = useMemo(() => {
    const tree = markdown.parse(text);
    const out: ReactNode[] = [];
    let index = 0;
    for (let block = tree.topNode.firstChild; block; block = block.nextSibling) out.push(element(block, text, String(index++)));
    return out;
  }, [text]);
  return (
    <div className="md-preview" aria-label={label} role={label ? 'region' : undefined}>
      {body}
    </div>
  );
}
