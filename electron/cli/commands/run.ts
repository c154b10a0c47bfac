import type { Dump } from '../../../shared/dump/types';
import { isDumpDeskError } from '../../../shared/errors';
import { DebuggerEngine, splitCommands } from '../../../shared/debugger/engine';
import { DebugSession, type SessionOptions } from '../../../shared/debugger/session';
import { debuggerSymbolsFor } from '../../../shared/symbols/debuggerSymbols';
import { capstoneReady } from '../../engine/capstoneDisassembler';
import { nodeDisassembler } from '../../engine/nodeDisassembler';
import { type OpenedDump, openDumpFile } from '../../services/openDumpFile';
import { NodeSymbolSupplier, symbolPathFrom } from '../../services/symbols/nodeSymbolSupplier';
import { analysisProviders } from '../../../shared/debugger/analysisProviders';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

/** Session providers the CLI wires in: iced-x86 and Capstone, and stacks and !analyze from shared/analysis. */
export function cliSessionOptions(path: string, symbols?: { supplier: NodeSymbolSupplier; path: string[]; dump: Dump }): SessionOptions {
  const sup = symbols?.supplier;
  const providers = analysisProviders(sup ? { symbols: sup.resolver, unwinders: sup.unwinders } : {});
  return {
    path,
    disassembler: nodeDisassembler,
    stacks: providers.stacks,
    analysis: providers.analysis,
    // Names and `x` from every source the supplier found (shared/symbols/debuggerSymbols.ts), as in the app.
    symbols: sup ? debuggerSymbolsFor(symbols!.dump, sup.resolver, () => symbols!.path.join(';')) : undefined,
  };
}

export interface OpenedEngine {
  engine: DebuggerEngine;
  close(): void;
}

/**
 * Opens FILE, fetches symbols for its modules along the symbol path (if
 * any), and builds a debugger engine over it; on an unreadable file reports
 * why (one line naming it) and returns undefined (exit 2).
 */
export async function openEngine(path: string, symbolPaths: string[], err: (t: string) => void, command: string): Promise<OpenedEngine | undefined> {
  let opened: OpenedDump;
  try {
    opened = openDumpFile(path);
  } catch (e) {
    if (!isDumpDeskError(e)) throw e;
    err(`dumpdesk ${command}: ${e.message}\n`);
    return undefined;
  }
  const dump: Dump = opened.dump;
  const symPath = symbolPathFrom(symbolPaths);
  const supplier = symPath.length ? new NodeSymbolSupplier(symPath) : undefined;
  if (supplier) await supplier.prepare(dump.modules());
  await capstoneReady; // ARM64 disassembly: WebAssembly that finishes starting asynchronously
  const engine = new DebuggerEngine(new DebugSession(dump, cliSessionOptions(path, supplier ? { supplier, path: symPath, dump } : undefined)));
  return {
    engine,
    close: () => {
      supplier?.close();
      opened.close();
    },
  };
}

/** `--symbols PATH` (repeatable) and `--symbols=PATH`, removed from `args`. */
export function takeSymbolPaths(args: string[]): { rest: string[]; symbolPaths: string[] } {
  const rest: string[] = [];
  const symbolPaths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--symbols') {
      const p = args[++i];
      if (p === undefined) throw new UsageError('--symbols needs a PATH');
      symbolPaths.push(p);
    } else if (a.startsWith('--symbols=')) symbolPaths.push(a.slice('--symbols='.length));
    else rest.push(a);
  }
  return { rest, symbolPaths };
}

const USAGE = `usage: dumpdesk run FILE -c "COMMANDS" [--json] [--symbols PATH]...

Runs WinDbg-style commands against a dump, like cdb -z FILE -c "…":
commands are separated by ';'. Each command's output follows a
"0:000> command" prompt line. --json prints one JSON object per command
({command, ok, text, spans}). --symbols takes a WinDbg symbol path
(default: DUMPDESK_SYMBOL_PATH, else _NT_SYMBOL_PATH, else none).

Examples:
  dumpdesk run crash.dmp -c "lm kv; k; .exr -1"
  dumpdesk run crash.dmp -c ".help"

Exit codes: 0 ok, 1 usage, 2 the dump cannot be read.`;

/** WinDbg's prompt: "0:000>" (thread number) for user dumps, "0: kd>" for kernel dumps. */
export function prompt(engine: DebuggerEngine): string {
  const s = engine.session;
  return s.dump.format === 'kernel' ? '0: kd>' : `0:${String(s.currentThread).padStart(3, '0')}>`;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run WinDbg-style commands on a dump (-c "lm kv; k")',
  usage: USAGE,
  async run(args, io) {
    let file: string | undefined;
    const commands: string[] = [];
    let json = false;
    const { rest, symbolPaths } = takeSymbolPaths(args);
    args = rest;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') {
        const c = args[++i];
        if (c === undefined) throw new UsageError('-c needs a command string');
        commands.push(c);
      } else if (a === '--json') json = true;
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else if (file === undefined) file = a;
      else throw new UsageError('takes exactly one FILE');
    }
    if (!file) throw new UsageError('missing FILE');
    if (!commands.length) throw new UsageError('missing -c "COMMANDS"');
    const opened = await openEngine(file, symbolPaths, io.err, 'run');
    if (!opened) return EXIT_BAD_INPUT;
    try {
      quit: for (const line of commands) {
        for (const cmd of splitCommands(line)) {
          const p = prompt(opened.engine);
          const [result] = opened.engine.execute(cmd);
          if (!result) continue;
          if (json) io.out(JSON.stringify({ command: result.command, ok: result.ok, text: result.text, spans: result.spans }) + '\n');
          else io.out(`${p} ${cmd}\n${result.text}`);
          if (/^(q|qq|qd)$/i.test(cmd)) break quit; // cdb -c "…; q": nothing after q runs
        }
      }
      return EXIT_OK;
    } finally {
      opened.close();
    }
  },
};
