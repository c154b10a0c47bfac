import { scanPrivacy } from '../../../shared/analysis/privacy/scan';
import { isDumpDeskError } from '../../../shared/errors';
import { openDumpFile } from '../../services/openDumpFile';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk privacy FILE [--json]

Lists what a dump carries that can identify a person or leak data — user and
computer names, profile paths, command line and environment, e-mail
addresses, URLs, thread and handle names, comments — with where each sits,
and says in words how it compares with a Windows small memory dump.
\`dumpdesk redact\` writes a copy without it.`;

export const privacyCommand: CliCommand = {
  name: 'privacy',
  summary: 'list what a dump reveals about the person and machine it came from',
  usage: USAGE,
  async run(args, io) {
    const json = args.includes('--json');
    const rest = args.filter((a) => a !== '--json');
    const bad = rest.find((a) => a.startsWith('-'));
    if (bad) throw new UsageError(`unknown option ${bad}`);
    if (rest.length !== 1) throw new UsageError(rest.length ? 'takes exactly one FILE' : 'missing FILE');
    let opened;
    try {
      opened = openDumpFile(rest[0]!);
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      io.err(`dumpdesk privacy: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    try {
      const r = scanPrivacy(opened.dump);
      if (json) {
        io.out(JSON.stringify(r) + '\n');
        return EXIT_OK;
      }
      io.out(`${r.summary}\n${r.comparison}\n\n`);
      const w = Math.max(4, ...r.findings.map((f) => f.kind.length));
      for (const f of r.findings) {
        const where = [f.place.section, f.place.address, f.place.fileOffset !== undefined ? `file+0x${f.place.fileOffset.toString(16)}` : undefined].filter(Boolean).join(' ');
        io.out(`${f.kind.padEnd(w)}  ${JSON.stringify(f.value).slice(0, 100).padEnd(40)}  ${where}\n`);
      }
      if (r.findings.length === 0) io.out('(no findings)\n');
      return EXIT_OK;
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      io.err(`dumpdesk privacy: ${rest[0]}: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    } finally {
      opened.close();
    }
  },
};
