import { watch } from 'node:fs';
import { sep } from 'node:path';
import type { Clock } from '../clock';

export interface FolderWatcherOptions {
  readonly recursive: boolean;
  readonly clock: Clock;
  /** Quiet time before reporting: a save is several events (temp file, rename), reported once. */
  readonly debounceMs: number;
  /** Longest a change waits while events keep coming (a sync writing for minutes); none: until the folder is quiet. */
  readonly maxWaitMs?: number;
  readonly log: (level: 'warn', message: string) => void;
  /** Paths relative to the folder with `/` separators, or `all` when the OS could not say which changed. */
  readonly onChange: (changed: string[] | 'all') => void;
  /** The watcher failed and stopped (the folder was removed or replaced); the owner may start a new one later. */
  readonly onStopped?: () => void;
}

export interface FolderWatcher {
  close(): void;
}

/**
 * Watches a folder for changes made by other programs and reports them in batches. A watcher that fails (the
 * folder was removed or replaced) stops and says so; null when the folder cannot be watched at all.
 */
export function watchFolder(folder: string, options: FolderWatcherOptions): FolderWatcher | null {
  const pending = new Set<string>();
  let all = false;
  let cancelDebounce: (() => void) | null = null;
  let cancelMaxWait: (() => void) | null = null;
  const cancelTimers = () => {
    cancelDebounce?.();
    cancelMaxWait?.();
    cancelDebounce = null;
    cancelMaxWait = null;
  };
  const flush = () => {
    cancelTimers();
    const changed = all ? 'all' : [...pending];
    pending.clear();
    all = false;
    options.onChange(changed);
  };
  try {
    const watcher = watch(folder, { persistent: false, recursive: options.recursive }, (_event, file) => {
      if (typeof file === 'string') pending.add(file.split(sep).join('/'));
      else all = true;
      cancelDebounce?.();
      cancelDebounce = options.clock.setTimer(options.debounceMs, flush);
      if (options.maxWaitMs !== undefined && !cancelMaxWait) cancelMaxWait = options.clock.setTimer(options.maxWaitMs, flush);
    });
    const close = () => {
      watcher.close();
      cancelTimers();
    };
    watcher.on('error', (error) => {
      options.log('warn', `stopped watching ${folder}: ${String(error)}`);
      close();
      options.onStopped?.();
    });
    return { close };
  } catch (error) {
    options.log('warn', `cannot watch ${folder}: ${String(error)}`);
    return null;
  }
}
