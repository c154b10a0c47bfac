// Our static_asserts: offsets that kdmp-parser (kdmp-parser-structs.h), the
// public ntiodump.h reproduction, WDBGEXTS.H and windows-crash-facts §3.2/§6
// agree on. If a table in structs.ts changes shape, these fail.
import { describe, expect, it } from 'vitest';
import {
  BITMAP_BITS_OFFSET,
  BITMAP_DUMP_HEADER,
  CONTEXT_AMD64,
  CONTEXT_ARM64,
  CONTEXT_X86,
  DUMP_DRIVER_ENTRY32,
  DUMP_DRIVER_ENTRY64,
  DUMP_HEADER32,
  DUMP_HEADER64,
  DUMP_UNLOADED_DRIVERS32,
  DUMP_UNLOADED_DRIVERS64,
  EXCEPTION_RECORD32,
  EXCEPTION_RECORD64,
  KDDEBUGGER_DATA64,
  KLDR_DATA_TABLE_ENTRY32,
  KLDR_DATA_TABLE_ENTRY64,
  PHYSICAL_MEMORY_DESCRIPTOR64,
  RDMP_HEADER64,
  TRIAGE_DATA_BLOCK,
  TRIAGE_DUMP32,
  TRIAGE_DUMP64,
  UNLOADED_DRIVERS32,
  UNLOADED_DRIVERS64,
} from '../../../../../shared/formats/kernel/structs';

describe('DUMP_HEADER64 (kdmp-parser HEADER64)', () => {
  it('has the SDK size and field offsets', () => {
    expect(DUMP_HEADER64.size).toBe(0x2000);
    const at = (f: Parameters<typeof DUMP_HEADER64.offsetOf>[0]) => DUMP_HEADER64.offsetOf(f);
    expect(at('DirectoryTableBase')).toBe(0x10);
    expect(at('PfnDataBase')).toBe(0x18);
    expect(at('PsLoadedModuleList')).toBe(0x20);
    expect(at('PsActiveProcessHead')).toBe(0x28);
    expect(at('MachineImageType')).toBe(0x30);
    expect(at('NumberProcessors')).toBe(0x34);
    expect(at('BugCheckCode')).toBe(0x38);
    expect(at('BugCheckParameter1')).toBe(0x40);
    expect(at('BugCheckParameter4')).toBe(0x58);
    expect(at('KdDebuggerDataBlock')).toBe(0x80);
    expect(at('PhysicalMemoryBlock')).toBe(0x88);
    expect(at('ContextRecord')).toBe(0x348);
    expect(at('Exception')).toBe(0xf00);
    expect(at('DumpType')).toBe(0xf98);
    expect(at('RequiredDumpSpace')).toBe(0xfa0);
    expect(at('SystemTime')).toBe(0xfa8);
    expect(at('Comment')).toBe(0xfb0);
    expect(at('SystemUpTime')).toBe(0x1030);
    expect(at('MiniDumpFields')).toBe(0x1038);
    expect(at('SecondaryDataState')).toBe(0x103c);
    expect(at('ProductType')).toBe(0x1040);
    expect(at('SuiteMask')).toBe(0x1044);
    expect(at('WriterStatus')).toBe(0x1048);
    expect(at('KdSecondaryVersion')).toBe(0x104d);
    expect(at('Attributes')).toBe(0x1050);
    expect(at('BootId')).toBe(0x1054);
    expect(PHYSICAL_MEMORY_DESCRIPTOR64.size).toBe(0x10); // runs start at 0x98
  });
});

describe('DUMP_HEADER32 (ntiodump.h, volatility3 crash.json)', () => {
  it('has the SDK size and field offsets', () => {
    expect(DUMP_HEADER32.size).toBe(0x1000);
    const at = (f: Parameters<typeof DUMP_HEADER32.offsetOf>[0]) => DUMP_HEADER32.offsetOf(f);
    expect(at('PfnDataBase')).toBe(0x14);
    expect(at('MachineImageType')).toBe(0x20);
    expect(at('BugCheckCode')).toBe(0x28);
    expect(at('BugCheckParameter1')).toBe(0x2c);
    expect(at('PaeEnabled')).toBe(0x5c);
    expect(at('KdDebuggerDataBlock')).toBe(0x60);
    expect(at('PhysicalMemoryBlock')).toBe(0x64);
    expect(at('ContextRecord')).toBe(0x320);
    expect(at('Exception')).toBe(0x7d0);
    expect(at('Comment')).toBe(0x820);
    expect(at('Attributes')).toBe(0x8a0);
    expect(at('DumpType')).toBe(0xf88);
    expect(at('MiniDumpFields')).toBe(0xf8c);
    expect(at('RequiredDumpSpace')).toBe(0xfa0);
    expect(at('SystemUpTime')).toBe(0xfb8);
    expect(at('SystemTime')).toBe(0xfc0);
  });
});

describe('type-specific headers', () => {
  it('bitmap header: FirstPage +0x20, TotalPresentPages +0x28, Pages +0x30, bits +0x38', () => {
    expect(BITMAP_DUMP_HEADER.offsetOf('FirstPage')).toBe(0x20);
    expect(BITMAP_DUMP_HEADER.offsetOf('TotalPresentPages')).toBe(0x28);
    expect(BITMAP_DUMP_HEADER.offsetOf('Pages')).toBe(0x30);
    expect(BITMAP_BITS_OFFSET).toBe(0x38);
  });
  it('RDMP header (kdmp-parser RDMP_HEADER64): MetadataSize +0x10, FirstPageOffset +0x18, ranges from +0x30', () => {
    expect(RDMP_HEADER64.offsetOf('Signature')).toBe(4);
    expect(RDMP_HEADER64.offsetOf('MetadataSize')).toBe(0x10);
    expect(RDMP_HEADER64.offsetOf('FirstPageOffset')).toBe(0x18);
    expect(RDMP_HEADER64.size).toBe(0x30);
  });
  it('TRIAGE_DUMP common prefix and both tails (facts §3.2)', () => {
    for (const t of [TRIAGE_DUMP32, TRIAGE_DUMP64]) {
      expect(t.offsetOf('ContextOffset')).toBe(0x0c);
      expect(t.offsetOf('UnloadedDriversOffset')).toBe(0x18);
      expect(t.offsetOf('CallStackOffset')).toBe(0x28);
      expect(t.offsetOf('DriverCount')).toBe(0x34);
      expect(t.offsetOf('TriageOptions')).toBe(0x44);
      expect(t.offsetOf('TopOfStack')).toBe(0x48);
    }
    expect(TRIAGE_DUMP32.offsetOf('DebuggerDataOffset')).toBe(0x58);
    expect(TRIAGE_DUMP32.offsetOf('DataBlocksCount')).toBe(0x64);
    expect(TRIAGE_DUMP64.offsetOf('DataPageAddress')).toBe(0x60);
    expect(TRIAGE_DUMP64.offsetOf('DebuggerDataOffset')).toBe(0x70);
    expect(TRIAGE_DUMP64.offsetOf('DataBlocksCount')).toBe(0x7c);
    expect(TRIAGE_DATA_BLOCK.size).toBe(16);
  });
  it('driver entries: 0x90 bytes with DllBase +0x38, SizeOfImage +0x48, TimeDateStamp +0x88 (facts §6)', () => {
    expect(DUMP_DRIVER_ENTRY64.size).toBe(0x90);
    const ldr = DUMP_DRIVER_ENTRY64.offsetOf('LdrEntry');
    expect(ldr + KLDR_DATA_TABLE_ENTRY64.offsetOf('DllBase')).toBe(0x38);
    expect(ldr + KLDR_DATA_TABLE_ENTRY64.offsetOf('SizeOfImage')).toBe(0x48);
    expect(ldr + KLDR_DATA_TABLE_ENTRY64.offsetOf('CheckSum')).toBe(0x80);
    expect(ldr + KLDR_DATA_TABLE_ENTRY64.offsetOf('TimeDateStamp')).toBe(0x88);
    expect(KLDR_DATA_TABLE_ENTRY64.offsetOf('BaseDllNameLength')).toBe(0x58);
    expect(KLDR_DATA_TABLE_ENTRY32.offsetOf('DllBase')).toBe(0x18);
    expect(KLDR_DATA_TABLE_ENTRY32.offsetOf('BaseDllNameLength')).toBe(0x2c);
    expect(KLDR_DATA_TABLE_ENTRY32.offsetOf('TimeDateStamp')).toBe(0x44);
    expect(DUMP_DRIVER_ENTRY32.size).toBe(0x4c);
  });
  it('unloaded driver entries', () => {
    expect(DUMP_UNLOADED_DRIVERS64.size).toBe(0x38);
    expect(DUMP_UNLOADED_DRIVERS64.offsetOf('StartAddress')).toBe(0x28);
    expect(DUMP_UNLOADED_DRIVERS32.size).toBe(0x28);
    expect(UNLOADED_DRIVERS64.size).toBe(0x28);
    expect(UNLOADED_DRIVERS64.offsetOf('CurrentTime')).toBe(0x20);
    expect(UNLOADED_DRIVERS32.size).toBe(0x18);
  });
});

describe('KDDEBUGGER_DATA64 (WDBGEXTS.H)', () => {
  it('has KernBase +0x18, PsLoadedModuleList +0x48, MmPfnDatabase +0xc0, KiProcessorBlock +0x218', () => {
    expect(KDDEBUGGER_DATA64.offsetOf('OwnerTag')).toBe(0x10);
    expect(KDDEBUGGER_DATA64.offsetOf('KernBase')).toBe(0x18);
    expect(KDDEBUGGER_DATA64.offsetOf('PsLoadedModuleList')).toBe(0x48);
    expect(KDDEBUGGER_DATA64.offsetOf('PsActiveProcessHead')).toBe(0x50);
    expect(KDDEBUGGER_DATA64.offsetOf('MmPfnDatabase')).toBe(0xc0);
    expect(KDDEBUGGER_DATA64.offsetOf('KiProcessorBlock')).toBe(0x218);
    expect(KDDEBUGGER_DATA64.offsetOf('MmUnloadedDrivers')).toBe(0x220);
    expect(KDDEBUGGER_DATA64.offsetOf('OffsetKThreadNextProcessor')).toBe(0x298);
  });
});

describe('CONTEXT and EXCEPTION_RECORD (winnt.h)', () => {
  it('places the instruction and stack pointers where the SDK does', () => {
    expect(CONTEXT_AMD64.offsetOf('ContextFlags')).toBe(0x30);
    expect(CONTEXT_AMD64.offsetOf('Rsp')).toBe(0x98);
    expect(CONTEXT_AMD64.offsetOf('Rip')).toBe(0xf8);
    expect(CONTEXT_X86.offsetOf('Eip')).toBe(0xb8);
    expect(CONTEXT_X86.offsetOf('Esp')).toBe(0xc4);
    expect(CONTEXT_X86.size).toBe(0x2cc);
    expect(CONTEXT_ARM64.offsetOf('Sp')).toBe(0x100);
    expect(CONTEXT_ARM64.offsetOf('Pc')).toBe(0x108);
    expect(CONTEXT_ARM64.offsetOf('Fpcr')).toBe(0x310); // debug registers after Fpsr are not declared
    expect(EXCEPTION_RECORD64.size).toBe(0x98);
    expect(EXCEPTION_RECORD32.size).toBe(0x50);
  });
});
