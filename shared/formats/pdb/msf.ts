import { MemoryByteSource, type ByteSource } from '../../bytes/byteSource';
import { Reader, decodeLatin1 } from '../../bytes/reader';
import { DumpFormatError } from '../../errors';
import { MSF2_MAGIC_PREFIX, MSF7_MAGIC, MSF_SUPERBLOCK } from './structs';

const NIL_STREAM = 0xffffffff;

/**
 * The MSF 7.00 container under every modern PDB: a small file system of
 * fixed-size blocks. Opening reads the superblock and the stream directory
 * only; a stream's bytes are read block by block when asked for.
 * https://llvm.org/docs/PDB/MsfFile.html
 */
export class MsfFile {
  readonly blockSize: number;
  readonly numBlocks: number;
  private readonly sizes: number[];
  private readonly blocks: Uint32Array[];

  constructor(readonly source: ByteSource) {
    const r = new Reader(source, 'PDB');
    const head = r.bytes(0, Math.min(r.size, 64), 'MSF superblock');
    const text = decodeLatin1(head);
    if (text.startsWith(MSF2_MAGIC_PREFIX)) {
      throw new DumpFormatError('Unsupported', 'PDB: this is the old "Microsoft C/C++ program database 2.00" format (VC++ 6 and earlier), which DumpDesk does not read; MSF 7.00 PDBs are supported', { offset: 0 });
    }
    if (!text.startsWith(MSF7_MAGIC)) {
      throw new DumpFormatError('BadSignature', 'PDB: no "Microsoft C/C++ MSF 7.00" signature', { offset: 0 });
    }
    const sb = MSF_SUPERBLOCK.read(r, 0);
    const bs = sb.BlockSize;
    if (bs < 512 || bs > 65536 || (bs & (bs - 1)) !== 0) {
      throw new DumpFormatError('BadValue', `PDB: block size ${bs} is not a power of two between 512 and 65536`, { offset: MSF_SUPERBLOCK.offsetOf('BlockSize') });
    }
    this.blockSize = bs;
    this.numBlocks = Math.min(sb.NumBlocks, Math.ceil(r.size / bs));

    // The block map lists the blocks holding the directory; the directory lists every stream's size and blocks.
    const dirBytes = sb.NumDirectoryBytes;
    const dirBlockCount = Math.ceil(dirBytes / bs);
    const mapOff = this.blockOffset(sb.BlockMapAddr, 'block map');
    r.count(dirBlockCount, 4, mapOff, 'NumDirectoryBytes');
    const dirBlocks = new Uint32Array(dirBlockCount);
    for (let i = 0; i < dirBlockCount; i++) dirBlocks[i] = r.u32(mapOff + i * 4);
    const dir = new Reader(new BlockStream(source, this, dirBlocks, dirBytes, 'stream directory'), 'PDB stream directory');

    const n = dir.count(dir.u32(0), 4, 4, 'NumStreams');
    this.sizes = [];
    for (let i = 0; i < n; i++) {
      const s = dir.u32(4 + i * 4);
      this.sizes.push(s === NIL_STREAM ? 0 : s);
    }
    this.blocks = [];
    let p = 4 + n * 4;
    for (let i = 0; i < n; i++) {
      const count = Math.ceil(this.sizes[i]! / bs);
      dir.count(count, 4, p, `block list of stream ${i}`);
      const list = new Uint32Array(count);
      for (let j = 0; j < count; j++) list[j] = dir.u32(p + j * 4);
      this.blocks.push(list);
      p += count * 4;
    }
  }

  get streamCount(): number {
    return this.sizes.length;
  }

  streamSize(index: number): number {
    return this.sizes[index] ?? 0;
  }

  /** File offset of block `n`, checked against the file. */
  blockOffset(n: number, what: string): number {
    if (n >= this.numBlocks) {
      throw new DumpFormatError('OutOfBounds', `PDB: ${what} points at block ${n}, past the last block ${this.numBlocks - 1}`, { offset: n * this.blockSize });
    }
    return n * this.blockSize;
  }

  /** A stream as a ByteSource; missing streams (index past the directory) are NotFound. */
  stream(index: number, what = `stream ${index}`): ByteSource {
    if (!Number.isInteger(index) || index < 0 || index >= this.sizes.length) {
      throw new DumpFormatError('NotFound', `PDB: ${what} (stream ${index}) is not in the stream directory (${this.sizes.length} streams)`);
    }
    return new BlockStream(this.source, this, this.blocks[index]!, this.sizes[index]!, what);
  }

  /** Whether a stream index names a present, non-empty stream (0xFFFF means "none" in DBI fields). */
  hasStream(index: number): boolean {
    return index >= 0 && index < this.sizes.length && index !== 0xffff && this.sizes[index]! > 0;
  }
}

/** One stream's bytes, gathered from its blocks on each read. */
class BlockStream implements ByteSource {
  constructor(
    private readonly file: ByteSource,
    private readonly msf: { blockSize: number; blockOffset(n: number, what: string): number },
    private readonly blocks: Uint32Array,
    readonly size: number,
    private readonly what: string,
  ) {}

  read(offset: number, length: number): Uint8Array {
    const bs = this.msf.blockSize;
    const end = Math.min(offset + length, this.size);
    if (end <= offset) return new Uint8Array(0);
    const first = Math.floor(offset / bs);
    const last = Math.floor((end - 1) / bs);
    const piece = (i: number, from: number, to: number): Uint8Array => {
      const at = this.msf.blockOffset(this.blocks[i]!, this.what) + from;
      const b = this.file.read(at, to - from);
      if (b.length < to - from) {
        throw new DumpFormatError('Truncated', `PDB: ${this.what} block ${this.blocks[i]} ends past the end of the file`, { offset: at, size: to - from, limit: this.file.size });
      }
      return b;
    };
    if (first === last) return piece(first, offset - first * bs, end - first * bs);
    const out = new Uint8Array(end - offset);
    let w = 0;
    for (let i = first; i <= last; i++) {
      const from = i === first ? offset - first * bs : 0;
      const to = i === last ? end - last * bs : bs;
      out.set(piece(i, from, to), w);
      w += to - from;
    }
    return out;
  }
}

/** Reads a whole (small) stream into memory, for parsers that walk it sequentially. */
export function readWholeStream(src: ByteSource, name: string): Reader {
  return new Reader(new MemoryByteSource(src.read(0, src.size)), name);
}
