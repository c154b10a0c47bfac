// Our static_assert: sizes and key offsets of every wire struct, from the SDK
// header minidumpapiset.h / winnt.h (values as documented and as
// rust-minidump's format.rs asserts them).
import { describe, expect, it } from 'vitest';
import * as S from '../../../../../shared/formats/minidump/structs';
import { CONTEXT_AMD64 } from '../../../../../shared/formats/minidump/context/amd64';
import { CONTEXT_ARM } from '../../../../../shared/formats/minidump/context/arm';
import { CONTEXT_ARM64 } from '../../../../../shared/formats/minidump/context/arm64';
import { CONTEXT_X86 } from '../../../../../shared/formats/minidump/context/x86';

describe('minidump wire structs', () => {
  it.each([
    [S.MINIDUMP_HEADER, 32],
    [S.MINIDUMP_DIRECTORY, 12],
    [S.MINIDUMP_LOCATION_DESCRIPTOR, 8],
    [S.MINIDUMP_MEMORY_DESCRIPTOR, 16],
    [S.MINIDUMP_MEMORY_DESCRIPTOR64, 16],
    [S.MINIDUMP_MEMORY64_LIST, 16],
    [S.MINIDUMP_THREAD, 48],
    [S.MINIDUMP_THREAD_EX, 64],
    [S.VS_FIXEDFILEINFO, 52],
    [S.MINIDUMP_MODULE, 108],
    [S.CV_INFO_PDB70, 24],
    [S.CV_INFO_PDB20, 16],
    [S.MINIDUMP_UNLOADED_MODULE_LIST, 12],
    [S.MINIDUMP_UNLOADED_MODULE, 24],
    [S.MINIDUMP_EXCEPTION_STREAM, 168],
    [S.MINIDUMP_SYSTEM_INFO, 56],
    [S.MINIDUMP_MISC_INFO, 24],
    [S.MINIDUMP_MISC_INFO_2, 44],
    [S.TIME_ZONE_INFORMATION, 172],
    [S.MINIDUMP_MISC_INFO_3, 232],
    [S.MINIDUMP_MISC_INFO_4, 832],
    [S.MINIDUMP_MISC_INFO_5, 1364],
    [S.MINIDUMP_MEMORY_INFO_LIST, 16],
    [S.MINIDUMP_MEMORY_INFO, 48],
    [S.MINIDUMP_THREAD_INFO_LIST, 12],
    [S.MINIDUMP_THREAD_INFO, 64],
    [S.MINIDUMP_THREAD_NAME, 12],
    [S.MINIDUMP_HANDLE_DATA_STREAM, 16],
    [S.MINIDUMP_HANDLE_DESCRIPTOR, 32],
    [S.MINIDUMP_HANDLE_DESCRIPTOR_2, 40],
    [S.MD_BREAKPAD_INFO, 12],
    [S.MD_CRASHPAD_INFO, 52],
    [CONTEXT_X86, 0x2cc],
    [CONTEXT_AMD64, 0x4d0],
    [CONTEXT_ARM64, 0x390],
    [CONTEXT_ARM, 0x1a0],
  ] as const)('$name is $1 bytes', (def, size) => {
    expect(def.size).toBe(size);
  });

  it('key field offsets', () => {
    expect(S.MINIDUMP_HEADER.offsetOf('StreamDirectoryRva')).toBe(0x0c);
    expect(S.MINIDUMP_HEADER.offsetOf('TimeDateStamp')).toBe(0x14);
    expect(S.MINIDUMP_HEADER.offsetOf('Flags')).toBe(0x18);
    expect(S.MINIDUMP_THREAD.offsetOf('Teb')).toBe(16);
    expect(S.MINIDUMP_THREAD.offsetOf('StackStart')).toBe(24);
    expect(S.MINIDUMP_THREAD.offsetOf('ContextDataSize')).toBe(40);
    expect(S.MINIDUMP_MODULE.offsetOf('ModuleNameRva')).toBe(20);
    expect(S.MINIDUMP_MODULE.offsetOf('VersionInfo')).toBe(24);
    expect(S.MINIDUMP_MODULE.offsetOf('CvRecordDataSize')).toBe(76);
    expect(S.MINIDUMP_MODULE.offsetOf('MiscRecordDataSize')).toBe(84);
    expect(S.MINIDUMP_EXCEPTION_STREAM.offsetOf('ExceptionCode')).toBe(8);
    expect(S.MINIDUMP_EXCEPTION_STREAM.offsetOf('ExceptionAddress')).toBe(24);
    expect(S.MINIDUMP_EXCEPTION_STREAM.offsetOf('NumberParameters')).toBe(32);
    expect(S.MINIDUMP_EXCEPTION_STREAM.offsetOf('ExceptionInformation')).toBe(40);
    expect(S.MINIDUMP_EXCEPTION_STREAM.offsetOf('ContextDataSize')).toBe(160);
    expect(S.MINIDUMP_SYSTEM_INFO.offsetOf('NumberOfProcessors')).toBe(6);
    expect(S.MINIDUMP_SYSTEM_INFO.offsetOf('CSDVersionRva')).toBe(24);
    expect(S.MINIDUMP_SYSTEM_INFO.offsetOf('VendorId0')).toBe(32);
    expect(S.MINIDUMP_MISC_INFO_3.offsetOf('TimeZone')).toBe(60);
    expect(S.MINIDUMP_MISC_INFO_4.offsetOf('BuildString')).toBe(232);
    expect(S.MINIDUMP_MISC_INFO_5.offsetOf('XStateSizeOfInfo')).toBe(832);
    expect(S.MINIDUMP_MEMORY_INFO.offsetOf('RegionSize')).toBe(24);
    expect(S.MINIDUMP_MEMORY_INFO.offsetOf('State')).toBe(32);
    expect(S.MINIDUMP_THREAD_INFO.offsetOf('CreateTime')).toBe(16);
    expect(S.MINIDUMP_THREAD_NAME.offsetOf('ThreadNameRva')).toBe(4);
    // winnt.h CONTEXT offsets
    expect(CONTEXT_X86.offsetOf('SegGs')).toBe(0x8c);
    expect(CONTEXT_X86.offsetOf('Eip')).toBe(0xb8);
    expect(CONTEXT_X86.offsetOf('Esp')).toBe(0xc4);
    expect(CONTEXT_X86.offsetOf('ExtendedRegisters')).toBe(0xcc);
    expect(CONTEXT_AMD64.offsetOf('ContextFlags')).toBe(0x30);
    expect(CONTEXT_AMD64.offsetOf('EFlags')).toBe(0x44);
    expect(CONTEXT_AMD64.offsetOf('Rax')).toBe(0x78);
    expect(CONTEXT_AMD64.offsetOf('Rsp')).toBe(0x98);
    expect(CONTEXT_AMD64.offsetOf('Rip')).toBe(0xf8);
    expect(CONTEXT_AMD64.offsetOf('FltSave')).toBe(0x100);
    expect(CONTEXT_AMD64.offsetOf('VectorRegister')).toBe(0x300);
    expect(CONTEXT_ARM64.offsetOf('Fp')).toBe(0xf0);
    expect(CONTEXT_ARM64.offsetOf('Pc')).toBe(0x108);
    expect(CONTEXT_ARM64.offsetOf('V')).toBe(0x110);
    expect(CONTEXT_ARM.offsetOf('Pc')).toBe(0x40);
    expect(CONTEXT_ARM.offsetOf('D')).toBe(0x50);
  });
});
