import { z } from 'zod';

export const EditorPrefs = z.object({}).strict();

export const notesContract = {};
