import { win32 } from 'node:path';
import { accept, checkAppRuleSet, precheckAppRule, reject, type AppRuleRefusal, type AppRuleResult } from './app-rule';

/**
 * The one validator of a rule that recognises a desktop app on Windows (issue 21), beside app-rule.ts's Linux one
 * and with the same promise: nothing that passes can name a part of Windows or the desktop (Explorer, the session
 * and logon processes, the shell's hosts), a console or shell (closing one closes what runs in it), a runtime many
 * apps share, a whole system or install folder, or Stillroom. Windows ignores case in names and paths; so do these.
 */
export type WindowsAppRuleKind = 'imageName' | 'windowsPath';

/** The Windows rules of one app, by kind: structurally the contract's `WindowsAppRecognition`. */
export interface WindowsAppRuleSet {
  readonly imageNames: readonly string[];
  readonly paths: readonly string[];
}

/** Image names of Windows itself, the desktop, consoles, shells and shared runtimes, in lower case without `.exe`. */
const SYSTEM_IMAGES = new Set([
  // the kernel's and the session's own
  'system', 'registry', 'memory compression', 'idle', 'smss', 'csrss', 'wininit', 'winlogon', 'services', 'lsass', 'lsaiso',
  'svchost', 'logonui', 'userinit', 'fontdrvhost', 'dwm', 'spoolsv', 'audiodg', 'wudfhost', 'dashost', 'sppsvc', 'wmiprvse',
  'securityhealthservice', 'securityhealthsystray', 'msmpeng', 'nissrv', 'smartscreen', 'consent', 'lockapp', 'wlanext',
  // the desktop shell and its hosts
  'explorer', 'sihost', 'ctfmon', 'runtimebroker', 'shellexperiencehost', 'startmenuexperiencehost', 'searchhost',
  'searchapp', 'searchui', 'searchindexer', 'textinputhost', 'applicationframehost', 'taskhostw', 'taskhost', 'dllhost',
  'systemsettings', 'widgets', 'widgetservice', 'phoneexperiencehost', 'useroobebroker', 'backgroundtaskhost',
  // consoles, shells, administration and runtimes: closing one closes everything run by it
  'conhost', 'openconsole', 'cmd', 'powershell', 'powershell_ise', 'pwsh', 'windowsterminal', 'wt', 'taskmgr', 'mmc',
  'regedit', 'rundll32', 'regsvr32', 'msiexec', 'wscript', 'cscript', 'mshta', 'wsl', 'wslhost', 'wslservice', 'bash',
  'msedgewebview2', 'node', 'electron', 'python', 'pythonw', 'py', 'pyw', 'java', 'javaw', 'ruby', 'perl',
]);

/** Folders too broad to close as a whole (any drive, any case): a drive, the install roots, a user's profile and AppData. */
const BROAD_FOLDER =
  /^[a-z]:\\(?:|program files\\|program files \(x86\)\\|program files\\common files\\|program files \(x86\)\\common files\\|program files\\windowsapps\\|programdata\\|users\\|users\\[^\\]+\\|users\\[^\\]+\\appdata\\|users\\[^\\]+\\appdata\\(?:local|locallow|roaming)\\|users\\[^\\]+\\appdata\\local\\programs\\|users\\[^\\]+\\appdata\\local\\temp\\)$/;
/** Folders whose programs are Windows's own: a path in one is refused, a process running from one never matches. */
const SYSTEM_FOLDER = /^[a-z]:\\(?:windows\\|program files(?: \(x86\))?\\(?:windows [^\\]+|windowsapps\\microsoft\.windows[^\\]*|common files\\microsoft shared)\\|programdata\\microsoft\\)/;

const IMAGE_NAME = /^[^\\/:*?"<>|]+\.exe$/i;

export function checkWindowsAppRule(kind: WindowsAppRuleKind, input: string): AppRuleResult {
  const prechecked = precheckAppRule(input);
  if (!prechecked.ok) return prechecked;
  const { rule } = prechecked;
  switch (kind) {
    case 'imageName':
      if (!IMAGE_NAME.test(rule) || rule.length > 260) return reject('bad-image-name');
      return isSystemImageName(rule) ? reject('system-process') : accept(rule);
    case 'windowsPath':
      return checkWindowsPath(rule);
  }
}

const KIND_OF: Record<keyof WindowsAppRuleSet, WindowsAppRuleKind> = { imageNames: 'imageName', paths: 'windowsPath' };

export function checkWindowsAppRules(windows: WindowsAppRuleSet): { rules: WindowsAppRuleSet; refused: AppRuleRefusal<keyof WindowsAppRuleSet>[] } {
  return checkAppRuleSet(windows, KIND_OF, checkWindowsAppRule);
}

/** Whether an image name (`Explorer.EXE`, `dwm.exe`, `dwm`) is one Windows or the desktop needs, or Stillroom's. */
export function isSystemImageName(name: string): boolean {
  const lower = name.toLowerCase();
  return SYSTEM_IMAGES.has(lower.replace(/\.exe$/, '')) || lower.includes('stillroom');
}

/** Whether a running program's path is in one of Windows's own folders, or Stillroom's. */
export function isSystemWindowsPath(path: string): boolean {
  const lower = path.toLowerCase();
  return SYSTEM_FOLDER.test(lower) || lower.includes('stillroom');
}

function checkWindowsPath(input: string): AppRuleResult {
  // A drive path only: not a share (`\\server\…`), not the `\\?\` or `\\.\` namespaces, nothing relative.
  const rule = input.replaceAll('/', '\\');
  if (!/^[A-Za-z]:\\/.test(rule)) return reject('not-absolute');
  const folder = rule.endsWith('\\');
  // Only a path already in its plain form: `..`, `.`, `\\` or an alternate stream (`:`) could reach elsewhere.
  if (win32.normalize(rule) !== rule || rule.indexOf(':', 2) !== -1 || /[*?"<>|]/.test(rule)) return reject('bad-character');
  const lower = rule.toLowerCase();
  if (isSystemWindowsPath(lower)) return reject('system-process');
  if (folder) return BROAD_FOLDER.test(lower) ? reject('too-broad') : accept(rule);
  if (!/\.exe$/i.test(rule)) return reject('bad-image-name');
  return isSystemImageName(win32.basename(rule)) ? reject('system-process') : accept(rule);
}
