import { defineCommand, type CommandDef } from '../command';
import { CommandError } from '../errors';
import { layoutHint, missingHint } from '../kernel/hints';
import { POOL_HEADER_X64, POOL_HEADER_X86, SEGMENT_HEAP_BUILD, walkPoolPage, type PoolBlock } from '../kernel/poolPage';
import { PROTECTED_POOL, poolTagText } from '../kernel/poolTag';
import { readPoolTracker, type PoolTagUsage } from '../kernel/poolTracker';
import { kernelTarget, type KernelTarget } from '../kernel/target';
import { wildcardToRegExp } from '../../wildcard';
import { kernelNeeds, missingDataReason } from './kernel';

/** One tag's allocations, frees and bytes, summed over its tracker entries. */
interface TagRow {
  tag: string;
  /** Outstanding allocations: allocations minus frees. */
  npAllocs: bigint;
  npUsed: bigint;
  pAllocs: bigint;
  pUsed: bigint;
  npTotal: bigint;
  npFrees: bigint;
  pTotal: bigint;
  pFrees: bigint;
}

function rowsOf(tags: readonly PoolTagUsage[]): TagRow[] {
  const byTag = new Map<string, TagRow>();
  for (const e of tags) {
    const tag = poolTagText(e.key);
    const r = byTag.get(tag) ?? { tag, npAllocs: 0n, npUsed: 0n, pAllocs: 0n, pUsed: 0n, npTotal: 0n, npFrees: 0n, pTotal: 0n, pFrees: 0n };
    r.npTotal += e.nonPagedAllocs;
    r.npFrees += e.nonPagedFrees;
    r.npAllocs = r.npTotal - r.npFrees;
    r.npUsed += e.nonPagedBytes;
    r.pTotal += e.pagedAllocs;
    r.pFrees += e.pagedFrees;
    r.pAllocs = r.pTotal - r.pFrees;
    r.pUsed += e.pagedBytes;
    byTag.set(tag, r);
  }
  return [...byTag.values()];
}

type Sums = Omit<TagRow, 'tag'>;
const w = (v: bigint, n: number): string => v.toString().padStart(n);

/** WinDbg's columns: tag, then NonPaged Allocs (10) Used (13), Paged Allocs (11) Used (13). */
function columns(first: string, r: Sums): string {
  return `${first}${w(r.npAllocs, 10)}${w(r.npUsed, 13)}${w(r.pAllocs, 11)}${w(r.pUsed, 13)}`;
}

/** Flag 1 (verbose): NonPaged Allocs (12) Frees (12) Diff (10) Used (13), Paged Allocs (13) Frees (12) Diff (10) Used (13). */
function verboseColumns(first: string, r: Sums): string {
  return `${first}${w(r.npTotal, 12)}${w(r.npFrees, 12)}${w(r.npAllocs, 10)}${w(r.npUsed, 13)}${w(r.pTotal, 13)}${w(r.pFrees, 12)}${w(r.pAllocs, 10)}${w(r.pUsed, 13)}`;
}

const poolused = defineCommand({
  name: '!poolused',
  family: 'Kernel',
  ...kernelNeeds('!poolused'),
  help: `${kernelNeeds('!poolused').help}\nFlags: 1 verbose (allocations, frees, difference), 2 sorts by nonpaged bytes, 4 by paged bytes (default: by tag). Tag: four characters, * and ? as wildcards (case-sensitive).\nPool tag descriptions (pooltag.txt) are not shown.`,
  run({ session: s, out, args }) {
    const reason = missingDataReason(s, '!poolused');
    if (reason) throw new CommandError(reason);
    const t = kernelTarget(s, '!poolused');
    const words = args.trim().split(/\s+/).filter(Boolean);
    const flags = words[0] === undefined ? 0 : Number.parseInt(words[0].replace(/^0x/i, ''), 16);
    if (Number.isNaN(flags)) throw new CommandError(`Usage: ${poolused.syntax}`);
    const pattern = words[1];
    // Flag 8: the session's own tracker table, reached through nt!MmSessionSpace (not in KDDEBUGGER_DATA64).
    if (flags & 8) throw new CommandError('Session pool (flag 8) is not decoded: its tracker table is found through the current session (nt!MmSessionSpace), which needs nt symbols.\nUse !poolused without 8 for the standard pools.');
    const r = readPoolTracker(t);
    if (!r.ok) {
      if (r.why === 'layout') throw new CommandError(layoutHint(t, 'nt!_POOL_TRACKER_TABLE').trim());
      if (r.why === 'no-kdbg') throw new CommandError("Unable to find nt!PoolTrackTable: the dump's KDDEBUGGER_DATA64 does not give its address");
      if (r.why === 'null-pointer') throw new CommandError(`nt!PoolTrackTable (at ${t.p(r.at!)}) is NULL: the kernel had no pool tag tracker table when the dump was written`);
      if (r.why === 'no-pointer') throw new CommandError(`Unable to read nt!PoolTrackTable at ${t.p(r.at!)}\n${missingHint(t, 'the variable nt!PoolTrackTable')}`);
      throw new CommandError(`Unable to read the pool tracker table at ${t.p(r.at!)}\n${missingHint(t, `the pool tag tracker table (nonpaged pool at ${t.p(r.at!)})`)}`);
    }
    let rows = rowsOf(r.tags).filter((x) => x.npAllocs !== 0n || x.npUsed !== 0n || x.pAllocs !== 0n || x.pUsed !== 0n);
    // Tags are case-sensitive; a tag without * must be all four characters.
    if (pattern !== undefined) {
      const re = new RegExp(wildcardToRegExp(pattern).source, 's');
      rows = rows.filter((x) => (pattern.includes('*') || pattern.length === 4) && re.test(x.tag));
    }
    const byTag = (a: TagRow, b: TagRow): number => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
    const desc = (f: (x: TagRow) => bigint) => (a: TagRow, b: TagRow): number => (f(a) === f(b) ? byTag(a, b) : f(a) > f(b) ? -1 : 1);
    if (flags & 2) rows.sort(desc((x) => x.npUsed));
    else if (flags & 4) rows.sort(desc((x) => x.pUsed));
    else rows.sort(byTag);
    const verbose = (flags & 1) !== 0;
    const line = verbose ? verboseColumns : columns;
    out.line(flags & 2 ? ' Sorting by NonPaged Pool Consumed' : flags & 4 ? ' Sorting by Paged Pool Consumed' : ' Sorting by Tag');
    out.line();
    if (verbose) {
      out.line(`${' '.repeat(28)}NonPaged${' '.repeat(41)}Paged`);
      out.line(' Tag       Allocs       Frees      Diff         Used       Allocs       Frees      Diff         Used');
    } else {
      out.line('               NonPaged                  Paged');
      out.line(' Tag     Allocs         Used     Allocs         Used');
    }
    out.line();
    for (const x of rows) out.line(line(` ${x.tag}`, x));
    out.line();
    const keys = ['npAllocs', 'npUsed', 'pAllocs', 'pUsed', 'npTotal', 'npFrees', 'pTotal', 'pFrees'] as const;
    const total = Object.fromEntries(keys.map((k) => [k, rows.reduce((a, x) => a + x[k], 0n)])) as unknown as Sums;
    out.line(line('TOTAL', total));
  },
});

/** " ffff…4000 size:   60 previous size:    0  (Allocated)  Tag" with "*" on the block holding the address. */
function blockLine(t: KernelTarget, b: PoolBlock, hit: boolean): string {
  const status = b.poolType === 0 ? '(Free)' : '(Allocated)';
  const mark = hit ? '*' : ' ';
  const prot = b.poolType !== 0 && (b.tag & PROTECTED_POOL) !== 0 ? ' (Protected)' : '';
  return `${mark}${t.p(b.address)} size: ${b.size.toString(16).padStart(4)} previous size: ${b.previousSize.toString(16).padStart(4)}  ${status.padEnd(11)} ${mark}${poolTagText(b.tag)}${prot}`;
}

const pool = defineCommand({
  name: '!pool',
  family: 'Kernel',
  ...kernelNeeds('!pool'),
  help: `${kernelNeeds('!pool').help}\nWalks the _POOL_HEADER chain of the page (builds before 19H1, 18362). From 19H1 on the pools are segment heaps whose block headers are encoded: not decoded.`,
  run({ session: s, out, args, evaluate }) {
    const reason = missingDataReason(s, '!pool');
    if (reason) throw new CommandError(reason);
    const t = kernelTarget(s, '!pool');
    const a = args.trim().split(/\s+/).filter(Boolean)[0];
    if (a === undefined) throw new CommandError('Usage: !pool Address');
    const va = BigInt.asUintN(t.is64 ? 64 : 32, evaluate(a));
    const layout = t.dump.arch === 'amd64' ? POOL_HEADER_X64 : t.dump.arch === 'x86' ? POOL_HEADER_X86 : undefined;
    if (!layout) throw new CommandError(layoutHint(t, 'nt!_POOL_HEADER', false).trim());
    if (t.layout.build >= SEGMENT_HEAP_BUILD) {
      throw new CommandError([
        `Pool page ${t.p(va)}: not decoded (build ${t.layout.build} uses the segment heap for pool)`,
        '    (from 19H1 (18362) on, pool pages belong to segment heaps: block boundaries live in VS chunk headers',
        '     (_HEAP_VS_CHUNK_HEADER) encoded with a key in nt!RtlpHpHeapGlobals and in LFH subsegment bitmaps, so the',
        '     page cannot be walked without nt symbols; large allocations are listed in nt!PoolBigPageTable, also symbol-only)',
      ].join('\n'));
    }
    const page = walkPoolPage(t, va, layout);
    if (!page) throw new CommandError(`Pool page ${t.p(va)} region is Unknown\n${t.p(va & ~0xfffn)}: Unable to get contents of pool block\n${missingHint(t, 'the pool page')}`);
    // Region from the allocated blocks' POOL_TYPE (stored + 1; bit 0 of the type = PagedPool).
    const types = page.blocks.filter((b) => b.poolType !== 0).map((b) => (b.poolType - 1) & 1);
    const region = types.length === 0 ? 'Unknown' : types.every((x) => x === 1) ? 'Paged pool' : types.every((x) => x === 0) ? 'Nonpaged pool' : 'Unknown';
    out.text('Pool page ').link(t.p(va), 'address', `0x${va.toString(16)}`).line(` region is ${region}`);
    for (const b of page.blocks) out.line(blockLine(t, b, va >= b.address && va < b.address + BigInt(b.size)));
    const e = page.end;
    if (e.kind === 'zero-size') {
      out.line(`${t.p(e.at)}: BlockSize is 0: the header chain does not advance (a loop); the page is corrupt or not a small-pool page`);
      if (page.blocks.length === 0) out.line('    (a page-aligned address may be a large pool allocation: those are found in nt!PoolBigPageTable, which needs nt symbols)');
    } else if (e.kind === 'past-page') {
      out.line(`${t.p(e.at)}: the block (size ${e.size.toString(16)}) runs past the end of the page; the header chain is corrupt`);
    }
  },
});

/** !pool and !poolused: pool pages and the pool tag tracker. */
export const poolCommands: readonly CommandDef[] = [poolused, pool];
