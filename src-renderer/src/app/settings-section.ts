import type { ComponentType } from 'react';

/** One section of the Settings view, contributed by the feature that owns it (through its index.ts). */
export interface SettingsSection {
  readonly id: string;
  readonly component: ComponentType;
}
