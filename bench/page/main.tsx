// The bench's page: the same generated note in one of four editors, chosen by ?mode=, with the keystroke probe.
import '../../src-renderer/src/app/styles.css';
import 'katex/dist/katex.min.css';
import { EditorView } from '@codemirror/view';
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { createRef } from 'react';
import { createRoot } from 'react-dom/client';
import { MathEditor, type MathEditorHandle } from '../../src-renderer/src/features/notepad/editor/MathEditor';
import { generatedNote } from '../note';
import { installProbe } from './probe';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'textarea';
const note = generatedNote(Number(params.get('formulas') ?? '20'), Number(params.get('seed') ?? '1'));
const root = document.getElementById('root')!;

/** What simple previewers do: on every keystroke, the whole note through markdown-it, every formula through KaTeX. */
function naivePreview(text: string): string {
  // html: KaTeX's markup goes into the preview as markup (the note is the writer's own, as in such previewers).
  const md = new MarkdownIt({ html: true });
  const math = text.replace(/\$\$\n?([\s\S]+?)\n?\$\$|\$([^$\n]+?)\$/g, (_all, block: string | undefined, inline: string | undefined) =>
    katex.renderToString(block ?? inline ?? '', { displayMode: block !== undefined, throwOnError: false }),
  );
  return md.render(math);
}

let setCaret: (pos: number) => void;
if (mode === 'textarea' || mode === 'naive') {
  root.style.display = 'grid';
  root.style.gridTemplateColumns = mode === 'naive' ? '1fr 1fr' : '1fr';
  const area = document.createElement('textarea');
  area.value = note.text;
  area.style.height = '100%';
  root.append(area);
  if (mode === 'naive') {
    const preview = document.createElement('div');
    preview.style.overflow = 'auto';
    const render = () => (preview.innerHTML = naivePreview(area.value));
    render();
    area.addEventListener('input', render);
    root.append(preview);
  }
  setCaret = (pos) => {
    area.focus();
    area.setSelectionRange(pos, pos);
  };
} else if (mode === 'codemirror') {
  const view = new EditorView({ parent: root, doc: note.text });
  setCaret = (pos) => {
    view.focus();
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  };
} else {
  const handle = createRef<MathEditorHandle>();
  const prefs = { fontFamily: 'serif', fontSize: 18, lineHeight: 1.7, focusDimming: false, typewriter: false, sourceMode: false } as const;
  createRoot(root).render(<MathEditor ref={handle} doc={note.text} prefs={prefs} onDocChange={() => undefined} ariaLabel="Note" />);
  setCaret = (pos) => {
    const view = handle.current!.view()!;
    view.focus();
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  };
}
installProbe((pos) => setCaret(pos));
