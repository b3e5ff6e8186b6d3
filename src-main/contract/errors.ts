import { z } from 'zod';

/**
 * Errors cross the IPC boundary as values with a code the renderer translates into either language.
 * Each domain adds its codes here, so the UI has one place to look them up.
 */
export const errorCodes = [
  // transport and contract
  'unknown-channel',
  'forbidden-sender',
  'invalid-payload',
  'internal',
  // settings
  'settings-invalid',
  // session
  'session-illegal-transition',
  'session-locked',
  'session-wrong-phrase',
  'session-reason-required',
  'session-invalid-length',
  // blocking
  'domain-invalid',
  'guard-unreachable',
  'guard-refused',
  'blocklist-too-large',
  'blocklist-empty',
  'guard-install-unavailable',
  'guard-install-failed',
  // notes
  'note-not-found',
  'note-exists',
  'note-invalid-name',
  'note-conflict',
  'note-write-failed',
  'note-too-large',
  'note-not-text',
  'note-outside-vault',
  'note-unreadable',
  'vault-unusable',
  'export-unavailable',
  // reflections
  'reflection-not-found',
  'reflection-conflict',
  'reflection-write-failed',
  'reflection-import-invalid',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  /** English detail for logs and developers; the UI shows the translated code. */
  message: z.string(),
  /** Values the translated message may interpolate (a field path, a limit, a file name). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, params?: AppError['params']): Result<never> => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});
