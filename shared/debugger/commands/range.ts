import type { CommandContext } from '../command';
import { CommandError } from '../errors';

/** Largest range a display command reads without `L?` (WinDbg's guard against typos). */
export const MAX_RANGE_BYTES = 512 * 1024;
/** Even `L?` stops here: this is a console, not a file dumper. */
const MAX_FORCED_BYTES = 16 * 1024 * 1024;

export interface Range {
  start: bigint;
  /** Number of elements. */
  count: number;
  /** True when the user gave an address (else the default/continuation was used). */
  explicit: boolean;
}

/**
 * Reads WinDbg's range syntax from a command's arguments: `Address`,
 * `Address L Count`, `Address L?Count` (no size check), `Address EndAddress`,
 * or nothing (defaults). Counts are in elements of `elementSize` bytes.
 */
export function parseRange(ctx: CommandContext, text: string, defaults: { start?: bigint; count: number; elementSize: number }): Range {
  const t = text.trim();
  if (!t) {
    if (defaults.start === undefined) throw new CommandError('No address given and no current address to continue from');
    return { start: defaults.start, count: defaults.count, explicit: false };
  }
  const p = ctx.parser();
  const offset = ctx.args.indexOf(t);
  let start: bigint;
  let pos: number;
  if (/^l/i.test(t) && !/^l[a-z]/i.test(t.replace(/^l\?/i, 'l'))) {
    if (defaults.start === undefined) throw new CommandError('No address given and no current address to continue from');
    start = defaults.start;
    pos = offset;
  } else {
    const r = p.parse(offset);
    start = r.value;
    pos = r.end;
  }
  const rest = ctx.args.slice(pos).trim();
  if (!rest) return { start, count: defaults.count, explicit: true };
  const l = /^l(\?)?\s*(.*)$/is.exec(rest);
  let count: number;
  let forced = false;
  if (l) {
    forced = Boolean(l[1]);
    const c = ctx.evaluate(l[2]!);
    count = c > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(c);
  } else {
    const end = ctx.evaluate(rest);
    if (end < start) throw new CommandError(`Range error in '${ctx.invokedAs}${ctx.args}'`);
    const bytes = end - start + 1n;
    count = Number((bytes + BigInt(defaults.elementSize) - 1n) / BigInt(defaults.elementSize));
    if (bytes > BigInt(MAX_RANGE_BYTES)) count = Number.MAX_SAFE_INTEGER;
  }
  const limit = forced ? MAX_FORCED_BYTES : MAX_RANGE_BYTES;
  if (count <= 0 || count * defaults.elementSize > limit) {
    throw new CommandError(`Range error in '${ctx.invokedAs}${ctx.args}'${forced ? '' : ' (over 512 KB: use L? to force, up to 16 MB)'}`);
  }
  return { start, count, explicit: true };
}
