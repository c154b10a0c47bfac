/**
 * `npm start`: the desktop app when Electron's binary is installed; where it
 * is not (an offline install, like CI machines), one line says so and the
 * same UI is served through the web host instead (`dumpdesk serve`).
 * Arguments after `--` go to the app or to `serve` (`npm start -- --dir D`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serveCommand } from './cli/commands/serve';
import { readPackageInfo } from './main/packageInfo';

const root = readPackageInfo().root;
const args = process.argv.slice(2);

/** The Electron executable, or why there is none. */
export function findElectron(): { path: string } | { missing: string } {
  try {
    const path = createRequire(join(root, 'package.json'))('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `Electron's binary is not at ${String(path)}` };
  } catch (e) {
    const message = (e as Error).message;
    // The electron package throws this when its postinstall could not download the binary.
    return { missing: /failed to install/i.test(message) ? 'its binary was never downloaded, as on an offline install' : message.split('\n')[0]! };
  }
}

function ensureBuilt(): void {
  const built = existsSync(join(root, 'dist', 'electron', 'main.cjs')) && existsSync(join(root, 'dist', 'renderer', 'index.html'));
  if (built) return;
  process.stdout.write('DumpDesk is not built yet; running npm run build first.\n');
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

ensureBuilt();
const electron = findElectron();
if ('path' in electron) {
  const child = spawn(electron.path, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(`Electron is not available (${electron.missing}); serving DumpDesk in your browser instead — open the address below.\n`);
  process.exitCode = await serveCommand.run(args, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
  });
}
