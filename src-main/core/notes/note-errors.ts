import { DomainError } from '../domain-error';
import { refusalOf } from '../vault/vault-files';

export const noteNotFound = (name: string): DomainError => new DomainError('note-not-found', `${name} does not exist`, { name });

export const outsideVault = (name: string): DomainError =>
  new DomainError('note-outside-vault', `${name} is a link to a file outside the vault; it is never read or written`, { name });

export const noteUnreadable = (name: string, code: string): DomainError => new DomainError('note-unreadable', `${name} cannot be read (${code})`, { name, code });

/**
 * What a failed note or preamble operation tells the user: the vault's refusal in the notes' words, the OS's own
 * reason (ENOSPC, EROFS, EACCES ...) with its code, so the user sees what to fix. A domain error passes as it is.
 */
export function noteError(name: string, error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const refusal = refusalOf(error);
  switch (refusal.reason) {
    case 'outside':
      return outsideVault(name);
    case 'conflict':
      return new DomainError('note-conflict', `${name} changed on disk since it was opened`, { name, version: refusal.current ?? '' });
    case 'exists':
      return new DomainError('note-exists', `${name} already exists`, { name });
    case 'missing':
      return noteNotFound(name);
    case 'unreadable':
      return noteUnreadable(name, refusal.code);
    case 'failed':
      return new DomainError('note-write-failed', `Could not write ${name}: ${refusal.message}`, { name, code: refusal.code, reason: refusal.message.slice(0, 300) });
  }
}
