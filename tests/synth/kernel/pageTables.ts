// Synthetic physical memory and page tables for the kernel-dump builder:
// frames are allocated with gaps (so run-based dumps get several runs), page
// tables follow the Intel SDM / ARM ARM entry formats written out by hand here.

export type SynthPaging = 'x64' | 'pae' | 'x86';

const PAGE = 0x1000;

export class PhysicalSpace {
  /** pfn → page contents (4 KiB). */
  readonly frames = new Map<bigint, Uint8Array>();
  private next: bigint;
  private sinceGap = 0;

  constructor(
    firstPfn = 0x10n,
    /** After this many frames, skip `gap` frames: makes run-based dumps have several runs. */
    private readonly runLength = 0x8,
    private readonly gap = 0x11n,
    /** Highest PFN allowed (exclusive), e.g. the end of a single forced run. */
    private readonly limit = 1n << 40n,
  ) {
    this.next = firstPfn;
  }

  alloc(): bigint {
    if (this.sinceGap === this.runLength) {
      this.next += this.gap;
      this.sinceGap = 0;
    }
    const pfn = this.next++;
    this.sinceGap++;
    if (pfn >= this.limit) throw new Error('synthetic physical space exhausted');
    this.frames.set(pfn, new Uint8Array(PAGE));
    return pfn;
  }

  /** `count` contiguous frames starting at a multiple of `count` (large pages). */
  allocAligned(count: number): bigint {
    const c = BigInt(count);
    const start = ((this.next + c - 1n) / c) * c;
    for (let i = 0n; i < c; i++) this.frames.set(start + i, new Uint8Array(PAGE));
    this.next = start + c;
    this.sinceGap = 0;
    return start;
  }

  page(pfn: bigint): Uint8Array {
    const p = this.frames.get(pfn);
    if (!p) throw new Error(`frame ${pfn} not allocated`);
    return p;
  }

  writeEntry(pa: bigint, value: bigint, width: 4 | 8): void {
    const page = this.page(pa / BigInt(PAGE));
    let off = Number(pa % BigInt(PAGE));
    let v = value;
    for (let i = 0; i < width; i++, off++) {
      page[off] = Number(v & 0xffn);
      v >>= 8n;
    }
  }

  readEntry(pa: bigint, width: 4 | 8): bigint {
    const page = this.page(pa / BigInt(PAGE));
    const off = Number(pa % BigInt(PAGE));
    let v = 0n;
    for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(page[off + i]!);
    return v;
  }
}

const P = 1n; // present
const RW = 2n;
const PS = 0x80n; // large page
const TRANSITION = 0x800n;

/** Builds page tables over a PhysicalSpace for one paging mode. */
export class PageTables {
  readonly root: bigint; // pfn of PML4 / PDPT page / PD
  readonly dtb: bigint;

  constructor(readonly mode: SynthPaging, readonly phys: PhysicalSpace) {
    this.root = phys.alloc();
    // PAE: the 4-entry PDPT sits at the start of its frame; CR3 points at it.
    this.dtb = this.root * BigInt(PAGE);
    if (mode === 'pae') {
      for (let i = 0n; i < 4n; i++) {
        const pd = phys.alloc();
        phys.writeEntry(this.dtb + i * 8n, pd * BigInt(PAGE) | P, 8);
      }
    }
  }

  private get width(): 4 | 8 {
    return this.mode === 'x86' ? 4 : 8;
  }

  /** The levels as [shift, index bits] from the root down to the PT. */
  private levels(): [bigint, bigint][] {
    switch (this.mode) {
      case 'x64': return [[39n, 0x1ffn], [30n, 0x1ffn], [21n, 0x1ffn], [12n, 0x1ffn]];
      case 'pae': return [[30n, 3n], [21n, 0x1ffn], [12n, 0x1ffn]];
      case 'x86': return [[22n, 0x3ffn], [12n, 0x3ffn]];
    }
  }

  /** Physical address of the leaf entry slot for `va` at `depth` levels down, creating tables on the way. */
  private slot(va: bigint, depthFromTop: number): bigint {
    const levels = this.levels();
    let table = this.dtb & ~0xfffn;
    if (this.mode === 'pae') table = this.dtb; // PDPT entries at the frame start
    for (let i = 0; i < depthFromTop; i++) {
      const [shift, mask] = levels[i]!;
      const at = table + ((va >> shift) & mask) * BigInt(this.width);
      let e = this.phys.readEntry(at, this.width);
      if ((e & P) === 0n) {
        const t = this.phys.alloc();
        e = (t * BigInt(PAGE)) | P | (this.mode === 'pae' && i === 0 ? 0n : RW);
        this.phys.writeEntry(at, e, this.width);
      }
      table = e & 0x000ffffffffff000n;
    }
    const [shift, mask] = levels[depthFromTop]!;
    return table + ((va >> shift) & mask) * BigInt(this.width);
  }

  /** Maps one 4 KiB page to a fresh frame; returns the frame's contents to fill. */
  map4k(va: bigint): Uint8Array {
    const pfn = this.phys.alloc();
    this.phys.writeEntry(this.slot(va, this.levels().length - 1), (pfn * BigInt(PAGE)) | P | RW, this.width);
    return this.phys.page(pfn);
  }

  /** Size in bytes of this mode's large page (the PDE level). */
  get largePageSize(): number {
    return this.mode === 'x86' ? 0x400000 : 0x200000;
  }

  /** Maps one large page (2 MiB, or 4 MiB for non-PAE x86) at PDE level; returns its first pfn. */
  mapLarge(va: bigint): bigint {
    const frames = this.largePageSize / PAGE;
    const pfn = this.phys.allocAligned(frames);
    this.phys.writeEntry(this.slot(va, this.levels().length - 2), (pfn * BigInt(PAGE)) | P | RW | PS, this.width);
    return pfn;
  }

  /** A PTE in transition: not present, bit 11 set, frame allocated and filled (the reader must still refuse it). */
  mapTransition(va: bigint): Uint8Array {
    const pfn = this.phys.alloc();
    this.phys.writeEntry(this.slot(va, this.levels().length - 1), (pfn * BigInt(PAGE)) | TRANSITION, this.width);
    return this.phys.page(pfn);
  }

  /** Points the top-level slot for `va` back at the root table (Windows' self-map does this). */
  selfMap(va: bigint): void {
    const [shift, mask] = this.levels()[0]!;
    if (this.mode === 'pae') return; // PDPT entries cannot be self-maps
    const at = (this.dtb & ~0xfffn) + ((va >> shift) & mask) * BigInt(this.width);
    this.phys.writeEntry(at, (this.root * BigInt(PAGE)) | P | RW, this.width);
  }
}
