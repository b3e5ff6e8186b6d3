import { z } from 'zod';
import type { OutputRunner } from '../../base/command-runner';
import { type DndAdapter, DndUnavailable, parseBoolean, runDndCommand, stateParser } from './dnd-adapter';
import type { BusConnector } from './session-bus';

/**
 * GNOME, Cinnamon and MATE keep their "do not disturb" in one boolean GSettings key each; the same adapter drives
 * all three with its own key. `gsettings get` cannot tell a value the user set from the schema's default, so
 * `dconf read` is asked too (empty output: unset): a key that was unset is *reset* at the end, not pinned.
 */
export interface GSettingsKey {
  readonly method: 'gnome' | 'cinnamon' | 'mate';
  readonly schema: string;
  readonly key: string;
  /** The dconf path of the key, for telling "set by the user" from "the default". */
  readonly dconfPath: string;
  /** The value that silences notifications. */
  readonly mutedValue: boolean;
}

export const GSETTINGS_KEYS = {
  // The Shell's Do Not Disturb switch is this key, inverted (js/ui/status/doNotDisturb.js).
  gnome: { method: 'gnome', schema: 'org.gnome.desktop.notifications', key: 'show-banners', dconfPath: '/org/gnome/desktop/notifications/show-banners', mutedValue: false },
  cinnamon: {
    method: 'cinnamon',
    schema: 'org.cinnamon.desktop.notifications',
    key: 'display-notifications',
    dconfPath: '/org/cinnamon/desktop/notifications/display-notifications',
    mutedValue: false,
  },
  mate: { method: 'mate', schema: 'org.mate.NotificationDaemon', key: 'do-not-disturb', dconfPath: '/org/mate/notification-daemon/do-not-disturb', mutedValue: true },
} as const satisfies Record<string, GSettingsKey>;

/** `userSet` null: `dconf` is not installed, so we cannot tell; such a value is restored by setting it. */
const GSettingsState = z.object({ value: z.boolean(), userSet: z.boolean().nullable() }).strict();
export type GSettingsState = z.infer<typeof GSettingsState>;

export class GSettingsAdapter implements DndAdapter<GSettingsState> {
  readonly method: GSettingsKey['method'];

  constructor(
    private readonly setting: GSettingsKey,
    private readonly run: OutputRunner,
    private readonly connectBus?: BusConnector,
  ) {
    this.method = setting.method;
  }

  async read(): Promise<GSettingsState> {
    const { schema, key } = this.setting;
    const value = parseBoolean(await runDndCommand(this.run, this.method, 'gsettings', ['get', schema, key]), this.method, 'gsettings');
    return { value, userSet: await this.userSet() };
  }

  isMuted(state: GSettingsState): boolean {
    return state.value === this.setting.mutedValue;
  }

  muted(): GSettingsState {
    return { value: this.setting.mutedValue, userSet: true };
  }

  async write(state: GSettingsState): Promise<void> {
    const { schema, key } = this.setting;
    if (state.userSet === false) await runDndCommand(this.run, this.method, 'gsettings', ['reset', schema, key]);
    else await runDndCommand(this.run, this.method, 'gsettings', ['set', schema, key, String(state.value)]);
  }

  same(a: GSettingsState, b: GSettingsState): boolean {
    return a.value === b.value;
  }

  /**
   * dconf's writer announces every change on the bus (Notify: a path prefix and the changed keys under it); a
   * change of our key, or a reset of a folder holding it, may be the user's own switch. No sender in the rule:
   * dconf-service is started on demand.
   */
  watch(onChange: () => void): () => void {
    const bus = this.connectBus?.();
    if (!bus) return () => undefined;
    const path = this.setting.dconfPath;
    bus.onSignal({ path: '/ca/desrt/dconf/Writer/user', interface: 'ca.desrt.dconf.Writer', member: 'Notify' }, ([prefix, changes]) => {
      const touched = (Array.isArray(changes) ? changes : []).some((change) => {
        const changed = `${String(prefix)}${String(change)}`;
        return changed === path || (changed.endsWith('/') && path.startsWith(changed));
      });
      if (touched) onChange();
    });
    return () => bus.close();
  }

  readonly parse = stateParser(GSettingsState);

  private async userSet(): Promise<boolean | null> {
    try {
      return (await runDndCommand(this.run, this.method, 'dconf', ['read', this.setting.dconfPath])).trim() !== '';
    } catch (error) {
      if (error instanceof DndUnavailable && error.unavailable.reason === 'command-missing') return null;
      throw error;
    }
  }
}
