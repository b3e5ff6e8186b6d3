import { closeSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';

/**
 * Reading one process's facts from `/proc`, bounded, never throwing: a process can end between any two reads, so
 * every answer may be null, and null means "not known", never "not this app". Synchronous on purpose: each read is
 * one small system call on a virtual file, cheaper than a trip through the thread pool.
 */

/** What `/proc/<pid>/stat` says of identity: field 22 (start time, in clock ticks since boot) tells a reused pid apart. */
export interface ProcStat {
  readonly ppid: number;
  readonly session: number;
  /** The controlling terminal (field 7), 0 for none: a program started from a terminal has one, a desktop app not. */
  readonly tty: number;
  readonly startTime: string;
}

/** The pids listed in `/proc`, without init (pid 1), which nothing here ever looks at. */
export function listProcessIds(): number[] {
  return readdirSync('/proc').flatMap((name) => {
    const pid = Number(name);
    return Number.isInteger(pid) && pid > 1 ? [pid] : [];
  });
}

/** The effective user of a process (its `/proc` folder's owner): a cheap first look that throws nothing. */
export function readOwner(pid: number): number | undefined {
  return statSync(`/proc/${pid}`, { throwIfNoEntry: false })?.uid;
}

/** The running binary's path (the `exe` link), with ` (deleted)` when it was replaced since it started. */
export function readExe(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

/** This process and its ancestors up to init. */
export function selfAndAncestors(): Set<number> {
  const untouchable = new Set<number>();
  for (let pid = process.pid; pid > 0 && !untouchable.has(pid); pid = readProcStat(pid)?.ppid ?? 0) untouchable.add(pid);
  return untouchable;
}

export function readProcStat(pid: number): ProcStat | null {
  const text = readBounded(`/proc/${pid}/stat`, 4096);
  // The command name (field 2) may hold spaces and parentheses: the fields after it start after its last ')'.
  const close = text?.lastIndexOf(')') ?? -1;
  if (text === null || close < 0) return null;
  const fields = text.slice(close + 2).split(' ');
  const [ppid, session, tty, startTime] = [fields[1], fields[3], fields[4], fields[19]];
  if (ppid === undefined || session === undefined || tty === undefined || startTime === undefined || !/^\d+$/.test(startTime)) return null;
  return { ppid: Number(ppid), session: Number(session), tty: Number(tty), startTime };
}

/** Whether every uid of the process (real, effective, saved, file system) is `uid`. */
export function ownedWholly(pid: number, uid: number): boolean {
  const uids = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/m.exec(readBounded(`/proc/${pid}/status`, 8192) ?? '');
  return uids !== null && uids.slice(1).every((value) => Number(value) === uid);
}

/** One variable of the process's starting environment, from the first 64 KiB (a larger environment is left unread). */
export function readEnvironVariable(pid: number, name: string): string | null {
  const text = readBounded(`/proc/${pid}/environ`, 65536);
  const prefix = `${name}=`;
  const entry = text?.split('\0').find((item) => item.startsWith(prefix));
  return entry === undefined ? null : entry.slice(prefix.length);
}

/** The Flatpak app id of a sandboxed process: `name=` in the `[Application]` group of its `/.flatpak-info`. */
export function readFlatpakId(pid: number): string | null {
  const text = readBounded(`/proc/${pid}/root/.flatpak-info`, 16384);
  if (text === null) return null;
  let group = '';
  for (const line of text.split('\n')) {
    const header = /^\[(.+)\]$/.exec(line.trim());
    if (header) group = header[1] ?? '';
    else if (group === 'Application' && line.startsWith('name=')) return line.slice('name='.length).trim();
  }
  return null;
}

function readBounded(path: string, limit: number): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const read = readSync(fd, buffer, length, limit - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
