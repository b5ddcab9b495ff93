// The tags one purger failed to purge, waiting for the background retry: oldest first,
// bounded. A Map keeps insertion order, and a tag that fails again moves to the end with
// its new time, so the order is the order of times.

export class PendingTags {
  private readonly since = new Map<string, number>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.since.size;
  }

  /** Adds (or refreshes) tags failed at `at`; returns how many old ones were shed to fit. */
  add(tags: string[], at: number): number {
    for (const tag of tags) {
      this.since.delete(tag);
      this.since.set(tag, at);
    }
    let shed = 0;
    for (const tag of this.since.keys()) {
      if (this.since.size <= this.max) break;
      this.since.delete(tag);
      shed++;
    }
    return shed;
  }

  remove(tags: string[]): void {
    for (const tag of tags) this.since.delete(tag);
  }

  /** Removes and returns the tags that have waited since before `cutoff`. */
  takeOlderThan(cutoff: number): string[] {
    const old: string[] = [];
    for (const [tag, at] of this.since) {
      if (at >= cutoff) break;
      old.push(tag);
    }
    this.remove(old);
    return old;
  }

  oldest(count: number): string[] {
    const tags: string[] = [];
    for (const tag of this.since.keys()) {
      if (tags.length >= count) break;
      tags.push(tag);
    }
    return tags;
  }

  clear(): void {
    this.since.clear();
  }
}
