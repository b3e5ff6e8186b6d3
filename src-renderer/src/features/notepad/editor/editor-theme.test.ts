import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { editorTheme, fontStacks, typography } from './editor-theme';
import { testEditor } from './test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

describe('editor theme', () => {
  it('keeps CJK faces in every font stack', () => {
    for (const stack of Object.values(fontStacks)) {
      for (const face of ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC']) expect(stack).toContain(face);
    }
  });

  it('applies the writer\'s font, size and line height', () => {
    view = testEditor('text', 0, [editorTheme, typography({ fontFamily: 'humanist', fontSize: 21, lineHeight: 1.9 })]);
    const style = getComputedStyle(view.scrollDOM);
    expect(style.fontSize).toBe('21px');
    expect(style.lineHeight).toBe('1.9');
    expect(style.fontFamily).toContain('Seravek');
  });

  // jsdom does not resolve var(); the e2e screenshots show the three themes resolved in Chromium.
  it('takes its colours and measure from the app theme variables', () => {
    view = testEditor('text', 0, editorTheme);
    expect(getComputedStyle(view.dom).color).toBe('var(--text)');
    expect(getComputedStyle(view.dom).backgroundColor).toBe('var(--bg)');
    expect(getComputedStyle(view.contentDOM).maxWidth).toBe('var(--measure, 70ch)');
  });
});
