import { describe, expect, it } from 'vitest';
import { ok, recordingRunner } from '../../../test-support/recording-runner';
import { QUIET_HOURS_PROFILES, WindowsFocusAssistAdapter, encodedCommand, powershellPath, quietHoursScript } from './windows-focus-assist-adapter';

// PowerShell and the quiet-hours COM service exist only on Windows; these tests pin the exact command and script.
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const decode = (args: readonly string[]) => Buffer.from(args[args.length - 1]!, 'base64').toString('utf16le');

describe('Windows Focus Assist / Do Not Disturb', () => {
  it('runs Windows PowerShell from the system folder with a fixed, encoded script', async () => {
    expect(powershellPath({ SystemRoot: 'D:\\Win' })).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(powershellPath({})).toBe(POWERSHELL);
    const { run, calls } = recordingRunner({ [POWERSHELL]: ok('Microsoft.QuietHoursProfile.Unrestricted') });
    const windows = new WindowsFocusAssistAdapter(run, POWERSHELL);
    expect(await windows.read()).toEqual({ profile: 'Microsoft.QuietHoursProfile.Unrestricted' });
    expect(calls[0]?.args.slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(calls[0]?.timeoutMs).toBe(20_000);
    expect(decode(calls[0]!.args)).toBe(quietHoursScript());
    expect(encodedCommand('a')).toBe(Buffer.from('a', 'utf16le').toString('base64'));
  });

  it('selects PriorityOnly to mute and the exact previous profile to restore', async () => {
    const answers = ['Microsoft.QuietHoursProfile.PriorityOnly', 'Microsoft.QuietHoursProfile.AlarmsOnly'];
    const { run, calls } = recordingRunner({ [POWERSHELL]: () => ok(answers.shift()) });
    const windows = new WindowsFocusAssistAdapter(run, POWERSHELL);
    await windows.write(windows.muted());
    await windows.write({ profile: 'Microsoft.QuietHoursProfile.AlarmsOnly' });
    const scripts = calls.map((call) => decode(call.args));
    expect(scripts[0]).toContain("[StillroomQuietHours]::Put('Microsoft.QuietHoursProfile.PriorityOnly')\n");
    expect(scripts[1]).toContain("[StillroomQuietHours]::Put('Microsoft.QuietHoursProfile.AlarmsOnly')\n");
    // The C# helper is identical in every call: only the profile line differs.
    expect(scripts[0]!.split('[StillroomQuietHours]::Put')[0]).toBe(quietHoursScript().split('[Console]')[0]);
  });

  it('counts any profile but Unrestricted as muted', () => {
    const windows = new WindowsFocusAssistAdapter(recordingRunner({}).run, POWERSHELL);
    expect(QUIET_HOURS_PROFILES.map((profile) => windows.isMuted({ profile }))).toEqual([false, true, true]);
  });

  it('refuses a profile outside the closed list, in the script and in answers', async () => {
    expect(() => quietHoursScript("x'); Remove-Item C:\\ -Recurse; ('" as never)).toThrow(/not a quiet-hours profile/);
    const odd = new WindowsFocusAssistAdapter(recordingRunner({ [POWERSHELL]: ok('Microsoft.QuietHoursProfile.Custom') }).run, POWERSHELL);
    await expect(odd.read()).rejects.toMatchObject({ unavailable: { reason: 'command-failed', method: 'windows-focus-assist', message: expect.stringContaining('unknown quiet-hours profile') } });
    const hung = new WindowsFocusAssistAdapter(recordingRunner({ [POWERSHELL]: { kind: 'timeout' } }).run, POWERSHELL);
    await expect(hung.read()).rejects.toMatchObject({ unavailable: { reason: 'command-failed', command: 'powershell.exe', message: 'powershell.exe: no answer in time' } });
  });
});
