import type { ComponentType } from 'react';
import type { ProtectionStatus } from '../../../../src-main/contract/protection';
import type { Locale } from '../../app/i18n/locale';

/** What a protection says about itself once it has answered: on (with what was verified), or not, and why. */
export type SettledStatus<S extends ProtectionStatus> = Extract<S, { state: 'active' | 'unavailable' }>;

/**
 * How one protection shows itself in the Focus view and Settings. `describe` turns its own typed status into one
 * sentence; `verified` says whether "on" was checked, so the UI shows a calm mark only for what was verified;
 * `SettingsSection` is its section in Settings.
 */
export interface ProtectionView<S extends ProtectionStatus> extends ProtectionStatusText<S> {
  readonly SettingsSection: ComponentType<ProtectionSectionProps<S>>;
}

/** What the composition root hands a protection's Settings section: the session's own report of it, if one runs. */
export interface ProtectionSectionProps<S extends ProtectionStatus> {
  readonly sessionStatus?: S;
}

/** The words half of a ProtectionView, which its Settings section also uses. */
export interface ProtectionStatusText<S extends ProtectionStatus> {
  readonly name: (locale: Locale) => string;
  readonly describe: (status: SettledStatus<S>, locale: Locale) => string;
  readonly verified: (status: Extract<S, { state: 'active' }>) => boolean;
}
