import { act } from 'react';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { StandInApps } from '../../../../../test-support/stand-in-apps';
import { mount, typeInto, unmountAll } from '../../../../../test-support/renderer/test-dom';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { useSettingsStore } from '../../../app/settings-store';
import { useAppsStore } from './apps-store';
import { AppsSection } from './AppsSection';

let test: TestCore;
const initial = useAppsStore.getState();
function setLanguage(language: 'en' | 'zh-CN') {
  useSettingsStore.setState({ state: { settings: { appearance: { theme: 'light', language } } } } as never);
}
beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  useAppsStore.setState(initial, true);
  await useAppsStore.getState().load();
});
afterEach(async () => {
  unmountAll();
  await test.dispose();
});

// A stand-in desktop app this test starts (test-support/stand-in-apps.ts).
const standIns = new StandInApps();
const standIn = standIns.binary('focus-standin');
afterAll(() => standIns.dispose());

describe('Settings → Apps, against the real core', () => {
  it('shows the switch off with why, and work chat off with its reason, in both languages', () => {
    setLanguage('en');
    const english = mount(<AppsSection />);
    const toggle = english.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(toggle.checked).toBe(false);
    expect(english.textContent).toContain('Off until you turn it on');
    expect(english.textContent).toContain('Work chat');
    unmountAll();
    setLanguage('zh-CN');
    const chinese = mount(<AppsSection />);
    expect(chinese.textContent).toContain('专注期间关闭这些应用');
    expect(chinese.textContent).toContain('工作');
  });

  it('says why a rule is refused, in both languages, and adds a good one', async () => {
    setLanguage('en');
    const container = mount(<AppsSection />);
    const field = container.querySelector<HTMLInputElement>('input[type="text"]')!;
    const form = container.querySelector('form')!;
    typeInto(field, 'gnome-shell');
    await act(async () => {
      form.requestSubmit();
      await vi.waitFor(() => expect(useAppsStore.getState().ownError).not.toBeNull());
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      '“gnome-shell” cannot be added: it names a part of the system or the desktop, which Stillroom never closes.',
    );
    act(() => setLanguage('zh-CN'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('无法添加“gnome-shell”：它指向系统或桌面的组成部分，静室从不关闭这些。');

    typeInto(field, 'some-chat');
    await act(async () => {
      form.requestSubmit();
      await vi.waitFor(() => expect(useAppsStore.getState().state?.own).toEqual([{ kind: 'executable', rule: 'some-chat' }]));
    });
    expect(container.querySelector('.domain-list')?.textContent).toContain('some-chat');
    expect(test.core.settings.get().apps.own).toEqual([{ kind: 'executable', rule: 'some-chat' }]);
  });

  it('adds an app chosen from the running ones, in both languages', async () => {
    standIns.launch(standIn);
    setLanguage('zh-CN');
    const container = mount(<AppsSection />);
    const open = [...container.querySelectorAll('button')].find((button) => button.textContent === '从正在运行的应用中选择…')!;
    const option = () => container.querySelector<HTMLOptionElement>(`option[value="path:${standIn}"]`);
    // Until the child has exec'd into the copy it is not that app yet: look again as a user would.
    await act(async () => {
      await vi.waitFor(async () => {
        open.click();
        await vi.waitFor(() => expect(useAppsStore.getState().running).not.toBeNull());
        expect(option()).not.toBeNull();
      });
    });
    const select = container.querySelector('select:not([aria-label])') as HTMLSelectElement;
    expect(container.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('正在运行的应用');
    expect(option()?.textContent).toBe(`focus-standin — ${standIn}`);
    act(() => setLanguage('en'));
    expect(container.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Running apps');

    act(() => {
      select.value = `path:${standIn}`;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      container.querySelector<HTMLFormElement>('.running-apps form')!.requestSubmit();
      await vi.waitFor(() => expect(useAppsStore.getState().state?.own).toEqual([{ kind: 'path', rule: standIn }]));
    });
    expect(test.core.settings.get().apps.own).toEqual([{ kind: 'path', rule: standIn }]);
    expect(container.querySelector('.domain-list')?.textContent).toContain(standIn);
  });

  it('offers the kinds of rule of the system it runs on, in both languages', async () => {
    // This machine is Linux; the state a macOS or Windows core would send stands in for theirs.
    const state = useAppsStore.getState().state!;
    const kinds = (container: HTMLElement) => [...container.querySelectorAll('form.domain-form select option')].map((option) => option.textContent);
    setLanguage('en');
    expect(kinds(mount(<AppsSection />))).toEqual(['Program name', 'Path', 'AppImage', 'Flatpak id', 'Snap name']);
    unmountAll();
    act(() => useAppsStore.setState({ state: { ...state, ownKinds: ['bundleId', 'appPath'] } }));
    const mac = mount(<AppsSection />);
    expect(kinds(mac)).toEqual(['Bundle id', 'App (.app)']);
    expect(mac.textContent).toContain('/Applications/WeChat.app');
    act(() => setLanguage('zh-CN'));
    expect(kinds(mac)).toEqual(['Bundle ID', '应用（.app）']);
    unmountAll();
    act(() => useAppsStore.setState({ state: { ...state, ownKinds: ['imageName', 'windowsPath'] } }));
    const windows = mount(<AppsSection />);
    expect(kinds(windows)).toEqual(['程序（.exe）', '路径或文件夹']);
    expect(windows.textContent).toContain('C:\\Program Files\\Tencent\\WeChat\\');
    // What is added is of this system's first kind until another is chosen.
    typeInto(windows.querySelector<HTMLInputElement>('input[type="text"]')!, 'SomeChat.exe');
    await act(async () => {
      windows.querySelector<HTMLFormElement>('form.domain-form')!.requestSubmit();
      await vi.waitFor(() => expect(test.core.settings.get().apps.own).toEqual([{ kind: 'imageName', rule: 'SomeChat.exe' }]));
    });
  });

  it('saves the grace before a forced close and the wait for apps open at the start', async () => {
    setLanguage('en');
    const container = mount(<AppsSection />);
    const grace = [...container.querySelectorAll('label')].find((label) => label.textContent?.startsWith('Time an app has to close'))!;
    const select = document.getElementById(grace.htmlFor) as HTMLSelectElement;
    expect(select.value).toBe('3');
    expect(select.selectedOptions[0]?.textContent).toBe('3 seconds');
    await act(async () => {
      select.value = '10';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await vi.waitFor(() => expect(test.core.settings.get().apps.closeGraceSeconds).toBe(10));
    });
    const wait = [...container.querySelectorAll('label.choice')].find((label) => label.textContent?.startsWith('Let me close apps'))!;
    expect(wait.textContent).toContain('30 s after the start');
    await act(async () => {
      wait.querySelector('input')!.click();
      await vi.waitFor(() => expect(test.core.settings.get().apps.waitForOpenApps).toBe(true));
    });
    act(() => setLanguage('zh-CN'));
    expect(container.textContent).toContain('专注开始时已经打开的应用由我自己关闭');
    expect(select.selectedOptions[0]?.textContent).toBe('10 秒');
  });

  it('has no “Choose a file…” where the host has no file picker (the browser preview)', () => {
    setLanguage('en');
    const container = mount(<AppsSection />);
    expect([...container.querySelectorAll('button')].map((button) => button.textContent)).not.toContain('Choose a file…');
  });
});

// The host's file picker is Electron's dialog (src-main/shell/main.ts), which cannot run here: a fake answers what a
// user would pick, behind the real core.
describe('Settings → Apps, choosing an app’s file', () => {
  it('adds the chosen file, and says why a refused one is not added, in both languages', async () => {
    await test.dispose();
    const picks = ['/usr/bin/bash', '/opt/SomeChat/somechat'];
    test = await createTestCore({ host: { chooseFile: async () => picks.shift() ?? null } });
    installCoreApi(test.core);
    await useAppsStore.getState().load();
    setLanguage('en');
    const container = mount(<AppsSection />);
    const choose = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Choose a file…')!;
    await act(async () => {
      choose.click();
      await vi.waitFor(() => expect(useAppsStore.getState().ownError).not.toBeNull());
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      '“/usr/bin/bash” cannot be added: it names a part of the system or the desktop, which Stillroom never closes.',
    );
    act(() => setLanguage('zh-CN'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('无法添加“/usr/bin/bash”：它指向系统或桌面的组成部分，静室从不关闭这些。');
    expect(test.core.settings.get().apps.own).toEqual([]);
    await act(async () => {
      [...container.querySelectorAll('button')].find((button) => button.textContent === '选择文件…')!.click();
      await vi.waitFor(() => expect(useAppsStore.getState().state?.own).toEqual([{ kind: 'path', rule: '/opt/SomeChat/somechat' }]));
    });
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector('.domain-list')?.textContent).toContain('/opt/SomeChat/somechat');
  });
});
