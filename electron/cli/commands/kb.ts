import { analyze } from '../../../shared/analysis/analyze';
import { findKnownIssues } from '../../../shared/analysis/knowledge/match';
import { isDumpDeskError } from '../../../shared/errors';
import { exportKnowledge, importKnowledge, loadKnowledgeBase, userKnowledgeFile } from '../../services/knowledgeBase';
import { openDumpFile } from '../../services/openDumpFile';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const USAGE = `usage: dumpdesk kb list
       dumpdesk kb match FILE
       dumpdesk kb import FILE.json
       dumpdesk kb export FILE.json

The known-issues knowledge base: bug check / exception patterns with an
explanation, the fix and the source of each. DumpDesk ships a first set;
your own entries (import) are kept in the user-data folder and win over
shipped ones with the same id.

  list      every entry: id, what it matches, title
  match     the entries that explain the crash in a dump
  import    validate a file and merge its entries into yours
  export    write the merged base (shipped + yours) to a file`;

export const kbCommand: CliCommand = {
  name: 'kb',
  summary: 'the known-issues knowledge base: list, match a dump, import, export',
  usage: USAGE,
  async run(args, io) {
    const [verb, file, ...extra] = args;
    if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
    try {
      switch (verb) {
        case 'list': {
          if (file) throw new UsageError('list takes no argument');
          for (const i of loadKnowledgeBase().issues) {
            const m = Object.entries(i.match).map(([k, v]) => `${k}=${v}`).join(' ');
            io.out(`${i.id.padEnd(36)} ${m.padEnd(34)} ${i.title}\n`);
          }
          return EXIT_OK;
        }
        case 'match': {
          if (!file) throw new UsageError('match needs a dump FILE');
          const opened = openDumpFile(file);
          try {
            const hits = findKnownIssues(loadKnowledgeBase(), analyze(opened.dump, { path: file }));
            if (hits.length === 0) io.out('No known issue matches this crash.\n');
            for (const i of hits) io.out(`${i.title}\n\n${i.explanation}\n\nFix: ${i.fix}\nSource: ${i.source}\n\n`);
            return EXIT_OK;
          } finally {
            opened.close();
          }
        }
        case 'import': {
          if (!file) throw new UsageError('import needs a FILE.json');
          const r = importKnowledge(file);
          io.out(`${r.added} entr${r.added === 1 ? 'y' : 'ies'} added, ${r.replaced} replaced in ${userKnowledgeFile()}\n`);
          return EXIT_OK;
        }
        case 'export': {
          if (!file) throw new UsageError('export needs a FILE.json');
          io.out(`${exportKnowledge(file)} entries written to ${file}\n`);
          return EXIT_OK;
        }
        default:
          throw new UsageError(verb ? `unknown action '${verb}'` : 'missing action (list, match, import, export)');
      }
    } catch (e) {
      if (!isDumpDeskError(e)) throw e;
      io.err(`dumpdesk kb: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};
