import { defineCommand } from '../command';
import { CommandError } from '../errors';

export const analyze = defineCommand({
  name: '!analyze',
  family: 'Analysis',
  syntax: '!analyze [-v]',
  summary: 'analyze the crash: exception or bugcheck, faulting thread, stack, culprit module, bucket',
  help: '-v prints the full report (the same text as `dumpdesk analyze FILE`).',
  run({ session: s, out, args }) {
    const a = args.trim();
    if (a && a !== '-v' && a !== '-f') throw new CommandError(`!analyze: unsupported option '${a}' (supported: -v, -f)`);
    if (!s.analysis) throw new CommandError('!analyze is not available in this session: the analysis module is not loaded');
    out.line(s.analysis.analyzeText(s.dump, { verbose: a === '-v', path: s.path }).replace(/\n+$/, ''));
  },
});
