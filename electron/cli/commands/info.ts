import { describeKernelDump } from '../../../shared/formats/kernel/describe';
import { KernelDump } from '../../../shared/formats/kernel/kernelDump';
import { describeMinidump } from '../../../shared/formats/minidump/describe';
import { MinidumpDump } from '../../../shared/formats/minidump/minidumpDump';
import type { Dump } from '../../../shared/dump/types';
import { isDumpDeskError } from '../../../shared/errors';
import { openDumpFile } from '../../services/openDumpFile';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk info FILE

Prints the stream directory and every stream of a minidump, decoded (like
Breakpad's minidump_dump). For kernel dumps (PAGEDUMP/PAGEDU64), prints the
raw header fields with their offsets, the triage or bitmap header and the
driver lists. For other dump kinds, prints what the Dump interface knows.

Exit codes: 0 ok, 1 usage, 2 the file is unreadable or a stream is corrupt.`;

/** The Dump-interface view, for dumps that are not minidumps. */
function describeGeneric(dump: Dump): string {
  const s = dump.system();
  const lines = [
    `format   ${dump.format} (${dump.kind})`,
    `system   ${s.os} ${s.osVersion} ${s.cpuArch} x${s.cpuCount}`,
    `time     ${dump.timestamp()?.toISOString() ?? '(none)'}`,
  ];
  const b = dump.bugcheck();
  if (b) lines.push(`bugcheck 0x${b.code.toString(16)} (${b.parameters.map((p) => '0x' + p.toString(16)).join(', ')})`);
  const e = dump.exception();
  if (e) lines.push(`exception 0x${e.code.toString(16)} at 0x${e.address.toString(16)}`);
  lines.push(`threads  ${dump.threads().length}`, `modules  ${dump.modules().length}`);
  for (const m of dump.modules()) lines.push(`  0x${m.base.toString(16)} ${m.size.toString(16).padStart(8)} ${m.name}`);
  return lines.join('\n') + '\n';
}

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'print every stream of a dump, decoded (like minidump_dump)',
  usage: USAGE,
  async run(args, io) {
    const files = args.filter((a) => !a.startsWith('-'));
    const unknown = args.filter((a) => a.startsWith('-'));
    if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
    if (files.length !== 1) throw new UsageError(files.length ? 'takes exactly one FILE' : 'missing FILE');
    const path = files[0]!;
    let opened;
    try {
      opened = openDumpFile(path);
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      io.err(`dumpdesk info: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    try {
      if (opened.dump instanceof KernelDump) {
        io.out(describeKernelDump(opened.dump));
        return EXIT_OK;
      }
      if (!(opened.dump instanceof MinidumpDump)) {
        io.out(describeGeneric(opened.dump));
        return EXIT_OK;
      }
      const { text, errors } = describeMinidump(opened.dump);
      io.out(text + '\n');
      if (errors.length) {
        io.err(`dumpdesk info: ${path}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}\n`);
        return EXIT_BAD_INPUT;
      }
      return EXIT_OK;
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      io.err(`dumpdesk info: ${path}: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    } finally {
      opened.close();
    }
  },
};
