import type { Dump } from '../../dump/types';
import { decodeUtf16 } from '../../bytes/reader';

/**
 * The command line, image path and environment of a user-mode process, read
 * from its PEB when the dump holds that memory (full or "with data" dumps).
 * Offsets are the public, stable ones of TEB/PEB/RTL_USER_PROCESS_PARAMETERS.
 */
interface Layout {
  ptr: 4 | 8;
  /** TEB.ProcessEnvironmentBlock */
  tebPeb: number;
  /** PEB.ProcessParameters */
  pebParams: number;
  /** RTL_USER_PROCESS_PARAMETERS.ImagePathName, .CommandLine, .Environment */
  imagePath: number;
  commandLine: number;
  environment: number;
  /** RTL_USER_PROCESS_PARAMETERS.EnvironmentSize (Vista+), else 0 */
  environmentSize: number;
}

const X64: Layout = { ptr: 8, tebPeb: 0x60, pebParams: 0x20, imagePath: 0x60, commandLine: 0x70, environment: 0x80, environmentSize: 0x3f0 };
const X86: Layout = { ptr: 4, tebPeb: 0x30, pebParams: 0x10, imagePath: 0x38, commandLine: 0x40, environment: 0x48, environmentSize: 0x290 };

export interface ProcessParameters {
  peb: bigint;
  imagePath?: { address: bigint; text: string };
  commandLine?: { address: bigint; text: string };
  /** NAME=value strings, with the address of each. */
  environment: { address: bigint; text: string }[];
}

const MAX_ENV = 64 * 1024;

function readPtr(dump: Dump, address: bigint, ptr: 4 | 8): bigint | undefined {
  const b = dump.memory.read(address, ptr);
  if (!b) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, ptr);
  return ptr === 8 ? v.getBigUint64(0, true) : BigInt(v.getUint32(0, true));
}

/** UNICODE_STRING { USHORT Length; USHORT MaximumLength; PWSTR Buffer } at `address`. */
function readUnicodeString(dump: Dump, address: bigint, l: Layout): { address: bigint; text: string } | undefined {
  const head = dump.memory.read(address, 4);
  if (!head) return undefined;
  const length = head[0]! | (head[1]! << 8);
  const buffer = readPtr(dump, address + BigInt(l.ptr === 8 ? 8 : 4), l.ptr);
  if (!buffer || length === 0) return undefined;
  const bytes = dump.memory.read(buffer, length);
  return bytes ? { address: buffer, text: decodeUtf16(bytes) } : undefined;
}

export function readProcessParameters(dump: Dump): ProcessParameters | undefined {
  if (dump.format !== 'minidump') return undefined;
  const arch = dump.system().cpuArch;
  const l = arch === 'amd64' || arch === 'arm64' ? X64 : arch === 'x86' ? X86 : undefined;
  if (!l) return undefined;
  const teb = dump.threads().find((t) => t.teb)?.teb;
  if (!teb) return undefined;
  const peb = readPtr(dump, teb + BigInt(l.tebPeb), l.ptr);
  if (!peb) return undefined;
  const params = readPtr(dump, peb + BigInt(l.pebParams), l.ptr);
  if (!params) return { peb, environment: [] };
  const out: ProcessParameters = { peb, environment: [] };
  const image = readUnicodeString(dump, params + BigInt(l.imagePath), l);
  if (image) out.imagePath = image;
  const cmd = readUnicodeString(dump, params + BigInt(l.commandLine), l);
  if (cmd) out.commandLine = cmd;
  const env = readPtr(dump, params + BigInt(l.environment), l.ptr);
  if (env) {
    const declared = dump.memory.read(params + BigInt(l.environmentSize), l.ptr);
    const size = declared ? Number(new DataView(declared.buffer, declared.byteOffset, 4).getUint32(0, true)) : 0;
    const bytes = readLongest(dump, env, size > 0 && size <= MAX_ENV ? size : MAX_ENV);
    if (bytes) {
      let start = 0;
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        if (bytes[i] === 0 && bytes[i + 1] === 0) {
          if (i === start) break; // double NUL: end of the block
          out.environment.push({ address: env + BigInt(start), text: decodeUtf16(bytes.subarray(start, i)) });
          start = i + 2;
        }
      }
    }
  }
  return out;
}

/** As many bytes as the dump holds at `address`, up to `max` (halving until a read fits). */
function readLongest(dump: Dump, address: bigint, max: number): Uint8Array | undefined {
  for (let n = max; n >= 2; n = Math.floor(n / 2)) {
    const b = dump.memory.read(address, n & ~1);
    if (b) return b;
  }
  return undefined;
}
