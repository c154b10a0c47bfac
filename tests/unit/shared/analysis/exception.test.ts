import { describe, expect, it } from 'vitest';
import { NTSTATUS } from '../../../../shared/analysis/catalog/ntstatus';
import { fastFailName } from '../../../../shared/analysis/catalog/fastFail';
import { decodeException } from '../../../../shared/analysis/exception';
import type { DumpException } from '../../../../shared/dump/types';

const ex = (code: number, parameters: bigint[], address = 0x401000n): DumpException => ({ code, flags: 0, address, parameters });

describe('the NTSTATUS catalog', () => {
  it('names more than 60 codes, each with a description', () => {
    expect(NTSTATUS.size).toBeGreaterThanOrEqual(60);
    for (const [code, s] of NTSTATUS) {
      expect(s.name, `0x${code.toString(16)}`).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });
});

describe('decodeException', () => {
  it('splits access violations into read / write / execute like Breakpad, with the data address as crash address', () => {
    const w = decodeException(ex(0xc0000005, [1n, 0x45n]), false);
    expect(w).toMatchObject({ name: 'EXCEPTION_ACCESS_VIOLATION_WRITE', address: 0x45n, access: 'write', failureClass: 'NULL_CLASS_PTR_WRITE' });
    expect(w.description).toBe('Attempt to write to address 00000045');
    expect(decodeException(ex(0xc0000005, [0n, 0n]), true)).toMatchObject({ name: 'EXCEPTION_ACCESS_VIOLATION_READ', failureClass: 'NULL_POINTER_READ' });
    expect(decodeException(ex(0xc0000005, [0n, 0x41414141n]), false).failureClass).toBe('INVALID_POINTER_READ');
    const x = decodeException(ex(0xc0000005, [8n, 0x3df944n]), false);
    expect(x).toMatchObject({ name: 'EXCEPTION_ACCESS_VIOLATION_EXEC', failureClass: 'BAD_INSTRUCTION_PTR' });
    expect(x.description).toBe('Attempt to execute non-executable address 003df944');
    expect(decodeException(ex(0xc0000005, []), false).name).toBe('EXCEPTION_ACCESS_VIOLATION');
  });

  it('masks 32-bit dumps\' addresses to 32 bits (minidump_32bit_crash_addr.dmp has junk above)', () => {
    expect(decodeException(ex(0xc0000005, [1n, 0xffffffff00000045n]), false).address).toBe(0x45n);
    expect(decodeException(ex(0x80000003, [], 0xffffffff7776ae10n), false).address).toBe(0x7776ae10n);
  });

  it('names fast fails after their sub-code', () => {
    const d = decodeException(ex(0xc0000409, [7n]), true);
    expect(d).toMatchObject({ name: 'FAST_FAIL_FATAL_APP_EXIT', subcode: 'FAST_FAIL_FATAL_APP_EXIT', failureClass: 'FAIL_FAST_FATAL_APP_EXIT' });
    expect(d.parameterMeanings[0]).toContain('fast-fail code 7');
    expect(decodeException(ex(0xc0000409, [2n]), true).name).toBe('FAST_FAIL_STACK_COOKIE_CHECK_FAILURE');
    expect(decodeException(ex(0xc0000409, [999n]), true).name).toBe('FAST_FAIL_999');
    expect(decodeException(ex(0xc0000409, []), true).name).toBe('EXCEPTION_STACK_BUFFER_OVERRUN');
    expect(fastFailName(3n)).toBe('FAST_FAIL_CORRUPT_LIST_ENTRY');
    expect(fastFailName(0xffffffffn)).toBe('FAST_FAIL_INVALID_FAST_FAIL_CODE');
    expect(fastFailName(15n)).toBeUndefined();
  });

  it('explains C++ exceptions from their MSVC parameters', () => {
    const d = decodeException(ex(0xe06d7363, [0x19930520n, 0x14fd20n, 0x7ff6000a1234n, 0x7ff600000000n]), true);
    expect(d).toMatchObject({ name: 'CPP_EH_EXCEPTION', failureClass: 'CPP_EH_EXCEPTION' });
    expect(d.parameterMeanings).toEqual(['MSVC EH magic number', 'thrown object', 'ThrowInfo (type of the thrown object)', 'image base of the throwing module']);
    expect(d.description).toContain('000000000014fd20');
  });

  it('names stack overflow, heap corruption, invalid parameter and breakpoints', () => {
    expect(decodeException(ex(0xc00000fd, [1n, 0xde9ffcn]), false)).toMatchObject({ name: 'EXCEPTION_STACK_OVERFLOW', failureClass: 'STACK_OVERFLOW' });
    const heap = decodeException(ex(0xc0000374, [0x2b85bf50000n]), true);
    expect(heap).toMatchObject({ name: 'STATUS_HEAP_CORRUPTION', failureClass: 'HEAP_CORRUPTION' });
    expect(heap.description).toContain('000002b85bf50000');
    expect(decodeException(ex(0xc000000d, []), true)).toMatchObject({ name: 'STATUS_INVALID_PARAMETER', failureClass: 'INVALID_PARAMETER' });
    expect(decodeException(ex(0x80000003, []), true)).toMatchObject({ name: 'EXCEPTION_BREAKPOINT', failureClass: 'BREAKPOINT' });
    expect(decodeException(ex(0xc0000094, []), true)).toMatchObject({ name: 'EXCEPTION_INT_DIVIDE_BY_ZERO', failureClass: 'INT_DIVIDE_BY_ZERO' });
  });

  it('calls codes outside the NTSTATUS space application-defined, and prints unknown system codes raw', () => {
    expect(decodeException(ex(0x1, []), true)).toMatchObject({ name: 'APPLICATION_DEFINED_EXCEPTION', codeName: null, failureClass: 'APPLICATION_FAULT' });
    expect(decodeException(ex(0xe0001234, []), true).name).toBe('APPLICATION_DEFINED_EXCEPTION');
    expect(decodeException(ex(0xc0dead00, []), true).name).toBe('0xc0dead00');
  });

  it('decodes in-page errors with the I/O status', () => {
    const d = decodeException(ex(0xc0000006, [0n, 0x10000n, 0xc000009cn]), true);
    expect(d).toMatchObject({ name: 'EXCEPTION_IN_PAGE_ERROR_READ', address: 0x10000n, failureClass: 'IN_PAGE_ERROR_READ' });
    expect(d.parameterMeanings[2]).toContain('STATUS_DEVICE_DATA_ERROR');
  });
});
