import { describe, expect, it } from 'vitest';
import {
  MEMORY_MANAGEMENT_KEY,
  isSystemManaged,
  pagefileFromRegistry,
  pagefileToRegistry,
  parsePagingFileLine,
  validatePagefile,
} from '../../../../shared/settings/pagefile';
import { validateChanges } from '../../../../shared/settings/validate';
import { randomPagefile } from './generators';
import { expectRoundTrips } from './random';

const multi = (...data: string[]) => [{ op: 'set' as const, key: MEMORY_MANAGEMENT_KEY, name: 'PagingFiles', value: { type: 'REG_MULTI_SZ' as const, data } }];

describe('PagingFiles lines', () => {
  it('parses fixed, system-managed and automatic entries', () => {
    expect(parsePagingFileLine('C:\\pagefile.sys 1024 4096')).toEqual({ path: 'C:\\pagefile.sys', sizes: { initialMB: 1024, maximumMB: 4096 } });
    expect(parsePagingFileLine('D:\\pagefile.sys 0 0')).toEqual({ path: 'D:\\pagefile.sys', sizes: { initialMB: 0, maximumMB: 0 } });
    expect(parsePagingFileLine('?:\\pagefile.sys')).toEqual({ path: '?:\\pagefile.sys' });
    expect(parsePagingFileLine('E:\\swap files\\pagefile.sys 16 32').path).toBe('E:\\swap files\\pagefile.sys');
    expect(isSystemManaged(parsePagingFileLine('D:\\pagefile.sys 0 0'))).toBe(true);
    expect(isSystemManaged(parsePagingFileLine('?:\\pagefile.sys'))).toBe(true);
    expect(isSystemManaged(parsePagingFileLine('C:\\pagefile.sys 1024 4096'))).toBe(false);
  });

  it('round-trips generated valid models', () => {
    expectRoundTrips(200, { generate: randomPagefile, validate: validatePagefile, toRegistry: pagefileToRegistry, fromRegistry: pagefileFromRegistry });
  });

  it('rejects bad lines, naming the entry and why', () => {
    expect(validateChanges(multi('pagefile.sys 100 200'))[0]!.message).toBe(
      'PagingFiles = "pagefile.sys 100 200": entry 1 "pagefile.sys 100 200" is not a full path on a drive (write C:\\pagefile.sys, or ?:\\pagefile.sys to let Windows choose)',
    );
    expect(validateChanges(multi('C:\\pagefile.sys 4096 1024'))[0]!.message).toMatch(/initial size \(4096 MB\) larger than its maximum \(1024 MB\)$/);
    expect(validateChanges(multi('C:\\pagefile.sys 0 1024'))[0]!.message).toMatch(/uses 0 for only one size/);
    expect(validateChanges(multi('\\\\srv\\share\\pagefile.sys'))[0]!.message).toMatch(/network share/);
    expect(validateChanges(multi('C:\\pagefile.sys 99999999 99999999'))[0]!.message).toMatch(/at most 16 TB/);
    expect(validateChanges(multi('C:\\pagefile.sys', 'c:\\PAGEFILE.SYS 0 0'))).toEqual([
      { key: MEMORY_MANAGEMENT_KEY, name: 'PagingFiles', message: 'PagingFiles lists c:\\PAGEFILE.SYS twice' },
    ]);
    const many = Array.from({ length: 17 }, (_, i) => `${String.fromCharCode(67 + i)}:\\pagefile.sys 0 0`);
    expect(validateChanges(multi(...many))[0]!.message).toBe('PagingFiles lists 17 page files; Windows uses at most 16');
    expect(validateChanges([{ op: 'set', key: MEMORY_MANAGEMENT_KEY, name: 'PagingFiles', value: { type: 'REG_SZ', data: 'C:\\pagefile.sys' } }])[0]!.message).toBe(
      'PagingFiles = "C:\\pagefile.sys": must be REG_MULTI_SZ, not REG_SZ',
    );
  });
});
