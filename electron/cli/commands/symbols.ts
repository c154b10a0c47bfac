import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { writeSym } from '../../../shared/formats/breakpad/symWriter';
import { readCodeView } from '../../../shared/formats/pe/codeView';
import { PeImage } from '../../../shared/formats/pe/peImage';
import { PdbFile } from '../../../shared/formats/pdb/pdbFile';
import { isDumpDeskError } from '../../../shared/errors';
import { pdataToCfi } from '../../../shared/symbols/pdataToCfi';
import { pdbToBreakpad, type PdbToBreakpadOptions } from '../../../shared/symbols/pdbToBreakpad';
import { peToBreakpad } from '../../../shared/symbols/peToBreakpad';
import { FileByteSource } from '../../services/fileByteSource';
import { type CliCommand, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command';

const PE_EXTENSIONS = ['.exe', '.dll', '.sys'];

/** The PE beside a PDB (same base name), for the INFO CODE_ID line. */
function peBeside(pdbPath: string): string | undefined {
  const stem = join(dirname(pdbPath), basename(pdbPath, extname(pdbPath)));
  return PE_EXTENSIONS.map((e) => stem + e).find((p) => existsSync(p));
}

/** The PDB a PE names in its CodeView record, looked for beside the PE. */
function pdbBeside(pePath: string, debugFile: string | undefined): string | undefined {
  const dir = dirname(pePath);
  const candidates = [debugFile, basename(pePath, extname(pePath)) + '.pdb'].filter((x): x is string => !!x);
  return candidates.map((c) => join(dir, c)).find((p) => existsSync(p));
}

/** x64 images carry their unwind data in .pdata: print it as STACK CFI (x86 frame data comes from the PDB). */
function stackFromPe(pe: PeImage): string[] | undefined {
  return pe.is64 ? pdataToCfi(pe) : undefined;
}

type NameStyle = NonNullable<PdbToBreakpadOptions['names']>;

function render(path: string, names: NameStyle): string {
  const src = new FileByteSource(path);
  try {
    if (extname(path).toLowerCase() === '.pdb') {
      const pdb = new PdbFile(src);
      const pePath = peBeside(path);
      let codeId: string | undefined;
      let stack: string[] | undefined;
      if (pePath) {
        const peSrc = new FileByteSource(pePath);
        try {
          const pe = PeImage.open(peSrc);
          codeId = pe.codeId;
          stack = stackFromPe(pe);
        } finally {
          peSrc.close();
        }
      }
      return writeSym(pdbToBreakpad(pdb, basename(path), { codeId, codeFile: pePath ? basename(pePath) : undefined, stack, names }));
    }
    const pe = PeImage.open(src);
    const cv = readCodeView(pe);
    const pdbPath = pdbBeside(path, cv?.debugFile);
    if (pdbPath) {
      const pdbSrc = new FileByteSource(pdbPath);
      try {
        return writeSym(pdbToBreakpad(new PdbFile(pdbSrc), cv?.debugFile ?? basename(pdbPath), { codeId: pe.codeId, codeFile: basename(path), stack: stackFromPe(pe), names }));
      } finally {
        pdbSrc.close();
      }
    }
    return writeSym({ ...peToBreakpad(pe, basename(path)), stack: stackFromPe(pe) });
  } finally {
    src.close();
  }
}

export const symbolsCommand: CliCommand = {
  name: 'symbols',
  summary: 'print what a PDB or PE holds, in Breakpad .sym text (diffable with dump_syms)',
  usage: [
    'usage: dumpdesk symbols FILE.pdb|FILE.exe|FILE.dll|FILE.sys [--names breakpad|mozilla]',
    '',
    'Prints MODULE, INFO CODE_ID, FILE, FUNC (+ line records) and PUBLIC records,',
    'then STACK WIN (x86 frame data from the PDB) or STACK CFI (x64 .pdata of the PE beside it).',
    'A PE uses the PDB beside it when there is one, else lists its exports.',
    'C++ functions are named by their decorated public (with argument lists), others by the PDB\'s name,',
    'as Breakpad\'s dump_syms does. --names mozilla prints static functions from their type, as',
    'Mozilla\'s Rust dump_syms did ("static int f()", "static void g(struct _CONTEXT *)").',
  ].join('\n'),
  async run(args, io) {
    const rest = [...args];
    let names: NameStyle = 'breakpad';
    const at = rest.indexOf('--names');
    if (at >= 0) {
      const v = rest[at + 1];
      if (v !== 'breakpad' && v !== 'mozilla') throw new UsageError('--names takes breakpad or mozilla');
      names = v;
      rest.splice(at, 2);
    }
    if (rest.length !== 1) throw new UsageError('expects exactly one file');
    const path = rest[0]!;
    try {
      io.out(render(path, names));
      return EXIT_OK;
    } catch (e) {
      if (isDumpDeskError(e)) {
        io.err(`dumpdesk symbols: ${path}: ${e.message}\n`);
        return EXIT_BAD_INPUT;
      }
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
        io.err(`dumpdesk symbols: ${path}: cannot open (${code})\n`);
        return EXIT_BAD_INPUT;
      }
      throw e;
    }
  },
};
