import type { ProtectionId, ProtectionStatus } from '../../../../src-main/contract/protection';
import { appsProtection } from './apps';
import { blockingProtection } from './blocking';
import { notificationsProtection } from './notifications';
import type { ProtectionView } from './protection-view';

/**
 * Every protection a session runs, and how it shows itself: the Focus view and Settings render from here.
 * A third protection is one folder beside these and one line below (the compiler asks for it once its id exists).
 */
export const protectionViews: { readonly [Id in ProtectionId]: ProtectionView<Extract<ProtectionStatus, { id: Id }>> } = {
  blocking: blockingProtection,
  notifications: notificationsProtection,
  apps: appsProtection,
};

/** The view for a status, typed to that status's own protection. */
export function viewOf<S extends ProtectionStatus>(status: S): ProtectionView<S> {
  return protectionViews[status.id] as unknown as ProtectionView<S>;
}
