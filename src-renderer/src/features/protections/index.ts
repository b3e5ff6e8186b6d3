// The protections a session runs: how each shows itself (the registry), and the list the Focus view, the end
// screen and a reflection's facts render from it.
export { ProtectionList } from './ProtectionList';
export { protectionViews, viewOf } from './protection-views';
export type { ProtectionSectionProps } from './protection-view';
