/**
 * `npm run build`, Node side: esbuild bundles the Electron main process, the
 * preload and the engine worker into dist/electron/*.cjs (Beekeeper's
 * layout). Native or file-relative packages stay external and ship in
 * node_modules (better-sqlite3's .node, regedit's .vbs scripts); everything
 * else, shared/ included, is bundled. The sandboxed preload may only
 * require 'electron', so it is bundled whole.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTDIR = join(root, 'dist', 'electron');

/** Loaded at run time from node_modules, never bundled. */
export const EXTERNAL = ['electron', 'better-sqlite3', 'regedit', 'iced-x86'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // Modules that locate files next to themselves use import.meta.url; give the bundle a real one.
  define: { 'import.meta.url': '__dumpdeskImportMetaUrl' },
  banner: { js: "const __dumpdeskImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

export const ENTRIES = [
  { in: 'electron/main/main.ts', out: 'main.cjs', external: EXTERNAL },
  { in: 'electron/engine/engineWorker.ts', out: 'engineWorker.cjs', external: EXTERNAL },
  // Minified: the sandbox parses it before every page load.
  { in: 'electron/preload/preload.ts', out: 'preload.cjs', external: ['electron'], minify: true },
] as const;

/** Bundles every entry into `outdir`; returns each output's esbuild metafile (what it imports, what it bundled). */
export async function bundleElectron(outdir = DEFAULT_OUTDIR): Promise<Record<string, Metafile>> {
  const results = await Promise.all(
    ENTRIES.map((e) =>
      build({ ...common, entryPoints: [join(root, e.in)], outfile: join(outdir, e.out), external: [...e.external], minify: 'minify' in e && e.minify, metafile: true }),
    ),
  );
  return Object.fromEntries(ENTRIES.map((e, i) => [e.out, results[i]!.metafile]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleElectron();
  process.stdout.write(`bundled ${ENTRIES.map((e) => `dist/electron/${e.out}`).join(', ')}\n`);
}
