import { z } from 'zod';
import { appsErrorCodes } from './apps';
import { blockingErrorCodes } from './blocking';
import { notesErrorCodes } from './notes';
import { notesMathErrorCodes } from './notes-math';
import { reflectionsErrorCodes } from './reflections';
import { scheduleErrorCodes } from './schedule';
import { sessionErrorCodes } from './session';
import { settingsErrorCodes } from './settings';

/**
 * Errors cross the IPC boundary as values with a code the renderer translates into either language. Each domain
 * declares its own codes beside its calls (`sessionErrorCodes` in session.ts, …); here they are joined with the
 * transport's, so `ErrorCode` names every one and the renderer's translation table must cover them all.
 */
const transportErrorCodes = ['unknown-channel', 'forbidden-sender', 'invalid-payload', 'internal'] as const;

export const errorCodes = [
  ...transportErrorCodes,
  ...settingsErrorCodes,
  ...sessionErrorCodes,
  ...blockingErrorCodes,
  ...appsErrorCodes,
  ...notesErrorCodes,
  ...notesMathErrorCodes,
  ...reflectionsErrorCodes,
  ...scheduleErrorCodes,
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
