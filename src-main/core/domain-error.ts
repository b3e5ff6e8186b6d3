import type { AppError, ErrorCode } from '../contract/errors';

/** A refusal the user can understand; the router turns it into a typed error value for the renderer. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: AppError['params'],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
