import { describe, expect, it } from 'vitest';
import { describeWireValue, fromWire } from '../../../../renderer/format/regValue';

const CRASH_CONTROL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\CrashControl';

describe('describeWireValue', () => {
  it('names what a known value means', () => {
    expect(describeWireValue(CRASH_CONTROL, 'CrashDumpEnabled', { type: 'REG_DWORD', data: 7 })).toBe('7 (automatic memory dump)');
    expect(describeWireValue(CRASH_CONTROL, 'CrashDumpEnabled', { type: 'REG_DWORD', data: 3 })).toBe('3 (small memory dump)');
  });
  it('undoes the wire encoding of QWORDs and binary data', () => {
    expect(fromWire({ type: 'REG_QWORD', data: '0x100000000' })).toEqual({ type: 'REG_QWORD', data: 0x100000000n });
    expect(fromWire({ type: 'REG_BINARY', data: '01ff' })).toEqual({ type: 'REG_BINARY', data: Uint8Array.of(1, 255) });
  });
});
