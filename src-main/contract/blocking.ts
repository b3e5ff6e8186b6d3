import { z } from 'zod';

export const BlockingPrefs = z.object({}).strict();

export const blockingContract = {};
