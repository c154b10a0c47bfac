import type { ByteSource } from '../bytes/byteSource';
import { DumpFormatError } from '../errors';
import { KernelDump } from '../formats/kernel/kernelDump';
import { MinidumpDump } from '../formats/minidump/minidumpDump';
import type { Dump } from './types';

/** How the first bytes look, for the "not a dump" message: printable ASCII or hex. */
function describeStart(b: Uint8Array): string {
  if (b.length === 0) return 'the file is empty';
  const printable = Array.from(b).every((c) => c >= 0x20 && c < 0x7f);
  const hex = Array.from(b, (c) => c.toString(16).padStart(2, '0')).join(' ');
  if (b[0] === 0x4d && b[1] === 0x5a) return `it starts with 'MZ' (a PE executable?): ${hex}`;
  return printable ? `it starts with '${String.fromCharCode(...b)}'` : `it starts with bytes ${hex}`;
}

/**
 * Opens any dump DumpDesk reads by sniffing its signature: 'MDMP' → the
 * user-mode minidump reader; 'PAGEDUMP'/'PAGEDU64' → the kernel reader.
 * Reads headers only; everything else is decoded on first use.
 */
export function openDump(source: ByteSource): Dump {
  const head = source.read(0, Math.min(8, source.size));
  const sig4 = String.fromCharCode(...head.subarray(0, 4));
  const sig8 = String.fromCharCode(...head);
  if (sig4 === 'MDMP') return new MinidumpDump(source);
  if (sig8 === 'PAGEDUMP' || sig8 === 'PAGEDU64') return new KernelDump(source);
  throw new DumpFormatError(
    'BadSignature',
    `not a Windows crash dump: expected 'MDMP', 'PAGEDUMP' or 'PAGEDU64', but ${describeStart(head)}`,
    { offset: 0 },
  );
}
