import { z } from 'zod';
import { AppCategoryId, AppEntry, LinuxAppRecognition, MacAppRecognition, WindowsAppRecognition } from '../../contract/apps';
import raw from '../../../resources/apps/default-apps.json' with { type: 'json' };
import { checkLinuxAppRules } from '../../base/apps/app-rule';
import { checkMacAppRules } from '../../base/apps/mac-app-rule';
import { checkWindowsAppRules } from '../../base/apps/windows-app-rule';

type Names = { readonly en: string; readonly 'zh-CN': string };

export interface AppCategory {
  readonly id: AppCategoryId;
  readonly names: Names;
  /** Why a user might turn on a category that is off by default (work chat). */
  readonly why: Names | null;
  readonly apps: readonly AppEntry[];
}

/** Where an identifier sits in an entry: `linux.flatpaks`, `macos.bundleIds`, `windows.imageNames`… */
const IdentifierField = z.enum([
  ...LinuxAppRecognition.keyof().options.map((kind) => `linux.${kind}` as const),
  ...MacAppRecognition.keyof().options.map((kind) => `macos.${kind}` as const),
  ...WindowsAppRecognition.keyof().options.map((kind) => `windows.${kind}` as const),
]);

/**
 * A built-in entry as stored: its category comes from the list it sits in, its rules pass each OS's validator
 * unchanged. `unverified` names the fields whose identifiers could not be checked against a package, a Flathub
 * manifest or the Snap Store (docs/apps.md lists them): each must name a field the entry fills.
 */
const StoredApp = AppEntry.omit({ category: true })
  .extend({ $comment: z.string().optional(), unverified: z.array(IdentifierField).max(IdentifierField.options.length).optional() })
  .strict()
  .superRefine((app, context) => {
    for (const field of app.unverified ?? []) {
      const [os, kind] = field.split('.') as ['linux' | 'macos' | 'windows', string];
      if (((app[os] as Record<string, readonly string[]>)[kind] ?? []).length === 0) context.addIssue({ code: 'custom', message: `${app.id}: ${field} is marked unverified but holds nothing` });
    }
    const checks = [
      [checkLinuxAppRules(app.linux), app.linux],
      [checkMacAppRules(app.macos), app.macos],
      [checkWindowsAppRules(app.windows), app.windows],
    ] as const;
    for (const [{ rules, refused }, stored] of checks) {
      for (const { field, rule, reason } of refused) context.addIssue({ code: 'custom', message: `${app.id}: ${field} ${rule} is refused (${reason})` });
      if (refused.length === 0 && JSON.stringify(rules) !== JSON.stringify(stored)) context.addIssue({ code: 'custom', message: `${app.id}: a rule is not in its canonical form` });
    }
  });

const LocalNames = z.object({ en: z.string().min(1).max(300), 'zh-CN': z.string().min(1).max(300) }).strict();

const Data = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1),
    categories: z
      .array(z.object({ id: AppCategoryId, names: LocalNames, why: LocalNames.optional(), apps: z.array(StoredApp).min(1) }).strict())
      .refine((categories) => new Set(categories.map((c) => c.id)).size === AppCategoryId.options.length, 'each category exactly once')
      .refine((categories) => {
        const ids = categories.flatMap((c) => c.apps.map((a) => a.id));
        return new Set(ids).size === ids.length;
      }, 'each app id once'),
  })
  .strict();

/** Parses app list data (ours, shipped with the app) as strictly as anything read from disk. */
export function parseAppListData(input: unknown): readonly AppCategory[] {
  return Data.parse(input).categories.map(({ id, names, why, apps }) => ({
    id,
    names,
    why: why ?? null,
    apps: apps.map(({ $comment: _comment, unverified: _unverified, ...app }) => ({ ...app, category: id })),
  }));
}

export const defaultAppCategories: readonly AppCategory[] = parseAppListData(raw);
