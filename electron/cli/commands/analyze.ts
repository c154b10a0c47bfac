import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type AnalyzeOptions } from '../../../shared/analysis/analyze';
import type { AnalysisReport } from '../../../shared/analysis/report';
import { formatReportText } from '../../../shared/analysis/text/analyzeText';
import { isDumpDeskError } from '../../../shared/errors';
import { openDumpFile } from '../../services/openDumpFile';
import { NodeSymbolSupplier, symbolPathFrom } from '../../services/symbols/nodeSymbolSupplier';
import { type CliCommand, type CliIO, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk analyze [--json] [--symbols PATH]... FILE|DIR...

Analyses Windows crash dumps: what crashed, where, and who to blame.
One FILE prints a WinDbg-style "!analyze -v" report. Folders are searched
(recursively) for *.dmp, *.mdmp and *.hdmp files.

  --json          print the analysis document (schema dumpdesk.analysis/1,
                  see shared/analysis/SCHEMA.md); one document per line
                  (JSON Lines) when there are several dumps. A dump that
                  cannot be read becomes {"file":…,"error":{"code","message"}}
                  and the batch goes on.
  --symbols PATH  symbol path in WinDbg syntax (repeatable): folders,
                  srv*CACHE*URL, cache*DIR, ';'-separated. Default:
                  DUMPDESK_SYMBOL_PATH, else _NT_SYMBOL_PATH, else none.

Exit codes: 0 ok, 1 usage, 2 a dump was unreadable or invalid (the others
are still analysed).`;

const DUMP_EXTENSIONS = ['.dmp', '.mdmp', '.hdmp'];

interface Args {
  json: boolean;
  symbolPaths: string[];
  inputs: string[];
}

function parseArgs(args: string[]): Args {
  const out: Args = { json: false, symbolPaths: [], inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--symbols') {
      const p = args[++i];
      if (p === undefined) throw new UsageError('--symbols needs a PATH');
      out.symbolPaths.push(p);
    } else if (a.startsWith('--symbols=')) out.symbolPaths.push(a.slice('--symbols='.length));
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else out.inputs.push(a);
  }
  if (out.inputs.length === 0) throw new UsageError('missing FILE or DIR');
  return out;
}

/** Files named on the command line as given; folders expanded to the dumps inside them, sorted. */
function expandInputs(inputs: string[]): { files: string[]; emptyDirs: string[] } {
  const files: string[] = [];
  const emptyDirs: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // Missing or unreadable: openDumpFile reports it with the file's name.
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    const found = findDumps(input);
    if (found.length === 0) emptyDirs.push(input);
    files.push(...found);
  }
  return { files, emptyDirs };
}

function findDumps(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 32) return; // symlink loops
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile() && DUMP_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) out.push(p);
    }
  };
  walk(dir, 0);
  return out;
}

/** Symbols along the symbol path (flags, else the environment); undefined when there is none. */
function symbolSupplierFor(symbolPaths: string[]): NodeSymbolSupplier | undefined {
  const path = symbolPathFrom(symbolPaths);
  return path.length ? new NodeSymbolSupplier(path) : undefined;
}

type Outcome = { ok: true; report: AnalysisReport } | { ok: false; code: string; message: string };

async function analyzeFile(path: string, options: Omit<AnalyzeOptions, 'path'>, symbols?: NodeSymbolSupplier): Promise<Outcome> {
  let opened;
  try {
    opened = openDumpFile(path);
    if (symbols) {
      // Find (maybe download) the modules' symbol files first; lookups during the walk are then synchronous.
      await symbols.prepare(opened.dump.modules());
      options = { ...options, symbols: symbols.resolver, unwinders: symbols.unwinders };
    }
    return { ok: true, report: analyze(opened.dump, { ...options, path }) };
  } catch (e) {
    if (!isDumpDeskError(e)) {
      // A bug in DumpDesk, not a bad dump: still one line, so a batch is never lost to one file.
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, code: 'Internal', message: `${path}: internal error (please report): ${message}` };
    }
    const message = e.message.startsWith(path) ? e.message : `${path}: ${e.message}`;
    return { ok: false, code: e.code, message };
  } finally {
    opened?.close();
  }
}

function printOne(o: Outcome, path: string, args: Args, io: CliIO, several: boolean): void {
  if (!o.ok) {
    if (args.json) io.out(JSON.stringify({ file: path, error: { code: o.code, message: o.message } }) + '\n');
    io.err(`dumpdesk analyze: ${o.message}\n`);
    return;
  }
  if (args.json) io.out((several ? JSON.stringify(o.report) : JSON.stringify(o.report, null, 2)) + '\n');
  else io.out((several ? `==> ${path} <==\n` : '') + formatReportText(o.report) + (several ? '\n' : ''));
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'what crashed and why: WinDbg-style !analyze -v text, or --json',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv);
    const { files, emptyDirs } = expandInputs(args.inputs);
    let exit = EXIT_OK;
    for (const d of emptyDirs) {
      io.err(`dumpdesk analyze: ${d}: no *.dmp, *.mdmp or *.hdmp files in this folder\n`);
      exit = EXIT_BAD_INPUT;
    }
    const options: Omit<AnalyzeOptions, 'path'> = {};
    const symbols = symbolSupplierFor(args.symbolPaths);
    const several = files.length > 1 || emptyDirs.length > 0 || args.inputs.some((i) => !files.includes(i));
    for (const f of files) {
      const outcome = await analyzeFile(f, options, symbols);
      if (!outcome.ok) exit = EXIT_BAD_INPUT;
      printOne(outcome, f, args, io, several);
    }
    symbols?.close();
    return exit;
  },
};
