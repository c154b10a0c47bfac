/**
 * Virtual → physical translation the way the MMU does it, as a pure function
 * over a physical-read callback (kdmp-parser's VirtTranslate). Walks are
 * fixed-depth (at most 4 reads), so a page table that points back at itself —
 * which Windows' self-map does on purpose — can never make us loop.
 *
 * Pages that are not resident are reported, not guessed: a transition page
 * (on a standby/modified list) or a prototype PTE is `unavailable` even if its
 * frame happens to be in the dump, because the frame may since hold other data.
 */

export type PagingMode =
  | 'x64' // 4-level, 48-bit: PML4 → PDPT → PD → PT; 1 GiB and 2 MiB large pages
  | 'pae' // x86 PAE: PDPT (4 entries) → PD → PT; 2 MiB large pages
  | 'x86' // x86 non-PAE: PD → PT; 4 MiB large pages
  | 'arm64'; // AArch64 4 KiB granule, 48-bit: L0 → L1 → L2 → L3; 1 GiB and 2 MiB blocks

export type TranslationFault =
  | 'not-present' // entry is zero or demand-zero
  | 'paged-out' // software PTE pointing into a page file
  | 'transition' // standby/modified list page: unavailable by policy
  | 'prototype' // shared section page, resolved through a prototype PTE we do not follow
  | 'table-missing' // the dump does not hold the page-table page itself
  | 'non-canonical'; // address outside the mode's virtual address space

export type Translation =
  | { pa: bigint; pageSize: number }
  /** `level` is the table where the walk stopped: 4 = PML4/L0 … 1 = PT/L3 (x86: 2 = PD, 1 = PT). */
  | { fault: TranslationFault; level: number };

/** Reads one little-endian u64 (PAE/x64/ARM64) or u32 (x86) table entry at a physical address. */
export type PhysicalEntryReader = (pa: bigint, width: 4 | 8) => bigint | undefined;

const PFN_MASK_64 = 0x000ffffffffff000n; // address bits 12..51
const PRESENT = 1n;
const LARGE = 0x80n; // PS bit in PDPTE/PDE
const PROTOTYPE = 0x400n; // Windows software PTE: bit 10
const TRANSITION = 0x800n; // Windows software PTE: bit 11

const GIB = 0x40000000n;
const MIB2 = 0x200000n;
const MIB4 = 0x400000n;
const PAGE = 0x1000n;

/** Why a not-present x86/x64 entry is not present, from Windows' software PTE bits. */
function softwareFault(entry: bigint, isLeaf: boolean): TranslationFault {
  if (entry === 0n) return 'not-present';
  if (isLeaf && (entry & PROTOTYPE) !== 0n) return 'prototype';
  if (isLeaf && (entry & TRANSITION) !== 0n) return 'transition';
  // A page-file number/offset or a demand-zero marker: either way not in memory.
  return (entry >> 12n) === 0n ? 'not-present' : 'paged-out';
}

export function translate(mode: PagingMode, directoryTableBase: bigint, va: bigint, readEntry: PhysicalEntryReader): Translation {
  switch (mode) {
    case 'x64':
      return translateX64(directoryTableBase, va, readEntry);
    case 'pae':
      return translatePae(directoryTableBase, va, readEntry);
    case 'x86':
      return translateX86(directoryTableBase, va, readEntry);
    case 'arm64':
      return translateArm64(directoryTableBase, va, readEntry);
  }
}

function isCanonical48(va: bigint): boolean {
  const top = va >> 47n;
  return top === 0n || top === 0x1ffffn;
}

function translateX64(dtb: bigint, va: bigint, read: PhysicalEntryReader): Translation {
  va = BigInt.asUintN(64, va);
  if (!isCanonical48(va)) return { fault: 'non-canonical', level: 4 };
  let table = dtb & PFN_MASK_64;
  const shifts = [39n, 30n, 21n, 12n];
  for (let i = 0; i < 4; i++) {
    const level = 4 - i;
    const entry = read(table + ((va >> shifts[i]!) & 0x1ffn) * 8n, 8);
    if (entry === undefined) return { fault: 'table-missing', level };
    if ((entry & PRESENT) === 0n) return { fault: softwareFault(entry, level === 1), level };
    if (level === 3 && (entry & LARGE) !== 0n) return { pa: (entry & PFN_MASK_64 & ~(GIB - 1n)) | (va & (GIB - 1n)), pageSize: Number(GIB) };
    if (level === 2 && (entry & LARGE) !== 0n) return { pa: (entry & PFN_MASK_64 & ~(MIB2 - 1n)) | (va & (MIB2 - 1n)), pageSize: Number(MIB2) };
    table = entry & PFN_MASK_64;
  }
  return { pa: table | (va & (PAGE - 1n)), pageSize: Number(PAGE) };
}

function translatePae(dtb: bigint, va: bigint, read: PhysicalEntryReader): Translation {
  va = BigInt.asUintN(32, va);
  const pdpte = read((dtb & 0xffffffe0n) + (va >> 30n) * 8n, 8);
  if (pdpte === undefined) return { fault: 'table-missing', level: 3 };
  if ((pdpte & PRESENT) === 0n) return { fault: softwareFault(pdpte, false), level: 3 };
  const pde = read((pdpte & PFN_MASK_64) + ((va >> 21n) & 0x1ffn) * 8n, 8);
  if (pde === undefined) return { fault: 'table-missing', level: 2 };
  if ((pde & PRESENT) === 0n) return { fault: softwareFault(pde, false), level: 2 };
  if ((pde & LARGE) !== 0n) return { pa: (pde & PFN_MASK_64 & ~(MIB2 - 1n)) | (va & (MIB2 - 1n)), pageSize: Number(MIB2) };
  const pte = read((pde & PFN_MASK_64) + ((va >> 12n) & 0x1ffn) * 8n, 8);
  if (pte === undefined) return { fault: 'table-missing', level: 1 };
  if ((pte & PRESENT) === 0n) return { fault: softwareFault(pte, true), level: 1 };
  return { pa: (pte & PFN_MASK_64) | (va & (PAGE - 1n)), pageSize: Number(PAGE) };
}

function translateX86(dtb: bigint, va: bigint, read: PhysicalEntryReader): Translation {
  va = BigInt.asUintN(32, va);
  const pde = read((dtb & 0xfffff000n) + (va >> 22n) * 4n, 4);
  if (pde === undefined) return { fault: 'table-missing', level: 2 };
  if ((pde & PRESENT) === 0n) return { fault: softwareFault(pde, false), level: 2 };
  if ((pde & LARGE) !== 0n) return { pa: (pde & 0xffc00000n) | (va & (MIB4 - 1n)), pageSize: Number(MIB4) };
  const pte = read((pde & 0xfffff000n) + ((va >> 12n) & 0x3ffn) * 4n, 4);
  if (pte === undefined) return { fault: 'table-missing', level: 1 };
  if ((pte & PRESENT) === 0n) return { fault: softwareFault(pte, true), level: 1 };
  return { pa: (pte & 0xfffff000n) | (va & (PAGE - 1n)), pageSize: Number(PAGE) };
}

/**
 * AArch64 stage-1, 4 KiB granule: descriptor bits[1:0] = 0b11 table (L0–L2) or
 * page (L3), 0b01 block (L1 1 GiB, L2 2 MiB), anything else invalid. Windows
 * keeps kernel and user halves behind one table base in its dumps' DTB.
 */
function translateArm64(dtb: bigint, va: bigint, read: PhysicalEntryReader): Translation {
  va = BigInt.asUintN(64, va);
  if (!isCanonical48(va)) return { fault: 'non-canonical', level: 4 };
  const OA = 0x0000fffffffff000n;
  let table = dtb & OA;
  const shifts = [39n, 30n, 21n, 12n];
  for (let i = 0; i < 4; i++) {
    const level = 4 - i;
    const entry = read(table + ((va >> shifts[i]!) & 0x1ffn) * 8n, 8);
    if (entry === undefined) return { fault: 'table-missing', level };
    const kind = entry & 3n;
    // Windows' ARM64 software-PTE layout is not decoded: any invalid descriptor is "not present".
    if ((kind & 1n) === 0n) return { fault: 'not-present', level };
    if (kind === 1n) {
      if (level === 3) return { pa: (entry & OA & ~(GIB - 1n)) | (va & (GIB - 1n)), pageSize: Number(GIB) };
      if (level === 2) return { pa: (entry & OA & ~(MIB2 - 1n)) | (va & (MIB2 - 1n)), pageSize: Number(MIB2) };
      return { fault: 'not-present', level }; // block descriptors are invalid at L0 and L3
    }
    table = entry & OA;
  }
  return { pa: table | (va & (PAGE - 1n)), pageSize: Number(PAGE) };
}
