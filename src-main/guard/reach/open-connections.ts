/**
 * The open connections of one listener, grouped by who opened them (peer-owner.ts: a uid, or `pending` until the
 * lookup answers, or `unknown` where the OS does not say). When the listener is full, the connection to close is
 * the oldest of the largest group: an account that opens hundreds of idle sockets closes its own, never another
 * account's slowly sent hello. Where the OS does not say, there is one group, and the oldest goes.
 */
export class OpenConnections<T> {
  private readonly groups = new Map<string, Set<T>>();
  private readonly groupOf = new Map<T, string>();

  get size(): number {
    return this.groupOf.size;
  }

  add(item: T, group: string): void {
    this.delete(item);
    let members = this.groups.get(group);
    if (!members) this.groups.set(group, (members = new Set()));
    members.add(item);
    this.groupOf.set(item, group);
  }

  /** Moves a connection still open to the group it turned out to belong to, as that group's newest. */
  regroup(item: T, group: string): void {
    if (this.groupOf.has(item)) this.add(item, group);
  }

  delete(item: T): void {
    const group = this.groupOf.get(item);
    if (group === undefined) return;
    this.groupOf.delete(item);
    const members = this.groups.get(group);
    members?.delete(item);
    if (members?.size === 0) this.groups.delete(group);
  }

  /** The oldest connection of the group that holds the most. */
  evictable(): T | undefined {
    let largest: Set<T> | undefined;
    for (const members of this.groups.values()) if (!largest || members.size > largest.size) largest = members;
    return largest?.values().next().value;
  }
}
