import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdFirstAnswer, installCoreApi } from '../../../../../test-support/renderer-api';
import { mount, typeInto, unmountAll } from '../../../../../test-support/renderer/test-dom';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { useBlockingStore } from './blocking-store';
import { DomainListEditor } from './DomainListEditor';

let test: TestCore;
const initial = useBlockingStore.getState();
beforeEach(async () => {
  test = await createTestCore();
  useBlockingStore.setState(initial, true);
});
afterEach(async () => {
  unmountAll();
  await test.dispose();
});

describe('DomainListEditor, against the real core', () => {
  it('keeps the next site typed while main answers the last one, and adds it on Enter', async () => {
    const { transport, release } = holdFirstAnswer('stillroom:blocking.addDomain');
    installCoreApi(test.core, transport);
    await useBlockingStore.getState().load();
    const container = mount(<DomainListEditor kind="domains" state={useBlockingStore.getState().state!} />);
    const field = container.querySelector('input')!;
    const form = container.querySelector('form')!;

    typeInto(field, 'first.example');
    act(() => form.requestSubmit());
    // The first add is still on its way back when the next site is typed.
    typeInto(field, 'second.example');
    // Until the first add's answer has reached the store (a fixed pause is too short on a loaded machine).
    await act(async () => {
      release();
      await vi.waitFor(() => expect(useBlockingStore.getState().state!.domains.map((entry) => entry.rule)).toContain('first.example'));
    });
    expect(field.value).toBe('second.example');

    await act(async () => {
      form.requestSubmit();
      await vi.waitFor(() => expect(useBlockingStore.getState().state!.domains.map((entry) => entry.rule)).toContain('second.example'));
    });
    expect(field.value).toBe('');
    expect(test.core.settings.get().blocking.domains).toEqual(['first.example', 'second.example']);
  });

  it('edits the allowlist of "only these sites" sessions: a malformed site is refused with its reason and nothing changes; a site the lists block says so', async () => {
    installCoreApi(test.core);
    await useBlockingStore.getState().load();
    const render = () => mount(<DomainListEditor kind="allowOnlySites" state={useBlockingStore.getState().state!} />);
    let container = render();
    const before = test.core.settings.get().blocking.allowOnlySites;
    typeInto(container.querySelector('input')!, 'arxiv.org/abs?id=1');
    await act(async () => {
      container.querySelector('form')!.requestSubmit();
      await vi.waitFor(() => expect(container.querySelector('[role="alert"]')).not.toBeNull());
    });
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('arxiv.org/abs?id=1');
    expect(test.core.settings.get().blocking.allowOnlySites).toEqual(before);

    await act(async () => void (await useBlockingStore.getState().addRule('allowOnlySites', 'youtube.com')));
    unmountAll();
    container = render();
    expect(container.querySelector('[data-testid="reach-youtube.com"]')!.textContent).toBe('Stays blocked: your lists block it');
    expect(container.querySelector('[data-testid="reach-arxiv.org"]')!.textContent).toBe('Opens in browsers');
  });
});
