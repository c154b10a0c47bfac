// FileByteSource (block-cached fd reads) and openDumpFile against the same
// corpus bytes read whole into memory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileByteSource } from '../../electron/services/fileByteSource';
import { DumpFileError, openDumpFile } from '../../electron/services/openDumpFile';
import { DumpFormatError } from '../../shared/errors';
import { corpusPath, readCorpus } from '../helpers/corpus';

describe('FileByteSource', () => {
  it('returns the same bytes as the whole file, within and across 64 KiB blocks and at the end', () => {
    const name = 'zuohuiyang_electron.dmp';
    const whole = readCorpus('user', name);
    const src = new FileByteSource(corpusPath('user', name));
    expect(src.size).toBe(whole.length);
    let seed = 12345;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const cases: [number, number][] = [[0, 32], [65536 - 4, 8], [65536 * 3 - 1, 200000], [whole.length - 10, 10], [whole.length - 5, 100], [whole.length, 4]];
    for (let i = 0; i < 200; i++) cases.push([rand(whole.length), rand(5000)]);
    for (const [o, n] of cases) {
      const want = whole.subarray(o, Math.min(o + n, whole.length));
      expect(Buffer.from(src.read(o, n)).equals(want), `read(${o}, ${n})`).toBe(true);
    }
    src.close();
    src.close(); // twice is fine
    expect(() => src.read(0, 4)).toThrow(/read after close/);
  });
});

describe('openDumpFile', () => {
  it('opens a corpus dump from disk with the same modules as from memory', () => {
    const opened = openDumpFile(corpusPath('user', 'rizinorg_calc.dmp'));
    try {
      expect(opened.dump.modules().map((m) => m.name)).toContain('calc.exe');
      expect(opened.dump.system().osVersion).toBe('6.1.7601 Service Pack 1');
    } finally {
      opened.close();
    }
  });
  it('names the file in every error', () => {
    const missing = corpusPath('user', 'missing.dmp');
    expect(() => openDumpFile(missing)).toThrow(DumpFileError);
    expect(() => openDumpFile(missing)).toThrow(`${missing}: cannot open: no such file`);
    const dir = mkdtempSync(join(tmpdir(), 'dd-'));
    expect(() => openDumpFile(dir)).toThrow(`${dir}: cannot open: is a directory`);
    const bad = corpusPath('user', 'invalid-range.dmp');
    expect(() => openDumpFile(bad)).toThrow(DumpFormatError);
    expect(() => openDumpFile(bad)).toThrow(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: minidump: stream directory entry 0`));
  });
});
