// The reflections feature's public surface: its palette commands, the way into the prompt, and its mirror of the
// log. Its view (KaTeX, the Markdown parser) is loaded lazily by the composition root, so nothing here imports it.
export { useReflectionsCommands } from './reflections-commands';
export { openReflection } from './open-reflection';
export { followReflections } from './reflections-store';
