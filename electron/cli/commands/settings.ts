/**
 * `dumpdesk settings show|export|apply|undo`: the crash-related registry
 * settings, read and changed through a registry backend and the safe write
 * protocol (backup, read-back, restore on failure).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isDumpDeskError } from '../../../shared/errors';
import { parseRegFile, regFileToOps, writeRegFile, type RegOp } from '../../../shared/formats/regfile/index';
import type { RegChange, RegValue } from '../../../shared/registry/types';
import { describeValue } from '../../../shared/settings/describe';
import { validateChanges } from '../../../shared/settings/validate';
import { backupsDir } from '../../services/paths';
import type { RegistryBackend } from '../../services/registry/backend';
import { latestBackup } from '../../services/registry/backupFile';
import { planChanges, type ValueDiff } from '../../services/registry/changePlan';
import { exportCrashSettings, readCrashSettings } from '../../services/registry/crashSettingsKeys';
import { openRegistryBackend } from '../../services/registry/openRegistry';
import { SettingsError } from '../../services/registry/settingsError';
import { applyChanges } from '../../services/registry/writeProtocol';
import { type CliCommand, type CliIO, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

/** The change failed and the old values were restored (or nothing was changed). */
export const EXIT_WRITE_FAILED = 3;
/** The change failed and so did the restore: the registry may be half-written. */
export const EXIT_HALF_WRITTEN = 4;

const USAGE = `usage: dumpdesk settings show [--registry FILE.reg]
       dumpdesk settings export FILE.reg [--registry FILE.reg]
       dumpdesk settings apply FILE.reg [--dry-run] [--registry FILE.reg]
       dumpdesk settings undo [BACKUP.reg] [--registry FILE.reg]

The crash-related registry settings: CrashControl (Startup and Recovery), page
files, AeDebug (postmortem debugger, native and Wow6432Node), WER LocalDumps,
Dr. Watson, CrashOnCtrlScroll, Driver Verifier.

  show      print each value, decoded ("7 (automatic memory dump)")
  export    write them to a .reg file (UTF-16LE, as regedit writes)
  apply     apply a .reg file: values are checked first, a backup .reg of the
            values about to change is written to <user data>/backups, every
            value is read back, and on any failure the backup is applied
  --dry-run print each value that would change, old -> new, and write nothing
  undo      apply a backup (default: the newest one)

--registry FILE.reg uses a .reg file as the registry. Without it: the Windows
registry on Windows (changing HKLM needs administrator rights), elsewhere
dumpdesk-registry.reg in the user data folder (DUMPDESK_HOME, else
~/.config/dumpdesk or %APPDATA%\\DumpDesk).

Exit codes: 0 ok, 1 usage, 2 invalid or unreadable file (nothing written),
3 the change failed and the registry was left as it was, 4 the change failed
and restoring failed too (apply the named backup by hand).`;

interface Options {
  positional: string[];
  registry?: string;
  dryRun: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { positional: [], dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dry-run') o.dryRun = true;
    else if (a === '--registry') {
      const file = args[++i];
      if (!file) throw new UsageError('--registry needs a FILE.reg');
      o.registry = file;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else o.positional.push(a);
  }
  return o;
}

function openBackend(registry: string | undefined): Promise<RegistryBackend> {
  return openRegistryBackend({ registryFile: registry });
}

/** "CrashControl\CrashDumpEnabled", as people name a value. */
function shortName(key: string, name: string): string {
  return `${key.slice(key.lastIndexOf('\\') + 1)}\\${name === '' ? '@' : name}`;
}

function diffLine(d: ValueDiff): string {
  return `${shortName(d.key, d.name)}: ${describeValue(d.key, d.name, d.old)} -> ${describeValue(d.key, d.name, d.new)}`;
}

/** Value lines first (what people look for), then keys that appear or disappear. */
function printChanges(c: { diff: ValueDiff[]; keysCreated: string[]; keysDeleted: string[] }, io: CliIO): void {
  for (const d of c.diff) io.out(diffLine(d) + '\n');
  for (const k of c.keysCreated) io.out(`[${k}]: key created\n`);
  for (const k of c.keysDeleted) io.out(`[${k}]: key deleted\n`);
}

async function readRegFileOps(file: string): Promise<RegOp[]> {
  return regFileToOps(parseRegFile(new Uint8Array(await readFile(file))));
}

async function show(backend: RegistryBackend, io: CliIO): Promise<number> {
  io.out(`Source: ${backend.description}\n`);
  for (const { spec, blocks, error } of await readCrashSettings(backend)) {
    if (error) {
      io.out(`\n[${spec.path}]\n  (cannot read: ${error})\n`);
      continue;
    }
    if (blocks.length === 0) {
      io.out(`\n[${spec.path}]\n  (not present)\n`);
      continue;
    }
    for (const b of blocks) {
      io.out(`\n[${b.path}]\n`);
      if (b.values.length === 0) io.out('  (no values)\n');
      for (const v of b.values) {
        const value = 'value' in v ? (v.value as RegValue) : undefined;
        io.out(`  ${v.name === '' ? '@' : v.name} = ${describeValue(b.path, v.name, value)}\n`);
      }
    }
  }
  return EXIT_OK;
}

async function apply(backend: RegistryBackend, changes: RegOp[], dryRun: boolean, validate: boolean, io: CliIO): Promise<number> {
  const problems = validate ? validateChanges(changes.filter((c): c is RegChange => c.op !== 'create-key')) : [];
  if (problems.length > 0) {
    for (const p of problems) io.err(`invalid: [${p.key}] ${p.name === '' ? '@' : p.name}: ${p.message}\n`);
    io.err(`nothing was written: ${problems.length} invalid value(s)\n`);
    return EXIT_BAD_INPUT;
  }
  if (dryRun) {
    const plan = await planChanges(backend, changes);
    printChanges(plan, io);
    const nothing = plan.diff.length + plan.keysCreated.length + plan.keysDeleted.length === 0;
    io.out(nothing ? 'nothing would change\n' : `dry run: nothing was written (${plan.diff.length} value(s) would change)\n`);
    return EXIT_OK;
  }
  const result = await applyChanges(backend, changes, { backupDir: backupsDir() });
  printChanges(result, io);
  if (!result.backupFile) {
    io.out('nothing to change\n');
    return EXIT_OK;
  }
  io.out(`${result.diff.length} value(s) changed; backup: ${result.backupFile}\n`);
  io.out('CrashControl and page-file changes take effect after a restart.\n');
  return EXIT_OK;
}

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'show, export, apply (with backup and --dry-run) or undo the crash-related registry settings',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    const want = (n: number, what: string) => {
      if (o.positional.length > n) throw new UsageError(`unexpected argument ${o.positional[n]}`);
      if (o.positional.length < n) throw new UsageError(`missing ${what}`);
    };
    try {
      switch (action) {
        case 'show': {
          want(0, '');
          return await show(await openBackend(o.registry), io);
        }
        case 'export': {
          want(1, 'FILE.reg');
          const doc = await exportCrashSettings(await openBackend(o.registry));
          await writeFile(o.positional[0]!, writeRegFile(doc));
          io.out(`wrote ${doc.keys.length} key(s) to ${o.positional[0]}\n`);
          return EXIT_OK;
        }
        case 'apply': {
          want(1, 'FILE.reg');
          const changes = await readRegFileOps(o.positional[0]!);
          return await apply(await openBackend(o.registry), changes, o.dryRun, true, io);
        }
        case 'undo': {
          if (o.positional.length > 1) throw new UsageError(`unexpected argument ${o.positional[1]}`);
          const file = o.positional[0] ?? (await latestBackup(backupsDir()));
          if (!file) {
            io.err(`dumpdesk settings undo: no backup in ${backupsDir()}\n`);
            return EXIT_BAD_INPUT;
          }
          io.out(`applying backup ${file}\n`);
          // A backup holds the values as they were, valid or not: restore them unchecked.
          return await apply(await openBackend(o.registry), await readRegFileOps(file), o.dryRun, false, io);
        }
        default:
          throw new UsageError(action ? `unknown action '${action}'` : 'missing action: show, export, apply or undo');
      }
    } catch (e) {
      if (e instanceof SettingsError) {
        io.err(`dumpdesk settings: ${e.message}\n`);
        if (e.problems.length > 0) return EXIT_BAD_INPUT;
        return e.restored === false ? EXIT_HALF_WRITTEN : EXIT_WRITE_FAILED;
      }
      if (isDumpDeskError(e)) {
        io.err(`dumpdesk settings: ${e.message}\n`);
        return EXIT_BAD_INPUT;
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES') {
        io.err(`dumpdesk settings: ${(e as Error).message}\n`);
        return EXIT_BAD_INPUT;
      }
      throw e;
    }
  },
};
