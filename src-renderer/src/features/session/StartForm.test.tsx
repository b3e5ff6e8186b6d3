import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { corePerTest } from '../../../../test-support/renderer/core-per-test';
import { mount, typeInto, unmountAll } from '../../../../test-support/renderer/test-dom';
import { useSettingsStore } from '../../app/settings-store';
import { useSessionStore } from './session-store';
import { StartForm } from './StartForm';

const initial = useSessionStore.getState();
beforeEach(() => useSessionStore.setState(initial, true));
const core = corePerTest();
afterEach(unmountAll);

async function openForm() {
  await act(async () => void (await useSettingsStore.getState().load()));
  act(() => useSessionStore.getState().prepareDraft());
  const container = mount(<StartForm />);
  return {
    intent: container.querySelector<HTMLInputElement>('.intent-input')!,
    button: container.querySelector<HTMLButtonElement>('.start-button')!,
    form: container.querySelector('form')!,
    allowOnly: container.querySelector<HTMLInputElement>('.allow-only-choice input')!,
    allowOnlyReach: () => container.querySelector('.allow-only-choice .quiet')?.textContent ?? null,
    problem: () => container.querySelector('[data-testid="intent-problem"]')?.textContent ?? null,
  };
}

describe('StartForm', () => {
  it('refuses an intent with control or text-direction characters in the form, and starts nothing', async () => {
    const { intent, button, form, problem } = await openForm();
    for (const pasted of ['invoice\u202Efdp.exe', 'a\u0000b', 'a\u000Bb', 'a\u0085b', 'a\u2066b']) {
      typeInto(intent, pasted);
      expect(problem()).toBe('The intent holds an invisible control or text-direction character (often pasted in with the text). Remove it to start.');
      expect(intent.getAttribute('aria-invalid')).toBe('true');
      expect(button.disabled).toBe(true);
      await act(async () => form.requestSubmit());
      expect(core.test.core.session.state().phase).toBe('idle');
    }

    typeInto(intent, 'prove Lemma 3');
    expect(problem()).toBeNull();
    expect(intent.getAttribute('aria-invalid')).toBe('false');
    // The start goes through the real core (the schedule read, every protection): waited for, not timed.
    await act(async () => {
      form.requestSubmit();
      await expect.poll(() => core.test.core.session.state(), { timeout: 10_000 }).toMatchObject({ phase: 'running', session: { intent: 'prove Lemma 3' } });
    });
  });

  it('starts an allowlist session ("only these sites") when asked, saying its honest reach', async () => {
    const { intent, form, allowOnly, allowOnlyReach } = await openForm();
    expect(allowOnly.checked).toBe(false);
    expect(allowOnlyReach()).toBe('Browsers open only the 6 sites of your allowlist (Settings → Blocking); browsers only: other programs still reach the network.');
    typeInto(intent, 'read the paper');
    act(() => allowOnly.click());
    expect(allowOnly.checked).toBe(true);
    await act(async () => form.requestSubmit());
    await vi.waitFor(() => expect(core.test.core.session.state()).toMatchObject({ phase: 'running', session: { intent: 'read the paper', allowOnly: true } }), { timeout: 10_000 });
  });
});
