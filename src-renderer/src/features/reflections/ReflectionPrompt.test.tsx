import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReflectionEntry } from '../../../../src-main/contract/reflections';
import { endedSession } from '../../../../test-support/renderer/ended-session';
import { entryFixture } from '../../../../test-support/renderer/reflection-fixtures';
import { mount, press, typeInto, unmountAll } from '../../../../test-support/renderer/test-dom';
import { corePerTest, reflectionInCore } from '../../../../test-support/renderer/core-per-test';
import { ReflectionPrompt } from './ReflectionPrompt';
import { useReflectionsStore } from './reflections-store';

const initial = useReflectionsStore.getState();
beforeEach(() => useReflectionsStore.setState(initial, true));
const core = corePerTest();
afterEach(unmountAll);
const entryInCore = (sessionId: string) => reflectionInCore(core.api, sessionId);

/**
 * The prompt on a session that just ended in the real core, after an earlier one answered with the tag
 * "analysis" (so it is offered); or, given an entry, on that entry as shown (facts the core would need a whole
 * session of note edits to produce).
 */
async function openPrompt(shown?: ReflectionEntry) {
  let sessionId = shown?.facts.sessionId ?? '';
  if (shown) {
    act(() => useReflectionsStore.setState({ draft: { entry: shown, answers: shown.answers } }));
  } else {
    const earlier = await endedSession(core.api, core.test, { intent: 'read Chapter 2' });
    const read = await entryInCore(earlier);
    await core.api.reflections.save({ sessionId: earlier, answers: { ...read.answers, tags: ['analysis'] }, baseVersion: read.version });
    sessionId = await endedSession(core.api, core.test);
    await act(() => useReflectionsStore.getState().refresh());
    await act(async () => void (await useReflectionsStore.getState().openEntry(sessionId)));
  }
  const Prompt = () => {
    const draft = useReflectionsStore((store) => store.draft);
    return draft ? <ReflectionPrompt draft={draft} /> : <p>closed</p>;
  };
  const container = mount(<Prompt />);
  const field = (label: string) => {
    const labelElement = [...container.querySelectorAll('label')].find((element) => element.textContent === label)!;
    return document.getElementById(labelElement.htmlFor) as HTMLTextAreaElement & HTMLInputElement;
  };
  return { sessionId, container, field };
}

describe('ReflectionPrompt', () => {
  it('shows the intent on top and the facts read-only, with the equations edited in a note and a link to it', async () => {
    const { container } = await openPrompt(entryFixture({ facts: { ending: 'ended-early', earlyEndReason: 'a meeting', actualMinutes: 31 } }));
    expect(container.querySelector('h2')!.textContent).toBe('prove Lemma 3');
    expect(container.querySelector('[data-testid="fact-planned"]')!.textContent).toBe('50 min');
    expect(container.querySelector('[data-testid="fact-actual"]')!.textContent).toBe('31 min');
    expect(container.textContent).toContain('“a meeting”');
    const note = container.querySelector<HTMLButtonElement>('.fact-notes button[aria-label="Open Lemma 3 in the notepad"]')!;
    expect(note.textContent).toBe('Lemma 3');
    expect(note.closest('li')!.textContent).toBe('12 equations in “Lemma 3” · 10 new, 2 changed');
    // Facts are text, not fields: nothing in the facts section can be edited.
    expect(container.querySelector('.reflection-facts')!.querySelectorAll('input, textarea, select')).toHaveLength(0);
  });

  it('is filled in by keyboard: number keys for depth, text with a math preview, tags with Enter, Ctrl+Enter saves', async () => {
    const { sessionId, container, field } = await openPrompt();
    const partly = container.querySelector<HTMLInputElement>('input[type="radio"][value="partly"]')!;
    act(() => partly.click());

    const depthRadio = container.querySelector<HTMLInputElement>('input[type="radio"][value="1"]')!;
    act(() => depthRadio.focus());
    expect(press(depthRadio, '4')).toBe(false);
    expect(container.querySelector<HTMLInputElement>('input[type="radio"][value="4"]')!.checked).toBe(true);
    expect(document.activeElement).toBe(container.querySelector('input[type="radio"][value="4"]'));
    // A digit typed in a text field stays text.
    const moved = field('What moved?');
    expect(press(moved, '3')).toBe(true);

    typeInto(moved, 'the bound $n^2 \\le 2^n$');
    expect(container.querySelector('.md-preview .katex')).not.toBeNull();
    typeInto(field('What’s next?'), 'write it up');

    const tags = field('Tags');
    typeInto(tags, 'an');
    // Earlier tags that match what is typed are offered.
    expect([...container.querySelectorAll('.tag-suggestions button')].map((button) => button.textContent)).toEqual(['analysis']);
    press(tags, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('analysis');
    act(() => (document.activeElement as HTMLButtonElement).click());
    typeInto(tags, 'not!a-tag');
    press(tags, 'Enter');
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('“not!a-tag” is not a tag');
    typeInto(tags, 'lemma-3');
    press(tags, 'Enter');
    expect([...container.querySelectorAll('.tag-chip')].map((chip) => chip.firstChild!.textContent)).toEqual(['analysis', 'lemma-3']);

    await act(async () => void press(field('What’s next?'), 'Enter', { ctrlKey: true }));
    // The save goes through the real core (a file in the vault): the prompt closes once main accepted it.
    await act(() => vi.waitFor(() => expect(container.textContent).toBe('closed')));
    expect(await entryInCore(sessionId)).toMatchObject({
      status: 'reflected',
      answers: { outcome: 'partly', depth: 4, moved: 'the bound $n^2 \\le 2^n$', next: 'write it up', tags: ['analysis', 'lemma-3'] },
    });
  });

  it('Esc skips a waiting reflection', async () => {
    const { sessionId, field } = await openPrompt();
    await act(async () => void press(field('What moved?'), 'Escape'));
    await act(() => vi.waitFor(async () => expect((await entryInCore(sessionId)).status).toBe('skipped')));
  });

  it('labels every radio: outcome and depth are groups with a legend', async () => {
    const { container } = await openPrompt();
    const legends = [...container.querySelectorAll('fieldset legend')].map((legend) => legend.textContent);
    expect(legends).toEqual(['Did you do it?', 'How deep was it?']);
    for (const radio of container.querySelectorAll('input[type="radio"]')) expect(radio.closest('label')!.textContent).not.toBe('');
  });
});
