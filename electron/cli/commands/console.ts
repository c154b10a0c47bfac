import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { DebuggerEngine } from '../../../shared/debugger/engine';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';
import { openEngine, prompt, takeSymbolPaths } from './run';

const USAGE = `usage: dumpdesk console FILE [--symbols PATH]...

An interactive WinDbg-style console on a dump: the same commands as
\`dumpdesk run\` (.help lists them, CMD -? explains one). Tab completes
command names, up/down walk the history (kept in ~/.dumpdesk_console_history
when stdin is a terminal). An empty line repeats a d*/u command where it
stopped, as in WinDbg. q, qq or .exit leaves.

Exit codes: 0 ok, 1 usage, 2 the dump cannot be read.`;

const HISTORY_FILE = join(homedir(), '.dumpdesk_console_history');
const HISTORY_SIZE = 1000;

/** Commands an empty line repeats (they continue where they stopped). */
const REPEATABLE = /^(d[bwdqpau]|dps|dds|dqs|u)\b/i;

/** Tab completion: command names for the command word of the last `;` part. */
export function completer(engine: DebuggerEngine): (line: string) => [string[], string] {
  return (line) => {
    const part = line.slice(line.lastIndexOf(';') + 1).trimStart();
    if (/\s/.test(part)) return [[], part]; // past the command word
    const hits = engine.complete(part);
    return [hits.length ? hits : [], part];
  };
}

/**
 * The read-eval-print loop over any input stream (a terminal, or a pipe in
 * tests). Returns when the input ends or the user quits.
 */
export async function runConsole(engine: DebuggerEngine, input: Readable, output: Writable, opts: { terminal: boolean; history?: string[]; onLine?: (line: string) => void }): Promise<void> {
  const rl = createInterface({ input, output, terminal: opts.terminal, completer: completer(engine), history: opts.history ?? [], historySize: HISTORY_SIZE, removeHistoryDuplicates: true });
  let last = '';
  const write = (t: string): void => {
    output.write(t);
  };
  rl.setPrompt(`${prompt(engine)} `);
  rl.prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (/^(q|qq|qd|\.exit)$/i.test(line)) break;
      const cmd = line === '' && REPEATABLE.test(last) ? last.replace(/\s.*$/, '') : line;
      if (cmd) {
        opts.onLine?.(line);
        if (cmd === '.cls' && opts.terminal) write('\x1b[2J\x1b[H');
        for (const r of engine.execute(cmd)) write(r.text);
        last = cmd;
      }
      rl.setPrompt(`${prompt(engine)} `);
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}

function loadHistory(): string[] {
  if (!existsSync(HISTORY_FILE)) return [];
  // readline wants the newest entry first.
  return readFileSync(HISTORY_FILE, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
}

export const consoleCommand: CliCommand = {
  name: 'console',
  summary: 'interactive WinDbg-style console on a dump',
  usage: USAGE,
  async run(args, io) {
    const { rest, symbolPaths } = takeSymbolPaths(args);
    const unknown = rest.find((a) => a.startsWith('-'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    if (rest.length !== 1) throw new UsageError(rest.length ? 'takes exactly one FILE' : 'missing FILE');
    const opened = await openEngine(rest[0]!, symbolPaths, io.err, 'console');
    if (!opened) return EXIT_BAD_INPUT;
    const terminal = Boolean(process.stdin.isTTY) && io.isTTY;
    try {
      const s = opened.engine.session;
      const sys = s.dump.system();
      io.out(`DumpDesk console — ${rest[0]} (${s.dump.kind}, ${sys.os} ${sys.osVersion}, ${sys.cpuArch}). .help lists the commands, q quits.\n`);
      await runConsole(opened.engine, process.stdin, process.stdout, {
        terminal,
        history: terminal ? loadHistory() : [],
        onLine: terminal ? (l) => appendFileSync(HISTORY_FILE, l + '\n') : undefined,
      });
      return EXIT_OK;
    } finally {
      opened.close();
    }
  },
};
