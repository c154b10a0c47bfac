import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../../shared/bytes/byteSource';
import { describeKernelDump } from '../../../../../shared/formats/kernel/describe';
import { KernelDump } from '../../../../../shared/formats/kernel/kernelDump';
import { buildKernelDump, toBytes } from '../../../../synth/kernel/builder';

const open = (spec: Parameters<typeof buildKernelDump>[0]) => new KernelDump(new MemoryByteSource(toBytes(buildKernelDump(spec))));

describe('describeKernelDump (dumpdesk info)', () => {
  it('prints raw DUMP_HEADER64 and TRIAGE_DUMP64 fields with their offsets', () => {
    const text = describeKernelDump(open({ type: 'small', is64: true, build: 19041, processors: 6 }));
    expect(text).toMatch(/^ {2}\+0x0000 \[0x00000\] Signature\s+0x45474150 'PAGE'$/m);
    expect(text).toMatch(/^ {2}\+0x000c \[0x0000c\] MinorVersion\s+0x00004a61 \(build 19041\)$/m);
    expect(text).toMatch(/^ {2}\+0x0034 \[0x00034\] NumberProcessors\s+0x00000006 \(6\)$/m);
    expect(text).toMatch(/^ {2}\+0x0f98 \[0x00f98\] DumpType\s+0x00000004 \(4\)$/m);
    expect(text).toMatch(/^TRIAGE_DUMP64 \(file offset 0x2000\):$/m);
    expect(text).toMatch(/^ {2}\+0x0034 \[0x02034\] DriverCount\s+0x00000003 \(3\)$/m);
    expect(text).toMatch(/^drivers: 3$/m);
  });

  it('prints the bitmap header and the 32-bit header of a bitmap dump', () => {
    const text = describeKernelDump(open({ type: 'bitmap-full', is64: false, pae: true }));
    expect(text).toMatch(/^DUMP_HEADER32 \(file offset 0x0\):$/m);
    expect(text).toMatch(/^ {2}\+0x005c \[0x0005c\] PaeEnabled\s+0x01$/m);
    expect(text).toMatch(/^BITMAP_DUMP_HEADER \(file offset 0x1000\):$/m);
    expect(text).toMatch(/^ {2}\+0x0000 \[0x01000\] Signature\s+0x504d4446 'FDMP'$/m);
  });
});
