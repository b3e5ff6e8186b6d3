/**
 * The open connections of one listener, grouped by who opened them (peer-owner.ts: a uid, or `unknown` where the OS
 * does not say, or a group of their own until the lookup answers). When the listener is full, the connection to close
 * is the oldest of the largest group: an account that opens hundreds of idle sockets closes its own, never another
 * account's slowly sent hello. Where the OS does not say, there is one group, and the oldest goes.
 */
export class OpenConnections<T> {
  private readonly groups = new Map<string, Set<T>>();
  private readonly memberOf = new Map<T, string>();

  get size(): number {
    return this.memberOf.size;
  }

  add(item: T, group: string): void {
    this.delete(item);
    let members = this.groups.get(group);
    if (!members) this.groups.set(group, (members = new Set()));
    members.add(item);
    this.memberOf.set(item, group);
  }

  /** Moves a connection still open to the group it turned out to belong to, as that group's newest. */
  regroup(item: T, group: string): void {
    if (this.memberOf.has(item)) this.add(item, group);
  }

  delete(item: T): void {
    const group = this.memberOf.get(item);
    if (group === undefined) return;
    this.memberOf.delete(item);
    const members = this.groups.get(group);
    members?.delete(item);
    if (members?.size === 0) this.groups.delete(group);
  }

  /** The group that holds the most, and its oldest connection. */
  evictable(): { group: string; item: T } | undefined {
    let largest: [string, Set<T>] | undefined;
    for (const entry of this.groups) if (!largest || entry[1].size > largest[1].size) largest = entry;
    const item = largest?.[1].values().next().value;
    return largest && item !== undefined ? { group: largest[0], item } : undefined;
  }
}
