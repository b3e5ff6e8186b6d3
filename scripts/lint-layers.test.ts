import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

// The layer rules of eslint.config.js, run through ESLint itself on code placed (virtually) in each folder:
// the same check `npm run lint` applies to the real tree.
const eslint = new ESLint({ cwd: process.cwd() });
// The first lint loads typescript-eslint, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('layer rules', () => {
  it.each([
    ['src-main/core/session/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-main/core/settings/x.ts', "import Store from 'electron-store';\nexport const s = Store;"],
    ['src-main/guard/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-main/core/x.ts', "import { useState } from 'react';\nexport const u = useState;"],
    ['src-main/contract/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;"],
    ['src-main/contract/x.ts', "import { createCore } from '../core/app-core';\nexport const c = createCore;"],
    ['src-main/preload/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;"],
    ['src-main/preload/x.ts', "import { createCore } from '../core/app-core';\nexport const c = createCore;"],
    ['src-renderer/src/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;"],
    ['src-renderer/src/app/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;"],
    ['src-renderer/src/features/session/x.ts', "import { createCore } from '../../../../src-main/core/app-core';\nexport const c = createCore;"],
    ['src-renderer/src/features/session/x.ts', "import { serveRenderer } from '../../../../src-main/shell/app-protocol';\nexport const s = serveRenderer;"],
    ['src-main/shell/x.ts', "import { App } from '../../src-renderer/src/app/App';\nexport const a = App;"],
    ['src-main/shell/x.ts', "import { startPreview } from '../preview/preview-server';\nexport const s = startPreview;"],
    ['src-shared/markdown/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;"],
    ['src-shared/markdown/x.ts', "import { EditorView } from '@codemirror/view';\nexport const v = EditorView;"],
    ['src-shared/markdown/x.ts', "import { createCore } from '../../src-main/core/app-core';\nexport const c = createCore;"],
    ['src-shared/markdown/x.ts', "import { api } from '../../src-renderer/src/app/api';\nexport const a = api;"],
    // base/ is under core/ and the guard: it imports neither, nor the contract, nor anything of the app.
    ['src-main/base/x.ts', "import { createCore } from '../core/app-core';\nexport const c = createCore;"],
    ['src-main/base/x.ts', "import { GuardReply } from '../guard/protocol';\nexport const g = GuardReply;"],
    ['src-main/base/x.ts', "import { BlockingPrefs } from '../contract/blocking';\nexport const b = BlockingPrefs;"],
    ['src-main/base/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-main/base/x.test.ts', "import { Blocklist } from '../core/blocking/blocklist';\nexport const b = Blocklist;"],
    // The guard stands on its own: nothing of core, the contract, the shell or the preview, in its tests neither.
    ['src-main/guard/x.ts', "import { parseHostname } from '../core/blocking/domain-rule';\nexport const p = parseHostname;"],
    ['src-main/guard/reach/x.ts', "import { SerialQueue } from '../../core/session/session-service';\nexport const s = SerialQueue;"],
    ['src-main/guard/x.ts', "import { BrowserCoverage } from '../contract/blocking';\nexport const b = BrowserCoverage;"],
    ['src-main/guard/install/x.ts', "import { startPreview } from '../../preview/preview-server';\nexport const s = startPreview;"],
    ['src-main/guard/x.ts', "import { createMainWindow } from '../shell/windows';\nexport const c = createMainWindow;"],
    ['src-main/guard/x.test.ts', "import { createCore } from '../core/app-core';\nexport const c = createCore;"],
    // Core reaches the guard only through core/guard-client/, and that only through the guard's surface for the app.
    ['src-main/core/blocking/x.ts', "import { MAX_LEASE_HOSTNAMES } from '../../guard/protocol';\nexport const m = MAX_LEASE_HOSTNAMES;"],
    ['src-main/core/x.ts', "import { guardPaths } from '../guard/paths';\nexport const g = guardPaths;"],
    ['src-main/core/blocking/x.test.ts', "import { LeaseRequest } from '../../guard/protocol';\nexport const l = LeaseRequest;"],
    ['src-main/core/guard-client/x.ts', "import { installGuard } from '../../guard/install/installer';\nexport const i = installGuard;"],
    ['src-main/core/guard-client/x.ts', "import { platformInstaller } from '../../guard/install/command';\nexport const p = platformInstaller;"],
    ['src-main/core/guard-client/x.ts', "import { parseClientHello } from '../../guard/reach/client-hello';\nexport const p = parseClientHello;"],
    ['src-main/core/guard-client/x.ts', "import { Lease } from '../../guard/lease';\nexport const l = Lease;"],
    ['src-main/core/guard-client/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src-main/shell/x.ts', "import { guardPaths } from '../guard/paths';\nexport const g = guardPaths;"],
    ['src-main/contract/x.ts', "import { parseHostname } from '../base/hostname';\nexport const p = parseHostname;"],
    ['src-renderer/src/app/x.ts', "import { parseHostname } from '../../../src-main/base/hostname';\nexport const p = parseHostname;"],
    ['src-main/guard/x.ts', "import { parseHostname } from '../core/blocking/hostname';\nexport const p = parseHostname;"],
    // Test helpers and test tools stay out of every shipped file (tests may use them).
    ['src-main/core/session/x.ts', "import { createTestCore } from '../../../test-support/test-core';\nexport const c = createTestCore;"],
    ['src-main/guard/x.ts', "import { trickle } from '../../test-support/trickle';\nexport const t = trickle;"],
    ['src-main/shell/x.ts', "import { launchStillroom } from '../../e2e/support/electron-app';\nexport const l = launchStillroom;"],
    ['src-main/contract/x.ts', "import { vi } from 'vitest';\nexport const v = vi;"],
    ['src-main/core/x.ts', "import { build } from 'esbuild';\nexport const b = build;"],
    ['src-main/core/x.ts', "import fc from 'fast-check';\nexport const f = fc;"],
    ['src-main/preload/x.ts', "import { test } from '@playwright/test';\nexport const t = test;"],
    ['src-main/preview/x.ts', "import { installCoreApi } from '../../test-support/renderer-api';\nexport const i = installCoreApi;"],
    ['src-renderer/src/app/x.ts', "import { vi } from 'vitest';\nexport const v = vi;"],
    ['src-renderer/src/features/reflections/x.tsx', "import { mount } from '../../../../test-support/renderer/test-dom';\nexport const m = mount;"],
    ['src-renderer/src/features/notepad/x.tsx', "import { generatedNote } from '../../../../bench/note';\nexport const g = generatedNote;"],
    ['src-shared/markdown/x.ts', "import { expect } from 'vitest';\nexport const e = expect;"],
  ])('refuses the import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['src-main/core/session/x.ts', "import { z } from 'zod';\nimport { readFile } from 'node:fs/promises';\nexport const a = [z, readFile];"],
    ['src-main/base/x.ts', "import { z } from 'zod';\nimport { rename } from 'node:fs/promises';\nimport { parseHostname } from './hostname';\nexport const a = [z, rename, parseHostname];"],
    ['src-main/guard/x.ts', "import { parseHostname } from '../base/hostname';\nimport { GuardRequest } from './protocol';\nexport const a = [parseHostname, GuardRequest];"],
    ['src-main/guard/reach/x.ts', "import { writeFileAtomic } from '../../base/atomic-file';\nimport { MAX_REACH_ATTEMPTS } from '../protocol';\nexport const a = [writeFileAtomic, MAX_REACH_ATTEMPTS];"],
    ['src-main/core/blocking/x.ts', "import { MAX_LEASE_HOSTNAMES } from '../guard-client/guard-client';\nimport { SerialQueue } from '../../base/serial-queue';\nexport const a = [MAX_LEASE_HOSTNAMES, SerialQueue];"],
    [
      'src-main/core/guard-client/x.ts',
      "import { sendGuardRequest } from '../../guard/protocol';\nimport { guardPaths } from '../../guard/paths';\nimport { elevate } from '../../guard/install/elevation';\nimport { DEFAULT_REACH_ADDRESS } from '../../guard/reach/reach-address';\nexport const a = [sendGuardRequest, guardPaths, elevate, DEFAULT_REACH_ADDRESS];",
    ],
    ['src-main/core/guard-client/x.test.ts', "import { it } from 'vitest';\nimport { GuardReport } from '../../guard/protocol';\nimport { startGuardProcess } from '../../../e2e/support/guard-process';\nexport const a = [it, GuardReport, startGuardProcess];"],
    ['src-main/shell/x.ts', "import { desktopGuard } from '../core/guard-client/guard-installer';\nexport const d = desktopGuard;"],
    ['src-renderer/src/app/x.ts', "import { contract } from '../../../src-main/contract';\nexport const c = contract;"],
    ['src-main/preload/x.ts', "import { contextBridge } from 'electron';\nimport { contract } from '../contract';\nexport const a = [contextBridge, contract];"],
    ['src-main/shell/x.ts', "import { app } from 'electron';\nimport { createCore } from '../core/app-core';\nexport const a = [app, createCore];"],
    ['src-shared/markdown/x.ts', "import { parser } from '@lezer/markdown';\nimport { mathSyntax } from './math-syntax';\nexport const p = parser.configure(mathSyntax);"],
    ['src-main/core/reflections/x.ts', "import { formulaChanges } from '../../../src-shared/markdown/note-formulas';\nexport const f = formulaChanges;"],
    ['src-renderer/src/features/notepad/x.ts', "import { mathSyntax } from '../../../../src-shared/markdown/math-syntax';\nexport const m = mathSyntax;"],
    // Tests may use test helpers and tools; the preview (never shipped) bundles with esbuild.
    ['src-main/core/session/x.test.ts', "import { it } from 'vitest';\nimport { createTestCore } from '../../../test-support/test-core';\nexport const a = [it, createTestCore];"],
    ['src-renderer/src/features/session/x.test.tsx', "import { vi } from 'vitest';\nimport { installCoreApi } from '../../../../test-support/renderer-api';\nexport const a = [vi, installCoreApi];"],
    ['src-main/preview/x.ts', "import { build } from 'esbuild';\nexport const b = build;"],
  ])('allows the imports in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});

// The renderer's feature boundaries (scripts/eslint-feature-boundaries.js), run through ESLint the same way.
async function boundaryProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'stillroom/feature-boundaries').map((message) => message.message);
}

describe('renderer feature boundaries', () => {
  const r = 'src-renderer/src';
  it.each([
    // app/ outside its composition files imports no feature (the old use-locale -> settings store cycle).
    [`${r}/app/i18n/use-locale.ts`, "import { useSettingsStore } from '../../features/settings';\nexport const u = useSettingsStore;", 'app/ is the shell'],
    [`${r}/app/theme.ts`, "import { useSettingsStore } from '../features/settings/settings-store';\nexport const u = useSettingsStore;", 'app/ is the shell'],
    [`${r}/ui/Thing.tsx`, "import { FocusView } from '../features/session';\nexport const f = FocusView;", 'ui/ holds building blocks'],
    // Another feature's inner files are not its surface.
    [`${r}/features/session/x.ts`, "import { useSettingsStore } from '../settings/settings-store';\nexport const u = useSettingsStore;", 'features/settings only through its index.ts'],
    [`${r}/features/session/x.ts`, "import { viewOf } from '../protections/protection-views';\nexport const v = viewOf;", 'features/protections only through its index.ts'],
    [`${r}/features/session/x.ts`, "export { useNotesStore } from '../notepad/notes-store';", 'features/notepad only through its index.ts'],
    [`${r}/features/reflections/x.ts`, "export const v = () => import('../notepad/NotepadView');", 'features/notepad only through its index.ts'],
    [`${r}/features/protections/notifications/x.ts`, "import { useSessionStore } from '../../session/session-store';\nexport const u = useSessionStore;", 'features/session only through its index.ts'],
    [`${r}/features/protections/notifications/x.ts`, "import { useBlockingStore } from '../blocking/blocking-store';\nexport const u = useBlockingStore;", 'features/protections/blocking only through its index.ts'],
    [`${r}/app/views.ts`, "import { FocusView } from '../features/session/FocusView';\nexport const f = FocusView;", 'features/session only through its index.ts'],
    [`${r}/main.tsx`, "import { followSession } from './features/session/session-store';\nexport const f = followSession;", 'features/session only through its index.ts'],
    // A view loads lazily from the composition root only; imported statically it would ship at boot.
    [`${r}/app/views.ts`, "import { NotepadView } from '../features/notepad/NotepadView';\nexport const v = NotepadView;", 'features/notepad only through its index.ts'],
    [`${r}/app/navigation.ts`, "export const v = () => import('../features/notepad/NotepadView');", 'app/ is the shell'],
  ])('refuses the import in %s', async (filePath, code, message) => {
    const problems = await boundaryProblems(filePath, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    [`${r}/app/views.ts`, "import { FocusView } from '../features/session';\nimport { NotepadView } from '../features/notepad/index';\nexport const v = [FocusView, NotepadView];"],
    [`${r}/app/App.tsx`, "import { useBlockingCommands } from '../features/protections/blocking';\nexport const u = useBlockingCommands;"],
    [`${r}/app/i18n/use-locale.ts`, "import { useSettingsStore } from '../settings-store';\nexport const u = useSettingsStore;"],
    [`${r}/ui/Thing.tsx`, "import { useNavigation } from '../app/navigation';\nexport const u = useNavigation;"],
    [
      `${r}/features/session/x.ts`,
      "import { ProtectionList } from '../protections';\nimport { useNotesStore } from '../notepad';\nimport { api } from '../../app/api';\nimport { draftFrom } from './session-store';\nexport const a = [ProtectionList, useNotesStore, api, draftFrom];",
    ],
    [`${r}/features/protections/notifications/x.ts`, "import type { ProtectionView } from '../protection-view';\nimport { api } from '../../../app/api';\nexport type V = ProtectionView<never>;\nexport const a = api;"],
    [`${r}/features/protections/protection-views.ts`, "import { blockingProtection } from './blocking';\nimport { notificationsProtection } from './notifications/index';\nexport const p = [blockingProtection, notificationsProtection];"],
    [`${r}/main.tsx`, "import { followers } from './app/followers';\nexport const f = followers;"],
    [`${r}/app/views.ts`, "export const v = () => import('../features/reflections/ReflectionsView');"],
  ])('allows the imports in %s', async (filePath, code) => {
    expect(await boundaryProblems(filePath, code)).toEqual([]);
  });
});

// import-x/no-cycle follows imports through the files on disk, so its fixtures are real files (in
// scripts/lint-fixtures/, which `npm run lint` skips: one of them is a cycle on purpose).
const eslintOnFixtures = new ESLint({ cwd: process.cwd(), ignore: false });

async function cycleProblems(filePath: string): Promise<string[]> {
  const [result] = await eslintOnFixtures.lintFiles([filePath]);
  return (result?.messages ?? []).filter((message) => message.ruleId === 'import-x/no-cycle').map((message) => message.message);
}

describe('import cycles', () => {
  it.each(['scripts/lint-fixtures/cycle/even.ts', 'scripts/lint-fixtures/cycle/parity.ts'])('refuses %s, half of a cycle', async (filePath) => {
    expect(await cycleProblems(filePath)).toEqual(['Dependency cycle detected']);
  });

  it.each(['scripts/lint-fixtures/acyclic/quarter.ts', 'scripts/lint-fixtures/acyclic/half.ts'])('allows %s, whose imports do not lead back', async (filePath) => {
    expect(await cycleProblems(filePath)).toEqual([]);
  });
});
