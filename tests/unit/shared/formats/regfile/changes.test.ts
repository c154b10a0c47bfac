import { describe, expect, it } from 'vitest';
import { changesToRegFile, formatRegText, parseRegText, regFileToChanges, regFileToOps, type RegOp } from '../../../../../shared/formats/regfile/index';

const LD = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\LocalDumps';

describe('.reg file ⇄ operations', () => {
  const text = [
    'Windows Registry Editor Version 5.00',
    '',
    `[${LD}]`,
    '',
    `[${LD}\\MyApp.exe]`,
    '"DumpType"=dword:00000002',
    '"DumpCount"=-',
    '',
    `[-${LD}\\Old.exe]`,
    '',
    '',
  ].join('\r\n');

  it('every [KEY] block creates its key (an empty LocalDumps key turns local dumps on), then its values follow', () => {
    expect(regFileToOps(parseRegText(text))).toEqual([
      { op: 'create-key', key: LD },
      { op: 'create-key', key: `${LD}\\MyApp.exe` },
      { op: 'set', key: `${LD}\\MyApp.exe`, name: 'DumpType', value: { type: 'REG_DWORD', data: 2 } },
      { op: 'delete-value', key: `${LD}\\MyApp.exe`, name: 'DumpCount' },
      { op: 'delete-key', key: `${LD}\\Old.exe` },
    ]);
  });

  it('regFileToChanges keeps only the value changes (the shared RegChange has no create-key)', () => {
    expect(regFileToChanges(parseRegText(text)).map((c) => c.op)).toEqual(['set', 'delete-value', 'delete-key']);
  });

  it('operations → file → operations and text round-trip', () => {
    const ops = regFileToOps(parseRegText(text));
    const file = changesToRegFile(ops);
    expect(regFileToOps(file)).toEqual(ops);
    expect(formatRegText({ ...file, layout: { ...file.layout } })).toBe(text);
  });

  it('consecutive operations on one key (any case) share a block; a deletion always starts its own', () => {
    const ops: RegOp[] = [
      { op: 'set', key: 'HKEY_CURRENT_USER\\A', name: 'x', value: { type: 'REG_SZ', data: '1' } },
      { op: 'delete-value', key: 'hkey_current_user\\a', name: 'y' },
      { op: 'delete-key', key: 'HKEY_CURRENT_USER\\A' },
      { op: 'set', key: 'HKEY_CURRENT_USER\\A', name: 'x', value: { type: 'REG_SZ', data: '2' } },
    ];
    expect(changesToRegFile(ops).keys.map((k) => [k.deleted, k.values.length])).toEqual([
      [false, 2],
      [true, 0],
      [false, 1],
    ]);
  });
});
