import { z } from 'zod';
import type { OutputRunner } from '../../base/command-runner';
import { powershellArgs, powershellPath } from '../../base/powershell';
import { type DndAdapter, DndUnavailable, runDndCommand, stateParser } from './dnd-adapter';

/** The quiet-hours profiles behind Focus Assist (Windows 10) and Do Not Disturb (Windows 11). */
export const QUIET_HOURS_PROFILES = ['Microsoft.QuietHoursProfile.Unrestricted', 'Microsoft.QuietHoursProfile.PriorityOnly', 'Microsoft.QuietHoursProfile.AlarmsOnly'] as const;
const UNRESTRICTED = QUIET_HOURS_PROFILES[0];
/** What Windows 11's own Do Not Disturb switch selects. */
const PRIORITY_ONLY = QUIET_HOURS_PROFILES[1];

const WindowsFocusState = z.object({ profile: z.enum(QUIET_HOURS_PROFILES) }).strict();
export type WindowsFocusState = z.infer<typeof WindowsFocusState>;

/** PowerShell starts .NET and compiles the helper type on every run: seconds on a slow machine. */
const POWERSHELL_TIMEOUT_MS = 20_000;

/**
 * The helper's fixed text. Windows has no public API that turns Focus Assist / Do Not Disturb on; the notification
 * platform's quiet-hours COM service (undocumented, what Explorer's own switch calls) does, per user, without
 * admin rights. It is reached from PowerShell's built-in C# compiler rather than a native Node module (koffi, ffi):
 * nothing to build or ship per architecture, and the OS's own runtime does the COM call. The methods are called
 * through the raw vtable (slot 3 get, 4 put, 2 Release) because the getter returns a CoTaskMem string, which the
 * usual interop marshalling would free wrongly. The only variable part is a profile from the closed list above.
 */
const HELPER = String.raw`$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class StillroomQuietHours {
  [DllImport("ole32.dll")] static extern int CoCreateInstance(ref Guid clsid, IntPtr outer, uint context, ref Guid iid, out IntPtr instance);
  [DllImport("ole32.dll")] static extern void CoTaskMemFree(IntPtr pointer);
  [UnmanagedFunctionPointer(CallingConvention.StdCall)] delegate int GetProfile(IntPtr self, out IntPtr profile);
  [UnmanagedFunctionPointer(CallingConvention.StdCall)] delegate int PutProfile(IntPtr self, [MarshalAs(UnmanagedType.LPWStr)] string profile);
  [UnmanagedFunctionPointer(CallingConvention.StdCall)] delegate uint Release(IntPtr self);
  static IntPtr Create() {
    Guid clsid = new Guid("F53321FA-34F8-4B7F-B9A3-361877CB94CF");
    Guid iid = new Guid("6BFF4732-81EC-4FFB-AE67-B6C1BC29631F");
    IntPtr instance;
    Marshal.ThrowExceptionForHR(CoCreateInstance(ref clsid, IntPtr.Zero, 4, ref iid, out instance));
    return instance;
  }
  static T Slot<T>(IntPtr instance, int slot) {
    return (T)(object)Marshal.GetDelegateForFunctionPointer(Marshal.ReadIntPtr(Marshal.ReadIntPtr(instance), slot * IntPtr.Size), typeof(T));
  }
  public static string Get() {
    IntPtr instance = Create();
    try {
      IntPtr profile;
      Marshal.ThrowExceptionForHR(Slot<GetProfile>(instance, 3)(instance, out profile));
      try { return Marshal.PtrToStringUni(profile); } finally { CoTaskMemFree(profile); }
    } finally { Slot<Release>(instance, 2)(instance); }
  }
  public static void Put(string profile) {
    IntPtr instance = Create();
    try { Marshal.ThrowExceptionForHR(Slot<PutProfile>(instance, 4)(instance, profile)); } finally { Slot<Release>(instance, 2)(instance); }
  }
}
'@
`;

/** The script that reads the selected profile, or selects `profile` first; exported for the exact-text test. */
export function quietHoursScript(profile?: WindowsFocusState['profile']): string {
  if (profile !== undefined && !QUIET_HOURS_PROFILES.includes(profile)) throw new Error(`not a quiet-hours profile: ${String(profile)}`);
  return `${HELPER}${profile ? `[StillroomQuietHours]::Put('${profile}')\n` : ''}[Console]::Out.Write([StillroomQuietHours]::Get())\n`;
}

export { encodedCommand, powershellPath } from '../../base/powershell';

/** Focus Assist / Do Not Disturb for the current user; restoring selects the exact profile that was selected. */
export class WindowsFocusAssistAdapter implements DndAdapter<WindowsFocusState> {
  readonly method = 'windows-focus-assist' as const;

  constructor(
    private readonly run: OutputRunner,
    private readonly powershell: string = powershellPath(),
  ) {}

  read(): Promise<WindowsFocusState> {
    return this.helper();
  }

  isMuted(state: WindowsFocusState): boolean {
    return state.profile !== UNRESTRICTED;
  }

  muted(): WindowsFocusState {
    return { profile: PRIORITY_ONLY };
  }

  async write(state: WindowsFocusState): Promise<void> {
    await this.helper(state.profile);
  }

  same(a: WindowsFocusState, b: WindowsFocusState): boolean {
    return a.profile === b.profile;
  }

  readonly parse = stateParser(WindowsFocusState);

  private async helper(profile?: WindowsFocusState['profile']): Promise<WindowsFocusState> {
    const args = powershellArgs(quietHoursScript(profile));
    const answer = (await runDndCommand(this.run, this.method, this.powershell, args, { timeoutMs: POWERSHELL_TIMEOUT_MS })).trim();
    const parsed = WindowsFocusState.safeParse({ profile: answer });
    if (!parsed.success) {
      throw new DndUnavailable({ reason: 'command-failed', method: this.method, command: 'powershell.exe', message: `unknown quiet-hours profile: ${JSON.stringify(answer.slice(0, 100))}` });
    }
    return parsed.data;
  }
}
