import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../../shared/analysis/analyze';
import { redactMinidump } from '../../../shared/analysis/privacy/redact';
import { reportWithoutPersonalData } from '../../../shared/analysis/privacy/reportOnly';
import { scanPrivacy } from '../../../shared/analysis/privacy/scan';
import { MemoryByteSource } from '../../../shared/bytes/byteSource';
import { openDump } from '../../../shared/dump/openDump';
import { isDumpDeskError } from '../../../shared/errors';
import { MinidumpDump } from '../../../shared/formats/minidump/minidumpDump';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk redact FILE --out FILE [--keep-stacks] [--strip-strings]

Writes a copy of a user-mode minidump that keeps what analysis needs (system
info, exception, registers, module list, module code) and zero-fills the
rest: other memory, comments, handles, thread names, vendor streams. User
names in paths are replaced by same-length stand-ins, consistently.

  --keep-stacks    keep the crashing thread's stack (needed for its full call stack)
  --strip-strings  also zero readable strings inside the memory that is kept

Kernel dumps cannot be redacted into a valid file; for them the output is the
JSON analysis without personal fields (report-only export).`;

/** Dumps are read whole to rewrite them; beyond this, say so instead of exhausting memory. */
const MAX_BYTES = 2 ** 31;

export const redactCommand: CliCommand = {
  name: 'redact',
  summary: 'write a copy of a dump that is safe to share',
  usage: USAGE,
  async run(args, io) {
    let out: string | undefined;
    const files: string[] = [];
    const flags = new Set<string>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--out') out = args[++i];
      else if (a === '--keep-stacks' || a === '--strip-strings') flags.add(a);
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError(files.length ? 'takes exactly one FILE' : 'missing FILE');
    if (!out) throw new UsageError('missing --out FILE');
    const input = files[0]!;
    if (resolve(input) === resolve(out)) throw new UsageError('--out must be a different file: the original is never overwritten');
    let bytes: Uint8Array;
    try {
      const buf = readFileSync(input);
      if (buf.length > MAX_BYTES) throw new Error(`${buf.length} bytes is more than redact handles (2 GB)`);
      bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    } catch (e) {
      io.err(`dumpdesk redact: ${input}: cannot read: ${(e as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    try {
      const dump = openDump(new MemoryByteSource(bytes));
      let written: Uint8Array;
      let message: string;
      if (dump instanceof MinidumpDump) {
        const scan = scanPrivacy(dump);
        const r = redactMinidump(dump, bytes, scan.userNames, { keepStacks: flags.has('--keep-stacks'), stripStrings: flags.has('--strip-strings') });
        written = r.bytes;
        const users = Object.entries(r.replacedUsers).map(([a, b]) => `'${a}' → '${b}'`).join(', ');
        message = `kept ${r.keptStreams.join(', ')}; dropped ${r.droppedStreams.join(', ') || 'no stream'}; memory kept ${r.keptMemoryBytes} bytes, dropped ${r.droppedMemoryBytes}${users ? `; user names replaced: ${users}` : ''}`;
      } else {
        written = new TextEncoder().encode(JSON.stringify(reportWithoutPersonalData(analyze(dump)), null, 2) + '\n');
        message = 'kernel dumps cannot be redacted into a valid dump file (their memory is linked through page tables); wrote the report-only export: the JSON analysis without personal fields';
      }
      const tmp = `${out}.tmp-${process.pid}`;
      writeFileSync(tmp, written);
      renameSync(tmp, out);
      io.out(`${out}: ${message}\n`);
      return EXIT_OK;
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      io.err(`dumpdesk redact: ${input}: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};
