import { kdbgPointer } from './kdbgPointers';
import { pfnLayoutFromTypes } from './pdbLayout';
import type { KernelTarget } from './target';

/**
 * Where PageLocation sits in _MMPFN, per build, from ntdiff/headers ntoskrnl.exe
 * (PageLocation is bits 0-2 of the byte in every one):
 * - x64 Win7_SP1 (7601), Standalone/_MMPFN.h: 0x30 bytes, u3.e1 (_MMPFNENTRY) at +0x1a;
 * - x64 Win10_1809_RS5 (17763) and Win10_1903_19H1 (18362; 18363 is its servicing
 *   build), Standalone/_MMPFN.h, and Win10_2004_20H1 (19041-19045), ALL_SORTED.h:
 *   0x30 bytes, u3.e1 (_MMPFNENTRY1) at +0x22;
 * - x86 Win10_1809_RS5 and Win10_1903_19H1, Standalone/_MMPFN.h: 0x1c bytes, u3.e1 at +0x16.
 * Builds we have not checked answer with the layout hint, never a guess.
 */
export interface PfnLayout {
  size: number;
  /** Offset of the byte whose low 3 bits are PageLocation. */
  pageLocation: number;
}

export function pfnLayoutFor(arch: string, build: number): PfnLayout | undefined {
  const rs5to19h2 = build === 17763 || build === 18362 || build === 18363;
  if (arch === 'amd64' && build === 7601) return { size: 0x30, pageLocation: 0x1a };
  if (arch === 'amd64' && (rs5to19h2 || (build >= 19041 && build <= 19045))) return { size: 0x30, pageLocation: 0x22 };
  if (arch === 'x86' && rs5to19h2) return { size: 0x1c, pageLocation: 0x16 };
  return undefined;
}

/** MMLISTS: PageLocation values. */
export const PAGE_LISTS = ['Zeroed', 'Free', 'Standby', 'Modified', 'ModifiedNoWrite', 'Bad', 'Active/Valid', 'Transition'] as const;

export interface PfnCensus {
  /** Pages per PageLocation (index = MMLISTS value). */
  byList: number[];
  /** PFNs whose _MMPFN is not in the dump. */
  unknown: number;
  total: number;
  database: bigint;
  /** Where the page range came from. */
  range: 'header' | 'kdbg';
}

export type PfnResult =
  | { ok: true; census: PfnCensus }
  | { ok: false; why: 'layout' | 'no-kdbg' | 'no-database' | 'no-range'; at?: bigint };

/** PFN entries read per block: 0x30 × 0x5500 ≈ 1 MiB a read. */
const BLOCK_ENTRIES = 0x5500;
const PAGE = 0x1000;
/** PFNs we count at most (2^36, the x64 PFN width): a corrupt header range cannot run on past this. */
const MAX_PFN = 1n << 36n;

/**
 * Counts physical pages by list from the PFN database (KDDEBUGGER_DATA64.MmPfnDatabase
 * is the address of nt!MmPfnDatabase, the array's base). The PFNs counted are those of
 * the dump header's PHYSICAL_MEMORY_DESCRIPTOR runs (the machine's RAM), else
 * 0..MmHighestPhysicalPage. The array is read in blocks of about 1 MiB; a block the
 * dump lacks is retried page by page, and a PFN whose entry is in no page of the dump
 * is counted as unknown.
 */
export function pfnCensus(t: KernelTarget): PfnResult {
  const layout = (t.types && pfnLayoutFromTypes(t.types)) ?? pfnLayoutFor(t.dump.arch, t.layout.build);
  if (!layout) return { ok: false, why: 'layout' };
  const variable = kdbgPointer(t.dump, 'MmPfnDatabase');
  if (variable === undefined) return { ok: false, why: 'no-kdbg' };
  const database = t.readPointer(variable);
  if (database === undefined || database === 0n) return { ok: false, why: 'no-database', at: variable };
  let runs = t.dump.header.physicalMemory?.runs.map((r) => ({ base: r.basePage, count: r.pageCount }));
  let range: PfnCensus['range'] = 'header';
  if (!runs?.length) {
    const highest = kdbgPointer(t.dump, 'MmHighestPhysicalPage');
    const h = highest === undefined ? undefined : t.readPointer(highest);
    if (h === undefined) return { ok: false, why: 'no-range' };
    runs = [{ base: 0n, count: h + 1n }];
    range = 'kdbg';
  }
  const byList = new Array<number>(8).fill(0);
  let unknown = 0;
  let total = 0;
  for (const run of runs) {
    const end = run.base + run.count > MAX_PFN ? MAX_PFN : run.base + run.count;
    for (let pfn = run.base; pfn < end; pfn += BigInt(BLOCK_ENTRIES)) {
      const n = Number(end - pfn < BigInt(BLOCK_ENTRIES) ? end - pfn : BigInt(BLOCK_ENTRIES));
      const start = database + pfn * BigInt(layout.size);
      const block = t.session.read(start, n * layout.size);
      total += n;
      if (block) {
        for (let i = 0, o = layout.pageLocation; i < n; i++, o += layout.size) byList[block[o]! & 7]!++;
        continue;
      }
      // Some page of the block is missing: read it page by page and place each entry's byte.
      const pages = new Map<bigint, Uint8Array | undefined>();
      for (let i = 0; i < n; i++) {
        const at = start + BigInt(i * layout.size + layout.pageLocation);
        const pageVa = at & ~BigInt(PAGE - 1);
        if (!pages.has(pageVa)) pages.set(pageVa, t.session.read(pageVa, PAGE));
        const page = pages.get(pageVa);
        if (page) byList[page[Number(at - pageVa)]! & 7]!++;
        else unknown++;
      }
    }
  }
  return { ok: true, census: { byList, unknown, total, database, range } };
}
