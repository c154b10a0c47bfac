// `npm run bench`: runs every bench/*.bench.ts in name order (or those named
// on the command line: `npm run bench -- minidump history`). Each prints its
// own table of figures; nothing here asserts a time.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

for (const f of files) {
  process.stdout.write(`\n## ${f.replace(/\.bench\.ts$/, '')}\n\n`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: () => Promise<void> };
  await mod.default();
}
if (files.length === 0) process.stdout.write('no benchmarks matched\n');
