import { describe, expect, it } from 'vitest';
import { defineMessages, format, placeholders, translate, translator } from './messages';

const minutesLeft = '{minutes, plural, one {1 minute left} other {# minutes left}}: {intent}';

describe('format', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(format('en', 'Exported to {file}', { file: 'a.md' })).toBe('Exported to a.md');
    expect(format('en', '{count} of {limit}', { count: 1200, limit: 20000 })).toBe('1,200 of 20,000');
    expect(format('zh-CN', '{count} / {limit}', { count: 1200, limit: 3 })).toBe('1,200 / 3');
  });

  it('leaves a placeholder without a value, and text that only looks like one, as written', () => {
    expect(format('en', 'Exported to {file}')).toBe('Exported to {file}');
    expect(format('en', '\\frac{${a}}{${b}} in {file}', { file: 'x' })).toBe('\\frac{${a}}{${b}} in x');
  });

  it('never reads a filled value as a placeholder', () => {
    expect(format('en', '{a} and {b}', { a: '{b}', b: 'B' })).toBe('{b} and B');
    expect(format('en', minutesLeft, { minutes: 2, intent: '{minutes, plural, one {x} other {#}}' })).toBe(
      '2 minutes left: {minutes, plural, one {x} other {#}}',
    );
  });

  it('chooses a plural branch by the locale’s rules, # standing for the number', () => {
    expect(format('en', minutesLeft, { minutes: 1, intent: 'Proof' })).toBe('1 minute left: Proof');
    expect(format('en', minutesLeft, { minutes: 0, intent: 'Proof' })).toBe('0 minutes left: Proof');
    expect(format('en', minutesLeft, { minutes: 1500, intent: 'Proof' })).toBe('1,500 minutes left: Proof');
    // Chinese has one form: its rules say `other` even for 1.
    expect(format('zh-CN', '{n, plural, one {one} other {# 条}}', { n: 1 })).toBe('1 条');
  });

  it('fills placeholders inside a plural branch and takes one-word branches', () => {
    const equations = '{count, plural, one {1 equation in {note}} other {# equations in {note}}}';
    expect(format('en', equations, { count: 3, note: 'Lemma' })).toBe('3 equations in Lemma');
    expect(format('en', '{n, plural, one {entry} other {entries}}', { n: 1 })).toBe('entry');
  });

  it('falls back to `other`, and leaves a plural without a number as written', () => {
    expect(format('en', '{n, plural, other {# items}}', { n: 1 })).toBe('1 items');
    expect(format('en', '{n, plural, one {one} other {many}}', { n: 'x' })).toBe('{n, plural, one {one} other {many}}');
  });
});

describe('placeholders', () => {
  it('names what a message fills, plural counts and the placeholders in its branches included', () => {
    expect(placeholders(minutesLeft)).toEqual(['intent', 'minutes']);
    expect(placeholders('还剩 {minutes} 分钟：{intent}')).toEqual(['intent', 'minutes']);
    expect(placeholders('{n, plural, one {entry} other {entries}}')).toEqual(['n']);
    expect(placeholders('{count, plural, one {1 in {note}} other {# in {note}}}')).toEqual(['count', 'note']);
    expect(placeholders('No placeholders')).toEqual([]);
  });
});

describe('catalogs', () => {
  const messages = defineMessages({
    en: { start: 'Start {minutes} minutes', quit: 'Quit' },
    'zh-CN': { start: '开始 {minutes} 分钟', quit: '退出' },
  });

  it('say a key in the asked locale', () => {
    expect(translate(messages, 'zh-CN', 'start', { minutes: 25 })).toBe('开始 25 分钟');
    const t = translator(messages, 'en');
    expect([t('start', { minutes: 50 }), t('quit')]).toEqual(['Start 50 minutes', 'Quit']);
  });

  it('refuse (at compile time) a language that misses a key or has one English lacks', () => {
    // @ts-expect-error: zh-CN lacks `quit`
    defineMessages({ en: { start: 'Start', quit: 'Quit' }, 'zh-CN': { start: '开始' } });
    // @ts-expect-error: zh-CN has a key English lacks
    defineMessages({ en: { start: 'Start' }, 'zh-CN': { start: '开始', quit: '退出' } });
  });
});
