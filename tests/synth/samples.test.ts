// The shipped sample dumps are exactly what the builders produce, and each
// one reads back as the story it is meant to tell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { MemoryByteSource } from '../../shared/bytes/byteSource';
import { openDump } from '../../shared/dump/openDump';
import { repoRoot } from '../helpers/corpus';
import { buildSamples } from './samples';

const samples = buildSamples();

describe('resources/samples', () => {
  it.each(samples.map((s) => [s.file, s] as const))('%s is what `npm run samples` builds', (file, s) => {
    const committed = new Uint8Array(readFileSync(join(repoRoot, 'resources', 'samples', file)));
    expect(Buffer.compare(Buffer.from(committed), Buffer.from(s.bytes))).toBe(0);
  });

  it('the amd64 sample blames the third-party codec for a write access violation', () => {
    const r = analyze(openDump(new MemoryByteSource(samples[0]!.bytes)));
    expect(r.crash).toMatchObject({ type: 'exception', code: '0xc0000005', name: 'EXCEPTION_ACCESS_VIOLATION_WRITE', address: '0x10' }); // Breakpad's crash address: the address the write touched
    expect(r.culprit?.image).toBe('acmecodec.dll');
    expect(r.process).toMatchObject({ name: 'PhotoViewer.exe', id: 7412 });
    const frames = r.threads.find((t) => t.index === r.crash.threadIndex)!.frames;
    expect(frames.map((f) => f.module)).toEqual(['acmecodec.dll', 'PhotoViewer.exe', 'kernel32.dll', 'ntdll.dll']);
    expect(r.threads[0]!.name).toBe('DecodeWorker');
  });

  it('the x86 sample is a stack-cookie fast fail', () => {
    const r = analyze(openDump(new MemoryByteSource(samples[1]!.bytes)));
    expect(r.system.cpuArch).toBe('x86');
    expect(r.crash).toMatchObject({ code: '0xc0000409', name: 'FAST_FAIL_STACK_COOKIE_CHECK_FAILURE' });
    expect(r.culprit?.image).toBe('skyfort.exe');
  });
});
