import { z } from 'zod';

/**
 * Desktop apps a session closes (issue 21), beside the site lists. Only the shapes and limits live here; what an
 * entry may name (nothing a system process could match) is decided by `base/app-rule.ts`, which the guard will run
 * again, and the built-in entries are data in resources/apps/default-apps.json.
 */
export const AppCategoryId = z.enum(['chat', 'work-chat', 'video-feeds', 'games']);
export type AppCategoryId = z.infer<typeof AppCategoryId>;

/**
 * Chat, video and games are on by default: they are what pulls a person out of a session. Work chat is off: for
 * many people Slack, Feishu or DingTalk is where the work itself arrives, so closing it is a choice, made by those
 * who want a session with no colleagues in it (a writing morning, an exam).
 */
export const DEFAULT_APP_CATEGORIES: readonly AppCategoryId[] = ['chat', 'video-feeds', 'games'];

export const MAX_APP_RULES_PER_KIND = 20;
/** The longest executable name, path, id or pattern an entry may carry (a Linux path is at most 4096 bytes). */
export const MAX_APP_RULE_LENGTH = 512;

const Rules = z.array(z.string().min(1).max(MAX_APP_RULE_LENGTH)).max(MAX_APP_RULES_PER_KIND).default(() => []);

/**
 * How an app is recognised on Linux, each kind checked on the process's own facts, never on what it says of itself:
 * - `executables`: the file name of the running binary (the `/proc/<pid>/exe` link), e.g. `telegram-desktop`;
 * - `paths`: the binary's absolute path, or a folder ending in `/` whose binaries all belong to the app (`/opt/QQ/`);
 * - `appImages`: the AppImage's file name (its `APPIMAGE` variable), `*` standing for any run of characters, for a
 *   process running from an AppImage's mount (`/tmp/.mount_*`);
 * - `flatpaks`: the Flatpak app id (`[Application] name=` in `/proc/<pid>/root/.flatpak-info`);
 * - `snaps`: the snap's name (the binary runs from `/snap/<name>/`).
 */
export const LinuxAppRecognition = z
  .object({ executables: Rules, paths: Rules, appImages: Rules, flatpaks: Rules, snaps: Rules })
  .strict();
export type LinuxAppRecognition = z.infer<typeof LinuxAppRecognition>;

/** macOS: bundle identifiers and `.app` paths. Data only until the macOS enforcer exists. */
export const MacAppRecognition = z.object({ bundleIds: Rules, appPaths: Rules }).strict();
export type MacAppRecognition = z.infer<typeof MacAppRecognition>;

/** Windows: image names (`WeChat.exe`) and install folders. Data only until the Windows enforcer exists. */
export const WindowsAppRecognition = z.object({ imageNames: Rules, paths: Rules }).strict();
export type WindowsAppRecognition = z.infer<typeof WindowsAppRecognition>;

export const AppId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(64);
export type AppId = z.infer<typeof AppId>;

export const AppEntry = z
  .object({
    id: AppId,
    names: z.object({ en: z.string().min(1).max(100), 'zh-CN': z.string().min(1).max(100) }).strict(),
    category: AppCategoryId,
    linux: LinuxAppRecognition.default(() => LinuxAppRecognition.parse({})),
    macos: MacAppRecognition.default(() => MacAppRecognition.parse({})),
    windows: WindowsAppRecognition.default(() => WindowsAppRecognition.parse({})),
  })
  .strict();
export type AppEntry = z.infer<typeof AppEntry>;

/** Why a recognition rule was refused (`base/app-rule.ts` decides; the same codes, checked by a test). */
export const AppRuleRejection = z.enum([
  'empty',
  'too-long',
  'bad-character',
  'not-absolute',
  'too-broad',
  'system-process',
  'stillroom',
  'bad-flatpak-id',
  'bad-snap-name',
  'bad-appimage-pattern',
]);
export type AppRuleRejection = z.infer<typeof AppRuleRejection>;
