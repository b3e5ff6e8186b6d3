import type { AppError, Result, StillroomApi } from '../../../src-main/contract';

declare global {
  interface Window {
    /** Built by the preload (or the preview bridge) from the IPC contract. */
    readonly stillroom: StillroomApi;
  }
}

export const api = (): StillroomApi => window.stillroom;

/** Unwraps a result for code that cannot continue without the value; the error stays a typed value. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new ApiError(settled.error);
  return settled.value;
}
