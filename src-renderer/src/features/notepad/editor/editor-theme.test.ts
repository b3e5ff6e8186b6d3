import { describe, expect, it } from 'vitest';
import { fontStacks } from './editor-theme';

// What the theme looks like once rendered (the app's colours in each theme, the writer's size and spacing) is checked
// in real Chromium: e2e/app/editor.spec.ts, 'the editor takes the app theme and the writer's typography'.
describe('editor theme', () => {
  it('keeps CJK faces in every font stack', () => {
    for (const stack of Object.values(fontStacks)) {
      for (const face of ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC']) expect(stack).toContain(face);
    }
  });
});
