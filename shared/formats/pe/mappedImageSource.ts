import type { ByteSource } from '../../bytes/byteSource';
import type { MemoryReader } from '../../dump/types';
import { DumpFormatError } from '../../errors';

/**
 * A `ByteSource` over a module's image as the loader mapped it inside a dump's
 * memory: offset = RVA. Open it with `PeImage.open(source, 'mapped')`. Pages
 * the dump did not capture raise `NotFound` instead of reading as zeros, so a
 * missing page never decodes as a plausible header.
 */
export class MappedImageSource implements ByteSource {
  readonly size: number;
  constructor(private readonly memory: MemoryReader, private readonly base: bigint, size: number) {
    this.size = Math.max(0, size);
  }

  read(offset: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const b = this.memory.read(this.base + BigInt(offset), n);
    if (!b) {
      throw new DumpFormatError(
        'NotFound',
        `mapped image at 0x${this.base.toString(16)}: ${n} bytes at RVA 0x${offset.toString(16)} are not in the dump`,
        { offset, size: n },
      );
    }
    return b;
  }
}
