import { lazy } from 'react';

// The reflections feature: its view (it brings KaTeX and the Markdown parser, so it loads when first opened), its
// palette commands, the way into the prompt, and its mirror of the log.
export const ReflectionsView = lazy(() => import('./ReflectionsView').then((module) => ({ default: module.ReflectionsView })));
export { useReflectionsCommands } from './reflections-commands';
export { openReflection } from './open-reflection';
export { followReflections } from './reflections-store';
