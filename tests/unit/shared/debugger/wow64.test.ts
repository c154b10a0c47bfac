// WOW64 (a 32-bit process in a 64-bit dump): !teb shows the 32-bit TEB, then the 64-bit one;
// !peb the 32-bit PEB, then the 64-bit one — WinDbg's order and lines ("Wow64 TEB32 at …",
// "Wow64 TEB at …", "Wow64 PEB32 at …", two blank lines, "Wow64 PEB at …"). The values come from
// tests/synth/minidump/wow64.ts, where every offset is written out by hand.
import { describe, expect, it } from 'vitest';
import { isWow64, peb32Of, teb32Of } from '../../../../shared/debugger/userMode/wow64';
import { WOW64, wow64Minidump } from '../../../synth/minidump/wow64';
import { corpusEngine, engineFor, run } from './helpers';

const engine = engineFor(wow64Minidump(), 'wow64');

describe('finding the 32-bit TEB and PEB', () => {
  it('a 64-bit dump with wow64.dll / wow64cpu.dll is WOW64; native and 32-bit dumps are not', () => {
    expect(isWow64(engine.session)).toBe(true);
    expect(isWow64(corpusEngine('user', 'tiny-exe-with-cet-xsave.dmp').session)).toBe(false);
    // A 32-bit dump of a WOW64 process (its thread TEBs are already the 32-bit ones).
    expect(isWow64(corpusEngine('user', 'tiny-exe-with-cet-xsave-x86.dmp').session)).toBe(false);
  });
  it('TEB32 through WowTebOffset, ExceptionList, or two pages on; checked by its Self field', () => {
    expect(teb32Of(engine.session, WOW64.teb64)).toBe(0xdc2000n);
    const noOffset = engineFor(wow64Minidump({ wowTebOffset: true }), 'wow64');
    expect(teb32Of(noOffset.session, WOW64.teb64)).toBe(0xdc2000n);
    const neither = engineFor(wow64Minidump({ wowTebOffset: true, exceptionList: true }), 'wow64');
    expect(teb32Of(neither.session, WOW64.teb64)).toBe(0xdc2000n);
    const notATeb = engineFor(wow64Minidump({ teb32Self: true }), 'wow64');
    expect(teb32Of(notATeb.session, WOW64.teb64)).toBeUndefined();
    expect(peb32Of(engine.session, 0xdc2000n)).toBe(0xdbf000n);
  });
});

describe('!teb', () => {
  it('the 32-bit TEB, then the 64-bit one', () => {
    expect(run(engine, '!teb')).toBe([
      'Wow64 TEB32 at 0000000000dc2000',
      '    ExceptionList:        0000000000f3f8ec',
      '    StackBase:            0000000000f40000',
      '    StackLimit:           0000000000f3d000',
      '    SubSystemTib:         0000000000000000',
      '    FiberData:            0000000000001e00',
      '    ArbitraryUserPointer: 0000000000000000',
      '    Self:                 0000000000dc2000',
      '    EnvironmentPointer:   0000000000000000',
      '    ClientId:             0000000000000ebc . 0000000000003f9c',
      '    RpcHandle:            0000000000000000',
      '    Tls Storage:          0000000000dc202c',
      '    PEB Address:          0000000000dbf000',
      '    LastErrorValue:       2',
      '    LastStatusValue:      c0000034',
      '    Count Owned Locks:    0',
      '    HardErrorMode:        0',
      'Wow64 TEB at 0000000000dc0000',
      '    ExceptionList:        0000000000dc2000',
      '    StackBase:            0000000000e40000',
      '    StackLimit:           0000000000e38000',
      '    SubSystemTib:         0000000000000000',
      '    FiberData:            0000000000001e00',
      '    ArbitraryUserPointer: 0000000000000000',
      '    Self:                 0000000000dc0000',
      '    EnvironmentPointer:   0000000000000000',
      '    ClientId:             0000000000000ebc . 0000000000003f9c',
      '    RpcHandle:            0000000000000000',
      '    Tls Storage:          0000000000000000',
      '    PEB Address:          0000000000dbe000',
      '    LastErrorValue:       0',
      '    LastStatusValue:      c0000022',
      '    Count Owned Locks:    0',
      '    HardErrorMode:        0',
      '',
    ].join('\n'));
  });
  it('without a valid 32-bit TEB only the 64-bit one is shown', () => {
    const e = engineFor(wow64Minidump({ teb32Self: true }), 'wow64');
    const text = run(e, '!teb');
    expect(text.split('\n')[0]).toBe('TEB at 0000000000dc0000');
    expect(text).not.toContain('Wow64');
  });
});

describe('!peb', () => {
  it('the 32-bit PEB with its loader list and environment, two blank lines, then the 64-bit PEB', () => {
    expect(run(engine, '!peb')).toBe([
      'Wow64 PEB32 at dbf000',
      '    InheritedAddressSpace:    No',
      '    ReadImageFileExecOptions: No',
      '    BeingDebugged:            Yes',
      '    ImageBaseAddress:         0000000000400000',
      '    NtGlobalFlag:             70',
      '    NtGlobalFlag2:            4',
      '    Ldr                       0000000077cd5d80',
      '    Ldr.Initialized:          Yes',
      '    Ldr.InInitializationOrderModuleList: 0000000001321110 . 0000000001321110',
      '    Ldr.InLoadOrderModuleList:           0000000001321000 . 0000000001321100',
      '    Ldr.InMemoryOrderModuleList:         0000000001321008 . 0000000001321108',
      '                    Base TimeStamp                     Module',
      '                  400000 5f000000 Jul 04 04:05:20 2020 C:\\app\\app32.exe',
      '                77bc0000 61fc30c0 Feb 03 19:45:04 2022 C:\\Windows\\SysWOW64\\ntdll.dll',
      '    SubSystemData:     0000000000000000',
      '    ProcessHeap:       0000000001310000',
      '    ProcessParameters: 0000000001300000',
      "    CurrentDirectory:  'C:\\work\\'",
      "    WindowTitle:  'App 32'",
      "    ImageFile:    'C:\\app\\app32.exe'",
      `    CommandLine:  '"C:\\app\\app32.exe" -x'`,
      "    DllPath:      '< Name not readable >'",
      '    Environment:  0000000001302000',
      '        A=1',
      '        PATH=C:\\app',
      '',
      '',
      'Wow64 PEB at 0000000000dbe000',
      '    InheritedAddressSpace:    No',
      '    ReadImageFileExecOptions: No',
      '    BeingDebugged:            Yes',
      '    ImageBaseAddress:         0000000000400000',
      '    NtGlobalFlag:             0',
      '    NtGlobalFlag2:            0',
      '    Ldr                       00007ffb1f7f28e0',
      '    *** unable to read Ldr table at 00007ffb1f7f28e0',
      '    SubSystemData:     0000000000000000',
      '    ProcessHeap:       0000000001200000',
      '    ProcessParameters: 0000000001000000',
      "    CurrentDirectory:  'C:\\work\\'",
      "    WindowTitle:  'App 32'",
      "    ImageFile:    'C:\\app\\app32.exe'",
      "    CommandLine:  'app32.exe -x'",
      "    DllPath:      '< Name not readable >'",
      '    Environment:  0000000000000000',
      '       Unable to read Environment string.',
      '',
    ].join('\n'));
  });
  it('!peb Address shows just that PEB, as WinDbg does', () => {
    const text = run(engine, '!peb dbe000');
    expect(text.split('\n')[0]).toBe('PEB at 0000000000dbe000');
    expect(text).not.toContain('Wow64');
  });
});

describe('native dumps keep their layout', () => {
  it('tiny-exe-with-cet-xsave.dmp: %p pointers (no backtick), the loader list read from the dump', () => {
    const e = corpusEngine('user', 'tiny-exe-with-cet-xsave.dmp');
    const peb = run(e, '!peb').split('\n');
    expect(peb[0]).toBe('PEB at 000000cbc80b8000');
    expect(peb).toContain('    ImageBaseAddress:         00007ff778bd0000');
    expect(peb).toContain('            7ff778bd0000 61802b8c Nov 01 18:01:48 2021 C:\\src\\crashpad\\tiny.exe');
    expect(peb).toContain("    CommandLine:  '\"C:\\src\\crashpad\\tiny.exe\" --v=1 --enable-logging=stderr'");
    expect(run(e, '!teb').split('\n')[1]).toBe('    ExceptionList:        0000000000000000');
  });
});
