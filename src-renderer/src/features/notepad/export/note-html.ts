import type { SyntaxNode } from '@lezer/common';
import { citedKeys, wholeCitation, type Citation } from '../citations/citation-keys';
import { withCitations } from '../citations/citations-in-text';
import { EMPTY_LIBRARY, formatBibliography, formatCitation, type Library } from '../citations/library';
import { renderMathToString } from '../editor/katex-render';
import { MARKS, parseNote, serialize, type NodeRule, type ParsedNote } from './note-tree';
import { format } from '../../../app/i18n/messages';
import { locales, type Locale } from '../../../app/i18n/locale';
import type { TheoremNumbering } from '../../../../../src-main/contract/notes';
import { editorMessages } from '../editor/phrases';
import { THEOREM_KINDS, theoremWords } from '../editor/theorem-facts';

export interface HtmlExportInput {
  title: string;
  text: string;
  preamble: string;
  /** KaTeX's CSS with its fonts as data: URLs (katex-css.ts). */
  katexCss: string;
  lang: string;
  /** The editor's setting, so the file's theorem numbers are the screen's. */
  theoremNumbering?: TheoremNumbering;
  /** The vault's references: citations are formatted from it and the cited ones listed at the end. */
  library?: Library;
  /** The heading over that list, in the writer's language. */
  referencesTitle?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (raw: string): string => raw.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

// Nothing in the file may load or run anything: the policy says so to the browser, on top of the escaping.
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; form-action 'none'; base-uri 'none'";

const PAGE_CSS = `body{max-width:42em;margin:3em auto;padding:0 1.2em;font:18px/1.7 Georgia,'Noto Serif',serif;color:#222;background:#fff}
pre,code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}pre{overflow-x:auto;background:#f5f5f2;padding:.8em}
blockquote{border-left:3px solid #ddd;margin-left:0;padding-left:1em;color:#555}.math-display{overflow-x:auto}
.math-error{color:#a33}.theorem{margin:1em 0}.theorem-heading{margin-bottom:.2em}.theorem-plain>p{font-style:italic}
.theorem-proof .qed{display:block;text-align:right}.ref-missing{color:#a33}@media print{body{margin:0;max-width:none}}`;

/** A link keeps its target only for the web and mail; anything else (javascript:, data:, files) becomes text. */
function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return /^(https?:|mailto:)/i.test(trimmed) || trimmed.startsWith('#') ? trimmed : null;
}

function mathHtml(note: ParsedNote, node: SyntaxNode, display: boolean): string {
  const formula = note.formula(node);
  const tex = formula?.mark.renderTex ?? note.text.slice(node.from, node.to);
  const rendered = formula ? renderMathToString(tex, display, formula.mark.scope) : null;
  const body = rendered?.ok ? rendered.html : `<code class="math-error">${escapeHtml(formula?.tex ?? tex)}</code>`;
  return display ? `<div class="math-display">${body}</div>` : body;
}

/** Theorem-like blocks as `<div>`s with their heading, `@thm-…` as links to them, in the export's language. */
function theoremRules(note: ParsedNote, lang: string): Record<string, NodeRule> {
  const locale: Locale = (locales as readonly string[]).includes(lang) ? (lang as Locale) : 'en';
  const words = theoremWords((key, values) => format(locale, editorMessages[locale][key], values));
  const { blockOfFence, closes, labels } = note.theorems;
  return {
    DivOpen: (node) => {
      const block = blockOfFence.get(note.fence(node));
      if (!block) return '<div>';
      const style = THEOREM_KINDS[block.kind].style;
      const id = block.label ? ` id="${escapeHtml(block.label)}"` : '';
      const heading = style === 'remark' || style === 'proof' ? 'em' : 'strong';
      return `<div class="theorem theorem-${block.kind} theorem-${style}"${id}><p class="theorem-heading"><${heading}>${escapeHtml(words.heading(block))}</${heading}></p>`;
    },
    DivClose: (node) => {
      const index = note.fence(node);
      if (!closes.has(index)) return '';
      return blockOfFence.get(index)?.kind === 'proof' ? '<span class="qed">∎</span></div>\n' : '</div>\n';
    },
    CrossReference: (node) => {
      const label = note.text.slice(node.from + 1, node.to);
      const block = labels.get(label);
      if (!block) return `<span class="ref-missing">${escapeHtml(note.text.slice(node.from, node.to))}</span>`;
      return `<a href="#${escapeHtml(label)}">${escapeHtml(words.reference(block))}</a>`;
    },
  };
}

/** Prose with its citations formatted by the style (APA), each keeping its keys for a reader of the source. */
const proseWith = (library: Library) => (raw: string) =>
  withCitations(raw, (c: Citation) => `<span class="citation" data-cites="${escapeHtml(c.keys.join(' '))}">${escapeHtml(formatCitation(library, c.keys, 'apa'))}</span>`, escapeHtml);

function rules(note: ParsedNote, lang: string, library: Library): Record<string, NodeRule> {
  const wrap = (tag: string): NodeRule => (_node, inner) => `<${tag}>${inner()}</${tag}>`;
  const raw = (node: SyntaxNode) => escapeHtml(note.text.slice(node.from, node.to));
  const table: Record<string, NodeRule> = {
    Document: (_node, inner) => inner(),
    Paragraph: (_n, inner) => `<p>${inner().trim()}</p>\n`,
    Blockquote: (_n, inner) => `<blockquote>${inner()}</blockquote>\n`,
    BulletList: (_n, inner) => `<ul>${inner()}</ul>\n`,
    OrderedList: (_n, inner) => `<ol>${inner()}</ol>\n`,
    ListItem: wrap('li'),
    Emphasis: wrap('em'),
    StrongEmphasis: wrap('strong'),
    Strikethrough: wrap('del'),
    InlineCode: wrap('code'),
    HorizontalRule: () => '<hr>\n',
    HardBreak: () => '<br>',
    Escape: (node) => escapeHtml(note.text.slice(node.from + 1, node.to)),
    // Code keeps its text exactly; raw HTML in a note is shown as text, never parsed (markdown-it's html: false).
    FencedCode: (node) => `<pre><code>${escapeHtml(codeText(note, node))}</code></pre>\n`,
    CodeBlock: (node) => `<pre><code>${escapeHtml(codeText(note, node))}</code></pre>\n`,
    HTMLBlock: (node) => `<p>${raw(node)}</p>\n`,
    HTMLTag: raw,
    CommentBlock: raw,
    Comment: raw,
    ProcessingInstructionBlock: raw,
    Table: (node) => `<pre>${raw(node)}</pre>\n`,
    Image: (node) => `<span class="image">${escapeHtml(childText(note, node, 'LinkLabel') ?? note.text.slice(node.from, node.to))}</span>`,
    Link: (node, inner) => {
      const citation = node.getChild('URL') ? null : wholeCitation(note.text.slice(node.from, node.to));
      if (citation) return proseWith(library)(note.text.slice(node.from, node.to));
      const href = safeHref(childText(note, node, 'URL') ?? '');
      return href ? `<a href="${escapeHtml(href)}" rel="noreferrer">${inner()}</a>` : `<span>${inner()}</span>`;
    },
    URL: (node) => (node.parent?.name === 'Link' ? '' : raw(node)),
    InlineMath: (node) => mathHtml(note, node, note.text.startsWith('$$', node.from)),
    BlockMath: (node) => `${mathHtml(note, node, true)}\n`,
  };
  for (let level = 1; level <= 6; level++) table[`ATXHeading${level}`] = (_n, inner) => `<h${level}>${inner().trim()}</h${level}>\n`;
  table.SetextHeading1 = (_n, inner) => `<h1>${inner().trim()}</h1>\n`;
  table.SetextHeading2 = (_n, inner) => `<h2>${inner().trim()}</h2>\n`;
  for (const mark of MARKS) table[mark] = () => '';
  return { ...table, ...theoremRules(note, lang) };
}

/** The text of a node's first child of a kind (a link's URL, an image's alt text). */
function childText(note: ParsedNote, node: SyntaxNode, name: string): string | null {
  const child = node.getChild(name);
  return child ? note.text.slice(child.from, child.to) : null;
}

function codeText(note: ParsedNote, node: SyntaxNode): string {
  const code = node.getChildren('CodeText');
  if (code.length) return code.map((c) => note.text.slice(c.from, c.to)).join('\n');
  return note.text.slice(node.from, node.to);
}

/**
 * A note as one standalone HTML file: the note's own text escaped, formulas rendered by KaTeX as in the editor
 * (numbers, references, macros), theorem-like blocks numbered as on screen, citations and the cited references in
 * APA, KaTeX's CSS and fonts inside the file. No script, no remote URL, and a policy that would block either if one
 * slipped in.
 */
export function noteToHtml({ title, text, preamble, katexCss, lang, theoremNumbering, library = EMPTY_LIBRARY, referencesTitle = 'References' }: HtmlExportInput): string {
  const note = parseNote(text, preamble, theoremNumbering);
  const cited = citedKeys(text).filter((key) => library.entries.has(key));
  // citeproc writes the entries as escaped HTML.
  const references = cited.length
    ? `<section class="references">\n<h2>${escapeHtml(referencesTitle)}</h2>\n${formatBibliography(library, cited, 'apa', 'html')}</section>\n`
    : '';
  // A block never closed runs to the note's end, as on screen; the references follow it.
  const body = serialize(note, rules(note, lang, library), proseWith(library)) + '</div>\n'.repeat(note.theorems.unclosed.length) + references;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${katexCss.replace(/<\/style/gi, '<\\/style')}</style>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    `<article>\n${body}</article>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
