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
});
