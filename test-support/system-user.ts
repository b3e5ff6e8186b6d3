import { execFileSync } from 'node:child_process';

/** A real OS account for tests that need a second, unprivileged user (needs root, as CI has). */
export interface SystemUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Deletes the account if this test created it; one that was there before stays. */
  remove(): void;
}

export function systemUser(name: string): SystemUser {
  let created = false;
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
    created = true;
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return {
    name,
    uid: id('-u'),
    gid: id('-g'),
    remove: () => {
      if (created) execFileSync('userdel', [name]);
    },
  };
}
