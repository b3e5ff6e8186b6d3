import { describe, expect, it } from 'vitest';
import { errorCodes } from './errors';

describe('error codes', () => {
  it('declares each code once, so one domain owns it', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });
});
