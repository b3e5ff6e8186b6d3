import { act, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MathEditor, minimalChange, type MathEditorHandle } from './MathEditor';
import { focusDimming, isSourceMode, typewriter, type MathEditorPrefs } from './index';
import { defaultEditorPrefs } from '../../../../../test-support/test-editor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const prefs: MathEditorPrefs = defaultEditorPrefs;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

function mount(props: Partial<Parameters<typeof MathEditor>[0]> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const ref = createRef<MathEditorHandle>();
  const onDocChange = vi.fn();
  const render = (p: Partial<Parameters<typeof MathEditor>[0]>) =>
    act(() => root!.render(<MathEditor ref={ref} doc="Let $x$ be." onDocChange={onDocChange} prefs={prefs} {...props} {...p} />));
  render({});
  return { ref, onDocChange, render, container };
}

describe('MathEditor', () => {
  it('mounts one editor with rendered math and reports edits', () => {
    const { ref, onDocChange, container } = mount();
    expect(container.querySelectorAll('.cm-editor')).toHaveLength(1);
    const view = ref.current!.view()!;
    act(() => view.dispatch({ changes: { from: 0, insert: 'So ' }, userEvent: 'input.type' }));
    expect(String(onDocChange.mock.lastCall?.[0])).toBe('So Let $x$ be.');
    expect(ref.current!.getDoc()).toBe('So Let $x$ be.');
  });

  it('applies new prefs in place without recreating the view', () => {
    const { ref, render } = mount();
    const view = ref.current!.view()!;
    render({ prefs: { ...prefs, focusDimming: true, typewriter: true, sourceMode: true, fontSize: 22 } });
    expect(ref.current!.view()).toBe(view);
    expect(focusDimming.isOn(view.state)).toBe(true);
    expect(typewriter.isOn(view.state)).toBe(true);
    expect(isSourceMode(view.state)).toBe(true);
    expect(getComputedStyle(view.scrollDOM).fontSize).toBe('22px');
  });

  it('replaces the text from disk with a minimal, silent change', () => {
    const { ref, onDocChange } = mount();
    act(() => ref.current!.replaceDoc('Let $y$ be.'));
    expect(ref.current!.getDoc()).toBe('Let $y$ be.');
    expect(onDocChange).not.toHaveBeenCalled();
    expect(minimalChange('abcdef', 'abXdef')).toEqual({ from: 2, to: 3, insert: 'X' });
    expect(minimalChange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, insert: 'a' });
    expect(minimalChange('same', 'same')).toBeNull();
  });

  it('tells the parent when source mode is toggled from the keyboard', () => {
    const onSourceModeChange = vi.fn();
    const { ref } = mount({ onSourceModeChange });
    const view = ref.current!.view()!;
    act(() => {
      view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: '/', ctrlKey: true, bubbles: true, cancelable: true }));
    });
    expect(onSourceModeChange).toHaveBeenCalledWith(true);
  });

  it('speaks the UI language: its own refusals and CodeMirror\'s phrases', () => {
    const { ref, render } = mount({ doc: 'Deep $' + '{'.repeat(200) + '}'.repeat(200) + '$ end.' });
    const marker = () => ref.current!.view()!.contentDOM.querySelector('.cm-math-error-marker')!.getAttribute('title');
    expect(marker()).toBe('Formula too deeply nested to render (over 150 levels)');
    const view = ref.current!.view()!;
    render({ locale: 'zh-CN' });
    expect(ref.current!.view()).toBe(view);
    expect(view.state.phrase('Find')).toBe('查找');
    expect(marker()).toBe('公式嵌套过深，无法显示（超过 150 层）');
  });
});
