/**
 * `npm run dist` (needs internet: Electron and the packaging tools are
 * downloaded): build, package with electron-builder for this OS, then put
 * native modules back to Node's ABI — electron-builder's npmRebuild rebuilds
 * them in node_modules for Electron, which the tests and the CLI cannot load.
 * Extra arguments go to electron-builder (`npm run dist -- --win --x64`).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd: string, args: string[]): number {
  process.stdout.write(`> ${cmd} ${args.join(' ')}\n`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
}

let status = run(npm, ['run', 'build']);
if (status === 0) {
  status = run(npx, ['electron-builder', '--config', 'build/electron-builder.config.cjs', '--publish', 'never', ...process.argv.slice(2)]);
  const restored = run(npm, ['rebuild', 'better-sqlite3']);
  if (status === 0) status = restored;
}
process.exitCode = status;
