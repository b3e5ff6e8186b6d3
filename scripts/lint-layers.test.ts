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
  ])('refuses the import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['src-main/core/session/x.ts', "import { z } from 'zod';\nimport { readFile } from 'node:fs/promises';\nexport const a = [z, readFile];"],
    ['src-main/guard/x.ts', "import { parseHostname } from '../core/blocking/hostname';\nexport const p = parseHostname;"],
    ['src-renderer/src/app/x.ts', "import { contract } from '../../../src-main/contract';\nexport const c = contract;"],
    ['src-main/preload/x.ts', "import { contextBridge } from 'electron';\nimport { contract } from '../contract';\nexport const a = [contextBridge, contract];"],
    ['src-main/shell/x.ts', "import { app } from 'electron';\nimport { createCore } from '../core/app-core';\nexport const a = [app, createCore];"],
    ['src-shared/markdown/x.ts', "import { parser } from '@lezer/markdown';\nimport { mathSyntax } from './math-syntax';\nexport const p = parser.configure(mathSyntax);"],
    ['src-main/core/reflections/x.ts', "import { formulaChanges } from '../../../src-shared/markdown/note-formulas';\nexport const f = formulaChanges;"],
    ['src-renderer/src/features/notepad/x.ts', "import { mathSyntax } from '../../../../src-shared/markdown/math-syntax';\nexport const m = mathSyntax;"],
  ])('allows the imports in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
