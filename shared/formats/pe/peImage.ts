import type { ByteSource } from '../../bytes/byteSource';
import { Reader, decodeLatin1 } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { peCodeId } from '../common/codeId';
import {
  IMAGE_DATA_DIRECTORY, IMAGE_DOS_HEADER, IMAGE_DOS_SIGNATURE, IMAGE_FILE_HEADER, IMAGE_NT_OPTIONAL_HDR32_MAGIC,
  IMAGE_NT_OPTIONAL_HDR64_MAGIC, IMAGE_NT_SIGNATURE, IMAGE_OPTIONAL_HEADER32, IMAGE_OPTIONAL_HEADER64,
  IMAGE_SECTION_HEADER,
} from './structs';

/**
 * Where the bytes come from: a PE file on disk (sections at PointerToRawData)
 * or an image mapped by the loader, e.g. inside a dump's memory (sections at
 * their VirtualAddress, so an RVA is the offset).
 */
export type PeLayout = 'file' | 'mapped';

export interface PeSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawOffset: number;
  rawSize: number;
  characteristics: number;
}

export interface DataDirectory {
  rva: number;
  size: number;
}

/** Machine values from IMAGE_FILE_HEADER.Machine that we name. */
export const IMAGE_FILE_MACHINE = { I386: 0x14c, AMD64: 0x8664, ARM64: 0xaa64, ARMNT: 0x1c4 } as const;

// The loader ignores directories past 16 (IMAGE_NUMBEROF_DIRECTORY_ENTRIES).
const MAX_DIRECTORIES = 16;
// The loader refuses more than 96 sections on old systems; newer allow 65535.
const MAX_SECTIONS = 65535;

/** PE headers and RVA addressing; directories are decoded by the modules beside this one. */
export class PeImage {
  readonly reader: Reader;
  readonly machine: number;
  readonly is64: boolean;
  readonly timestamp: number;
  readonly characteristics: number;
  readonly imageBase: bigint;
  readonly sizeOfImage: number;
  readonly checksum: number;
  readonly sections: readonly PeSection[];
  readonly directories: readonly DataDirectory[];

  private constructor(source: ByteSource, readonly layout: PeLayout) {
    const r = new Reader(source, 'PE image');
    this.reader = r;
    const dos = IMAGE_DOS_HEADER.read(r, 0);
    if (dos.e_magic !== IMAGE_DOS_SIGNATURE) {
      throw new DumpFormatError('BadSignature', `PE image: no "MZ" signature (found 0x${dos.e_magic.toString(16)})`, { offset: 0 });
    }
    const nt = dos.e_lfanew;
    r.check(nt, 4 + IMAGE_FILE_HEADER.size, 'IMAGE_NT_HEADERS at e_lfanew');
    if (r.u32(nt) !== IMAGE_NT_SIGNATURE) {
      throw new DumpFormatError('BadSignature', `PE image: no "PE\\0\\0" signature at e_lfanew 0x${nt.toString(16)}`, { offset: nt });
    }
    const fh = IMAGE_FILE_HEADER.read(r, nt + 4);
    this.machine = fh.Machine;
    this.timestamp = fh.TimeDateStamp;
    this.characteristics = fh.Characteristics;
    const optOff = nt + 4 + IMAGE_FILE_HEADER.size;
    r.check(optOff, fh.SizeOfOptionalHeader, 'optional header');
    const magic = r.u16(optOff);
    let dirOff: number;
    let dirCount: number;
    if (magic === IMAGE_NT_OPTIONAL_HDR64_MAGIC) {
      const oh = IMAGE_OPTIONAL_HEADER64.read(r, optOff);
      this.is64 = true;
      this.imageBase = oh.ImageBase;
      this.sizeOfImage = oh.SizeOfImage;
      this.checksum = oh.CheckSum;
      dirOff = optOff + IMAGE_OPTIONAL_HEADER64.size;
      dirCount = oh.NumberOfRvaAndSizes;
    } else if (magic === IMAGE_NT_OPTIONAL_HDR32_MAGIC) {
      const oh = IMAGE_OPTIONAL_HEADER32.read(r, optOff);
      this.is64 = false;
      this.imageBase = BigInt(oh.ImageBase);
      this.sizeOfImage = oh.SizeOfImage;
      this.checksum = oh.CheckSum;
      dirOff = optOff + IMAGE_OPTIONAL_HEADER32.size;
      dirCount = oh.NumberOfRvaAndSizes;
    } else {
      throw new DumpFormatError('BadValue', `PE image: unknown optional header magic 0x${magic.toString(16)}`, { offset: optOff });
    }
    // Directories must lie inside the declared optional header.
    const fitting = Math.floor((optOff + fh.SizeOfOptionalHeader - dirOff) / IMAGE_DATA_DIRECTORY.size);
    dirCount = Math.max(0, Math.min(dirCount, MAX_DIRECTORIES, fitting));
    const dirs: DataDirectory[] = [];
    for (let i = 0; i < dirCount; i++) {
      const d = IMAGE_DATA_DIRECTORY.read(r, dirOff + i * IMAGE_DATA_DIRECTORY.size);
      dirs.push({ rva: d.VirtualAddress, size: d.Size });
    }
    this.directories = dirs;
    const secOff = optOff + fh.SizeOfOptionalHeader;
    const n = r.count(Math.min(fh.NumberOfSections, MAX_SECTIONS), IMAGE_SECTION_HEADER.size, secOff, 'NumberOfSections');
    const sections: PeSection[] = [];
    for (let i = 0; i < n; i++) {
      const s = IMAGE_SECTION_HEADER.read(r, secOff + i * IMAGE_SECTION_HEADER.size);
      const end = s.Name.indexOf(0);
      sections.push({
        name: decodeLatin1(end < 0 ? s.Name : s.Name.subarray(0, end)),
        virtualAddress: s.VirtualAddress,
        virtualSize: s.VirtualSize,
        rawOffset: s.PointerToRawData,
        rawSize: s.SizeOfRawData,
        characteristics: s.Characteristics,
      });
    }
    this.sections = sections;
  }

  /** Reads the headers; throws DumpFormatError when `source` is not a PE image. */
  static open(source: ByteSource, layout: PeLayout = 'file'): PeImage {
    return new PeImage(source, layout);
  }

  /** Symbol-server code id: TimeDateStamp (8 hex digits, uppercase) + SizeOfImage (hex, no padding). */
  get codeId(): string {
    return peCodeId(this.timestamp, this.sizeOfImage);
  }

  directory(index: number): DataDirectory | undefined {
    const d = this.directories[index];
    return d && d.rva !== 0 && d.size !== 0 ? d : undefined;
  }

  /** Section containing `rva`, by virtual extent. */
  sectionAt(rva: number): PeSection | undefined {
    return this.sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
  }

  /**
   * Offset in the source of the byte at `rva`, or undefined when that byte is
   * not backed by data (uninitialized tail, or outside every section).
   */
  rvaToOffset(rva: number): number | undefined {
    if (!Number.isSafeInteger(rva) || rva < 0) return undefined;
    if (this.layout === 'mapped') return rva < this.reader.size ? rva : undefined;
    const s = this.sectionAt(rva);
    if (!s) {
      // Headers are mapped 1:1 below the first section.
      const first = Math.min(...this.sections.map((x) => x.virtualAddress), Infinity);
      return rva < first && rva < this.reader.size ? rva : undefined;
    }
    const delta = rva - s.virtualAddress;
    return delta < s.rawSize ? s.rawOffset + delta : undefined;
  }

  /** A Reader offset for [rva, rva+size), checked; throws a clear error if unmapped. */
  offsetOf(rva: number, size: number, what: string): number {
    const off = this.rvaToOffset(rva);
    if (off === undefined) {
      throw new DumpFormatError('OutOfBounds', `PE image: ${what} at RVA 0x${rva.toString(16)} is not inside any section's data`, { offset: rva, size });
    }
    this.reader.check(off, size, what);
    return off;
  }

  bytesAt(rva: number, size: number, what: string): Uint8Array {
    return this.reader.bytes(this.offsetOf(rva, size, what), size, what);
  }

  /** NUL-terminated string at `rva`, at most `max` bytes. */
  cstringAt(rva: number, max = 4096): string {
    const off = this.offsetOf(rva, 1, 'string');
    return this.reader.cstring(off, max);
  }
}
