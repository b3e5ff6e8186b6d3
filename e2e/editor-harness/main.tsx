// A page holding only <MathEditor>, for e2e/app/editor.spec.ts: the editor in real Chromium, without the vault.
import '../../src-renderer/src/app/styles.css';
import { createRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MathEditor, type MathEditorHandle } from '../../src-renderer/src/features/notepad/editor/MathEditor';
import type { MathEditorPrefs } from '../../src-renderer/src/features/notepad/editor/index';
import { mathRenderer } from '../../src-renderer/src/features/notepad/editor/math-preview';
import { largeNote } from './large-note';

const params = new URLSearchParams(location.search);
document.documentElement.dataset.theme = params.get('theme') ?? 'light';
const initialDoc = params.get('doc') === 'large' ? largeNote(2000) : '';
const cspNonce = params.get('nonce') ?? undefined;

const handle = createRef<MathEditorHandle>();
let setPrefsFromTest: (prefs: Partial<MathEditorPrefs>) => void = () => undefined;
let changes = 0;

function Harness() {
  const [prefs, setPrefs] = useState<MathEditorPrefs>({
    fontFamily: 'serif',
    fontSize: 18,
    lineHeight: 1.7,
    focusDimming: false,
    typewriter: false,
    vim: false,
    snippets: true,
    theoremNumbering: 'perKind',
    sourceMode: false,
  });
  setPrefsFromTest = (next) => setPrefs((p) => ({ ...p, ...next }));
  return (
    <div style={{ height: '100vh' }}>
      <MathEditor
        ref={handle}
        doc={initialDoc}
        prefs={prefs}
        onDocChange={() => void changes++}
        onSourceModeChange={(sourceMode) => setPrefs((p) => ({ ...p, sourceMode }))}
        ariaLabel="Note"
        cspNonce={cspNonce}
      />
    </div>
  );
}

const view = () => handle.current!.view()!;

/** What the test reads and drives; everything else goes through the keyboard and mouse. */
const harness = {
  doc: () => handle.current!.getDoc(),
  head: () => view().state.selection.main.head,
  setCursor: (pos: number) => view().dispatch({ selection: { anchor: pos } }),
  replaceDoc: (doc: string) => handle.current!.replaceDoc(doc),
  setPrefs: (prefs: Partial<MathEditorPrefs>) => setPrefsFromTest(prefs),
  katexCalls: () => view().state.facet(mathRenderer).katexCalls,
  changeCount: () => changes,
  focus: () => handle.current!.focus(),
  view,
};
(window as unknown as { harness: typeof harness }).harness = harness;

createRoot(document.getElementById('root')!).render(<Harness />);
