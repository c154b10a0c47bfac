// `npm run fuzz [-- --cases N] [--seed S]`: the mutation fuzzer of mutation.test.ts, run
// longer (100,000 cases by default, every corpus user dump). Prints a summary and each
// finding with the seed and steps that reproduce it; exits 1 on findings not yet known.
import { listCorpus, readCorpus } from '../helpers/corpus';
import { fuzz } from './fuzzRun';
import { knownFindingOf } from './knownFindings';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v < 0) {
    process.stderr.write(`fuzz: ${name} needs a whole number\n`);
    process.exit(1);
  }
  return v;
}

const cases = option('--cases', 100_000);
const seed = option('--seed', Date.now() % 1_000_000);
const inputs = listCorpus('user', '.dmp').map((name) => ({ name, bytes: readCorpus('user', name) }));
const batch = 5_000;
let ok = 0;
let formatErrors = 0;
let slowest = { ms: 0, input: '', seed: 0 };
let unexpected = 0;
let known = 0;
for (let done = 0; done < cases; done += batch) {
  const s = fuzz(inputs, Math.min(batch, cases - done), seed + done);
  ok += s.ok;
  formatErrors += s.formatErrors;
  if (s.slowest.ms > slowest.ms) slowest = s.slowest;
  for (const f of s.findings) {
    if (knownFindingOf(f.error)) {
      known++;
      continue;
    }
    unexpected++;
    process.stdout.write(`FINDING ${f.input} seed ${f.seed}: ${f.steps.join('; ')}\n  ${String((f.error as Error)?.stack ?? f.error).split('\n').slice(0, 4).join('\n  ')}\n`);
  }
  process.stdout.write(`  ${Math.min(done + batch, cases)}/${cases} cases\n`);
}
process.stdout.write(`fuzz: ${cases} cases from seed ${seed}: ${ok} analysed, ${formatErrors} DumpFormatError, ` +
  `${unexpected} new findings, ${known} known findings; slowest ${slowest.ms.toFixed(1)} ms (${slowest.input} seed ${slowest.seed})\n`);
process.exitCode = unexpected ? 1 : 0;
