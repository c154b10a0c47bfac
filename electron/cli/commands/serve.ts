import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';
import { startServe } from '../../web/serveApp';

const USAGE = `usage: dumpdesk serve [--port N] [--dir DUMPFOLDER]... [--db FILE] [--open] [--allow-settings]

Serves the DumpDesk user interface and its API on http://127.0.0.1 only, and
prints one line: the address to open, with a random access token. Stop with
Ctrl+C.

  --port N          port to listen on (default 0: any free port)
  --dir FOLDER      a dump folder to index and watch; repeatable. File
                    arguments from the browser must lie inside these folders.
  --db FILE         history database (default: history.sqlite in the
                    DumpDesk user-data folder)
  --open            open the address in the default browser
  --allow-settings  allow registry and Driver Verifier changes from the
                    browser (refused by default)

Exit codes: 0 stopped, 1 usage, 2 a folder does not exist or the port is taken.`;

interface ServeArgs {
  port: number;
  dirs: string[];
  db?: string;
  open: boolean;
  allowSettings: boolean;
}

export function parseServeArgs(args: string[]): ServeArgs {
  const out: ServeArgs = { port: 0, dirs: [], open: false, allowSettings: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--port') {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not '${v}'`);
      out.port = n;
    } else if (a === '--dir') out.dirs.push(value());
    else if (a === '--db') out.db = value();
    else if (a === '--open') out.open = true;
    else if (a === '--allow-settings') out.allowSettings = true;
    else throw new UsageError(`unknown argument '${a}'`);
  }
  return out;
}

/** The platform's "open this URL" command; failures only mean the user opens it by hand. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}

/** Resolves at Ctrl+C or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the user interface in a browser (127.0.0.1, token-protected)',
  usage: USAGE,
  async run(args, io) {
    const o = parseServeArgs(args);
    for (const d of o.dirs) {
      if (!existsSync(d) || !statSync(d).isDirectory()) {
        io.err(`dumpdesk serve: ${d}: not a folder\n`);
        return EXIT_BAD_INPUT;
      }
    }
    let app;
    try {
      app = await startServe({ port: o.port, dirs: o.dirs, db: o.db, allowSettings: o.allowSettings, onError: (e) => io.err(`dumpdesk serve: ${e.message}\n`) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`dumpdesk serve: ${code === 'EADDRINUSE' ? `port ${o.port} is already in use` : (e as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.out(`${app.host.url}\n`);
    if (o.open) openInBrowser(app.host.url);
    await untilStopped();
    await app.close();
    return EXIT_OK;
  },
};
