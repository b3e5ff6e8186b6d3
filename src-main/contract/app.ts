import { z } from 'zod';
import { call, noInput } from './define';

export const Platform = z.enum(['darwin', 'win32', 'linux']);

export const AppInfo = z.object({
  version: z.string(),
  platform: Platform,
  /** Electron desktop app, or the browser preview used for development and tests. */
  runtime: z.enum(['electron', 'preview']),
  locale: z.string(),
  dataDir: z.string(),
  vaultDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * Only these URLs may leave the app, and only through the OS's own handler. The contract has no URL parser
 * (it runs on every side); the core parses again with WHATWG URL before handing it over.
 */
export const ExternalUrl = z
  .string()
  .max(2048)
  .regex(/^(https:\/\/[^\s/?#@]+[^\s]*|mailto:[^\s?#&,;%]+)$/i, 'only https: URLs and a plain mailto:address');

export const appContract = {
  info: call(noInput, AppInfo),
  openExternal: call(z.object({ url: ExternalUrl }).strict(), z.null()),
};
