// The fuzz loop shared by the test (about 10,000 cases) and `npm run fuzz` (as many as asked).
import { mutate } from './mutate';
import { type CaseOutcome, runCase } from './runCase';

export interface FuzzInput {
  name: string;
  bytes: Uint8Array;
}

export interface FuzzSummary {
  cases: number;
  ok: number;
  formatErrors: number;
  findings: { input: string; seed: number; steps: string[]; error: unknown }[];
  slowest: { input: string; seed: number; ms: number };
  totalMs: number;
}

export function fuzz(inputs: FuzzInput[], cases: number, firstSeed: number): FuzzSummary {
  const s: FuzzSummary = { cases, ok: 0, formatErrors: 0, findings: [], slowest: { input: '', seed: 0, ms: 0 }, totalMs: 0 };
  for (let i = 0; i < cases; i++) {
    const seed = firstSeed + i;
    const input = inputs[i % inputs.length]!;
    const m = mutate(input.bytes, seed);
    const out: CaseOutcome = runCase(m.bytes);
    s.totalMs += out.ms;
    if (out.ms > s.slowest.ms) s.slowest = { input: input.name, seed, ms: out.ms };
    if (out.kind === 'ok') s.ok++;
    else if (out.kind === 'format-error') s.formatErrors++;
    else s.findings.push({ input: input.name, seed, steps: m.steps, error: out.error });
  }
  return s;
}
