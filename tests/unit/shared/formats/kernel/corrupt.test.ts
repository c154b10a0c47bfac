// Hostile kernel dumps end in a DumpFormatError with a message that says what
// is wrong and where — never another exception, a hang or a huge allocation.
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { DumpFormatError } from '../../../../../shared/errors';
import { KernelDump } from '../../../../../shared/formats/kernel/kernelDump';
import { translate } from '../../../../../shared/formats/kernel/translate';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';

const small64 = toBytes(buildKernelDump({ type: 'small', is64: true }));
const full64 = toBytes(buildKernelDump({ type: 'full', is64: true }));
const bitmap64 = toBytes(buildKernelDump({ type: 'bitmap-kernel', is64: true }));

function edit(bytes: Uint8Array, f: (v: DataView) => void): Uint8Array {
  const copy = bytes.slice();
  f(new DataView(copy.buffer));
  return copy;
}

function openError(bytes: Uint8Array): DumpFormatError {
  try {
    new KernelDump(new MemoryByteSource(bytes));
  } catch (e) {
    expect(e).toBeInstanceOf(DumpFormatError);
    return e as DumpFormatError;
  }
  throw new Error('expected a DumpFormatError');
}

describe('corrupt kernel dumps', () => {
  // A string message is the whole message; a pattern is the part that matters.
  it.each<[string, () => Uint8Array, string, string | RegExp]>([
    ['wrong signature', () => edit(small64, (v) => v.setUint32(4, 0x41414141, true)),
      'BadSignature', 'kernel dump: expected "PAGEDUMP" or "PAGEDU64" at offset 0, found "PAGEAAAA"'],
    ['truncated inside the header', () => small64.subarray(0, 0x1800),
      'Truncated', /DUMP_HEADER64 header needs 0x2000 bytes but the file has only 0x1800/],
    ['a run count larger than the descriptor slot', () => edit(full64, (v) => v.setUint32(0x88, 1000, true)),
      'BadCount', /claims 1000 runs but its 700-byte slot holds at most 42/],
    ['a bitmap longer than the file', () => edit(bitmap64, (v) => v.setBigUint64(0x2030, 0xffffffffffn, true)),
      'BadValue', /bitmap header at 0x2000 is inconsistent/],
    ['an unknown DumpType', () => edit(small64, (v) => v.setUint32(0xf98, 0x77, true)),
      'Unsupported', 'kernel dump: unknown DumpType 119'],
  ])('%s', (_name, bytes, code, message) => {
    const e = openError(bytes());
    expect(e.code).toBe(code);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  it('a driver count beyond the file reads as a diagnostic, not a crash; the rest of the dump still opens', () => {
    const d = new KernelDump(new MemoryByteSource(edit(small64, (v) => v.setUint32(0x2034, 0x7fffffff, true))));
    expect(d.modules()).toEqual([]);
    expect(d.diagnostics.map((x) => x.message).join('\n')).toMatch(/TRIAGE_DUMP.DriverCount claims 2147483647 entries of 144 bytes/);
    expect(d.bugcheck()?.code).toBe(0xd1);
  });

  it('runs that claim more pages than the file holds are clipped with a warning', () => {
    const d = new KernelDump(new MemoryByteSource(edit(full64, (v) => v.setBigUint64(0xa0, 0x10000000n, true))));
    expect(d.diagnostics.map((x) => x.code)).toContain('Truncated');
  });

  it('a page table pointing at itself is walked a fixed number of levels (Windows\' self-map)', () => {
    // One PML4 page whose every entry points back at itself: any walk ends after 4 reads.
    const pml4 = 0x1000n;
    let reads = 0;
    const t = translate('x64', pml4, 0xfffff6fb7dbed000n, () => {
      reads++;
      return pml4 | 0x3n;
    });
    expect(t).toEqual({ pa: pml4, pageSize: 0x1000 });
    expect(reads).toBe(4);
    expect(translate('x64', pml4, 0x0000800000000000n, () => 0n)).toEqual({ fault: 'non-canonical', level: 4 });
  });
});
