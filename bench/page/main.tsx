// The bench's page: the same generated note in one of four editors, chosen by ?mode=, with the keystroke probe;
// ?mode=empty is an empty textarea, the floor of what a keystroke to its frame can cost in this browser.
// Each editor's code is loaded for its own page only, so opening one does not pay for loading the others.
import '../../src-renderer/src/app/styles.css';
import { generatedNote } from '../note';
import { installProbe } from './probe';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'textarea';
const note = generatedNote(Number(params.get('formulas') ?? '20'), Number(params.get('seed') ?? '1'));
const root = document.getElementById('root')!;

async function mount(): Promise<(pos: number) => void> {
  if (mode === 'textarea' || mode === 'naive' || mode === 'empty') {
    const naive = mode === 'naive' ? await import('./naive-preview') : null;
    // The editor's code is here and the note in hand: opening the note starts now (bench/run.ts, first screen).
    performance.mark('bench:mount');
    root.style.display = 'grid';
    root.style.gridTemplateColumns = naive ? '1fr 1fr' : '1fr';
    const area = document.createElement('textarea');
    area.value = mode === 'empty' ? '' : note.text;
    area.style.height = '100%';
    root.append(area);
    if (naive) {
      const preview = document.createElement('div');
      preview.style.overflow = 'auto';
      const render = () => (preview.innerHTML = naive.naivePreview(area.value));
      const started = performance.now();
      render();
      // How long one whole-note render takes here: the bench gives the naive previewer keystrokes within a time budget.
      performance.measure('bench:naive-render', { start: started, end: performance.now() });
      area.addEventListener('input', render);
      root.append(preview);
    }
    return (pos) => {
      area.focus();
      area.setSelectionRange(pos, pos);
    };
  }
  if (mode === 'codemirror') {
    const { EditorView } = await import('@codemirror/view');
    performance.mark('bench:mount');
    const view = new EditorView({ parent: root, doc: note.text });
    return (pos) => {
      view.focus();
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    };
  }
  const { mountMathEditor } = await import('./math-editor');
  performance.mark('bench:mount');
  return mountMathEditor(root, note.text);
}

const setCaret = await mount();
installProbe((pos) => setCaret(pos));
