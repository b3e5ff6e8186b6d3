import { afterEach, describe, expect, it } from 'vitest';
import { MarkdownPreview } from './MarkdownPreview';
import { mount, unmountAll } from '../../../../test-support/renderer/test-dom';
import { useSettingsStore } from '../../app/settings-store';

const setLanguage = (language: 'en' | 'zh-CN') => useSettingsStore.setState({ state: { settings: { appearance: { theme: 'light', language } } } } as never);

afterEach(() => {
  unmountAll();
  setLanguage('en');
});

describe('MarkdownPreview', () => {
  it('renders emphasis, lists and code as elements, and math through KaTeX', () => {
    const container = mount(<MarkdownPreview text={'*Lemma* holds for **all** $n$:\n\n- `base`\n- step\n\n$$\\sum_{k=1}^n k$$'} />);
    expect(container.querySelector('em')!.textContent).toBe('Lemma');
    expect(container.querySelector('strong')!.textContent).toBe('all');
    expect([...container.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['base', 'step']);
    expect(container.querySelector('code')!.textContent).toBe('base');
    expect(container.querySelectorAll('.katex')).toHaveLength(2);
    expect(container.querySelector('.md-math-display .katex-display')).not.toBeNull();
    // Marks are not shown.
    expect(container.textContent).not.toContain('*');
  });

  it('shows math that does not render as its source, quietly, with KaTeX’s reason as the title', () => {
    const container = mount(<MarkdownPreview text={'so $\\frac{1}{$ was wrong'} />);
    const error = container.querySelector('.md-math-error')!;
    expect(error.textContent).toBe('$\\frac{1}{$');
    expect(error.getAttribute('title')).toMatch(/KaTeX parse error|Expected/);
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('refuses a macro bomb quickly and shows its source with the reason', () => {
    const bomb = `\\def\\B{${'x'.repeat(1000)}}\\def\\C{${'\\B'.repeat(100)}}\\C`;
    const started = performance.now();
    const container = mount(<MarkdownPreview text={`a reflection with $${bomb}$ in it`} />);
    expect(performance.now() - started).toBeLessThan(2_000); // unbounded, over a minute
    const error = container.querySelector('.md-math-error')!;
    expect(error.textContent).toBe(`$${bomb}$`);
    expect(error.getAttribute('title')).toMatch(/expand too far to render/);
  });

  it('gives its own refusals in the user’s language, as the editor does', () => {
    setLanguage('zh-CN');
    const container = mount(<MarkdownPreview text={`$${'{'.repeat(200)}x${'}'.repeat(200)}$`} />);
    expect(container.querySelector('.md-math-error')!.getAttribute('title')).toBe('公式嵌套过深，无法显示（超过 150 层）');
  });

  it('never turns text into markup, and keeps KaTeX’s trust off', () => {
    const container = mount(<MarkdownPreview text={'<img src=x onerror="alert(1)"> and $\\href{javascript:alert(1)}{x}$'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
  });
});
