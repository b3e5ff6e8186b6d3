// The naive previewer's code, loaded only on its own page (?mode=naive), so the other editors do not pay for it.
import 'katex/dist/katex.min.css';
import katex from 'katex';
import MarkdownIt from 'markdown-it';

/** What simple previewers do: on every keystroke, the whole note through markdown-it, every formula through KaTeX. */
export function naivePreview(text: string): string {
  // html: KaTeX's markup goes into the preview as markup (the note is the writer's own, as in such previewers).
  const md = new MarkdownIt({ html: true });
  const math = text.replace(/\$\$\n?([\s\S]+?)\n?\$\$|\$([^$\n]+?)\$/g, (_all, block: string | undefined, inline: string | undefined) =>
    katex.renderToString(block ?? inline ?? '', { displayMode: block !== undefined, throwOnError: false }),
  );
  return md.render(math);
}
