/**
 * Files the watcher has heard about and is waiting on. A file is handed to the
 * indexer only once its size and mtime have not changed for `settleMs`
 * (Windows keeps writing MEMORY.DMP for minutes after the reboot); a deletion
 * is handed over at once. Files the indexer could not take yet (locked, still
 * growing, vanished mid-read) come back with a back-off delay.
 */
import { statFile } from './dumpFiles';
import { backoffMs } from './fileProblems';

interface Pending {
  size: number;
  mtimeMs: number;
  /** When size/mtime last changed (or the file was first heard of). */
  changedAt: number;
  attempts: number;
  notBefore: number;
}

export class SettleQueue {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly settleMs: number,
    private readonly retryBaseMs: number,
    private readonly maxAttempts: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** A file was added, changed or removed: (re)start its settle clock. */
  touch(path: string): void {
    const p = this.pending.get(path);
    const t = this.now();
    this.pending.set(path, { size: -1, mtimeMs: -1, changedAt: t, attempts: p?.attempts ?? 0, notBefore: p?.notBefore ?? 0 });
  }

  /** Paths ready for the indexer: settled files and vanished ones. They leave the queue. */
  async takeReady(): Promise<string[]> {
    const ready: string[] = [];
    const t = this.now();
    for (const [path, p] of this.pending) {
      if (p.notBefore > t) continue;
      const s = await statFile(path);
      if (!s) {
        ready.push(path);
        continue;
      }
      if (s.size !== p.size || s.mtimeMs !== p.mtimeMs) {
        p.size = s.size;
        p.mtimeMs = s.mtimeMs;
        p.changedAt = t;
      } else if (t - p.changedAt >= this.settleMs) {
        ready.push(path);
      }
    }
    for (const path of ready) this.pending.delete(path);
    return ready;
  }

  /** The indexer could not take `path` yet: try again later, unless it has had its attempts. Returns false when given up. */
  retry(path: string, attemptsSoFar: number): boolean {
    const attempts = attemptsSoFar + 1;
    if (attempts > this.maxAttempts) return false;
    const t = this.now();
    this.pending.set(path, { size: -1, mtimeMs: -1, changedAt: t, attempts, notBefore: t + backoffMs(attempts, this.retryBaseMs) });
    return true;
  }

  attemptsOf(path: string): number {
    return this.pending.get(path)?.attempts ?? 0;
  }
}
