/**
 * What kind of failure reading a dump was, which decides what the indexer does:
 * - vanished: the file is gone (deleted or renamed mid-read): no row, the scan sees the rest;
 * - locked: another process holds it (Windows sharing violation, EBUSY, EPERM): retry with back-off;
 * - unreadable: a permanent problem (not a dump, corrupt, no permission): an 'error' row with the reason.
 * A format error on a file that is still changing is "growing", decided by the caller from size/mtime.
 */
export type FileProblem = 'vanished' | 'locked' | 'unreadable';

const LOCKED_CODES = new Set(['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ETXTBSY', 'EPERM']);

export function classifyFileError(e: unknown): FileProblem {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ESHRUNK') return 'vanished';
  if (typeof code === 'string' && LOCKED_CODES.has(code)) return 'locked';
  // openDumpFile wraps open errors in DumpFileError('NotFound', "…: no such file").
  const msg = e instanceof Error ? e.message : String(e);
  if (/: cannot open: no such file/.test(msg)) return 'vanished';
  if (/resource busy|being used by another process|sharing violation/i.test(msg)) return 'locked';
  return 'unreadable';
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Back-off before retry `attempt` (1-based): base, 2×base, 4×base … capped at 30 s. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30_000);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
