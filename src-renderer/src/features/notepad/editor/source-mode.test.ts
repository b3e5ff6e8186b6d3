import { runScopeHandlers, type EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { mathPreview } from './math-preview';
import { markdownStyle } from './markdown-style';
import { isSourceMode, setSourceMode, sourceMode, toggleSourceMode } from './source-mode';
import { decorationsOf, testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const doc = '# Head\n\nText $x$ here.';

describe('source mode', () => {
  it('turns preview and styling off and on again', () => {
    view = testEditor(doc, 0, sourceMode([mathPreview(), markdownStyle]));
    expect(isSourceMode(view.state)).toBe(false);
    expect(view.contentDOM.querySelector('.cm-math')).not.toBeNull();
    toggleSourceMode(view);
    expect(isSourceMode(view.state)).toBe(true);
    expect(decorationsOf(view)).toEqual([]);
    expect(view.contentDOM.querySelector('.cm-math')).toBeNull();
    expect(view.contentDOM.textContent).toContain('$x$');
    setSourceMode(view, false);
    expect(view.contentDOM.querySelector('.cm-math')).not.toBeNull();
  });

  it('starts in source mode when asked, and answers Mod-/', () => {
    view = testEditor(doc, 0, sourceMode(mathPreview(), true));
    expect(isSourceMode(view.state)).toBe(true);
    const event = new KeyboardEvent('keydown', { key: '/', ctrlKey: true });
    expect(runScopeHandlers(view, event, 'editor')).toBe(true);
    expect(isSourceMode(view.state)).toBe(false);
  });
});
