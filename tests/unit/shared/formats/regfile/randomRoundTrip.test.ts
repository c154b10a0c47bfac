// Seeded random .reg documents: write → parse gives the same document back,
// for both versions and every layout, with names, keys and strings full of
// the characters that need escaping and hex data of every length around the
// line-break points.
import { describe, expect, it } from 'vitest';
import { parseRegFile, writeRegFile, type RegFile, type RegFileKey, type RegFileVersion } from '../../../../../shared/formats/regfile/index';
import type { RegTextEncoding } from '../../../../../shared/formats/regfile/textCodecs';
import type { RegValue } from '../../../../../shared/registry/types';
import { prng } from '../../../../fuzz/mutate';

/** mulberry32 (the fuzzer's): small, seeded, reproducible. */
function rng(seed: number) {
  const next = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { int, pick };
}

const ASCII_TRICKY = ['a', 'Z', '0', ' ', '"', '\\', ';', '=', '[', ']', '@', '-', ',', '%', ':', '(', ')'];
const UNICODE = ['é', 'ü', '€', 'Ω', '中', '😀'];
const ANSI_ONLY = ['é', 'ü', '€', 'ÿ', '©'];

function generate(seed: number): RegFile {
  const r = rng(seed);
  const version: RegFileVersion = r.int(3) === 0 ? '4' : '5.00';
  const chars = version === '4' ? [...ASCII_TRICKY, ...ANSI_ONLY] : [...ASCII_TRICKY, ...UNICODE];
  const str = (max: number, min = 0, from = chars) => Array.from({ length: min + r.int(max - min + 1) }, () => r.pick(from)).join('');
  const keyChars = chars.filter((c) => c !== '\\'); // a backslash separates key names
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => r.int(256));
  const value = (): RegValue => {
    switch (r.int(8)) {
      case 0:
        return { type: 'REG_SZ', data: str(40) + (r.int(5) === 0 ? '\r\nline two' : '') };
      case 1:
        return { type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\' + str(60) };
      case 2:
        return { type: 'REG_MULTI_SZ', data: Array.from({ length: r.int(4) }, () => str(20, 1)) };
      case 3:
        return { type: 'REG_DWORD', data: r.int(2) ? r.int(256) : r.int(2 ** 32) };
      case 4:
        return { type: 'REG_QWORD', data: (BigInt(r.int(2 ** 32)) << 32n) | BigInt(r.int(2 ** 32)) };
      case 5:
        return { type: 'REG_BINARY', data: bytes(r.int(120)) };
      default:
        return { type: 'REG_RAW', typeId: r.pick([0, 4, 5, 6, 8, 9, 10, 0x20000]), data: bytes(r.int(40)) };
    }
  };
  const keys: RegFileKey[] = Array.from({ length: 1 + r.int(5) }, () => {
    const path = [r.pick(['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER', 'hkey_users']), ...Array.from({ length: 1 + r.int(4) }, () => str(12, 1, keyChars))].join('\\');
    if (r.int(6) === 0) return { path, deleted: true, values: [] };
    const values = Array.from({ length: r.int(6) }, () => {
      const name = r.int(6) === 0 ? '' : str(15);
      return r.int(8) === 0 ? { name, deleted: true as const } : { name, value: value() };
    });
    return { path, deleted: false, values };
  });
  const encodings: RegTextEncoding[] = version === '4' ? ['ansi'] : ['utf16le-bom', 'utf16le', 'utf8', 'utf8-bom'];
  return {
    version,
    keys,
    layout: { encoding: r.pick(encodings), newline: r.pick(['\r\n', '\n'] as const), ending: r.pick(['blank-line', 'newline', 'none'] as const) },
  };
}

describe('random .reg documents', () => {
  it.each(Array.from({ length: 300 }, (_, i) => i + 1))('seed %i: write → parse is identity', (seed) => {
    const doc = generate(seed);
    expect(parseRegFile(writeRegFile(doc))).toEqual(doc);
  });
});
