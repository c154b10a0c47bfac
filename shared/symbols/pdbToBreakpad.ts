import { isDumpDeskError } from '../errors';
import type { PdbFunction } from '../formats/pdb/moduleStream';
import type { PdbTypeStream } from '../formats/pdb/typeStream';
import { stackWinLine } from '../formats/pdb/frameData';
import type { PdbFile } from '../formats/pdb/pdbFile';
import type { SymFunc, SymModuleText, SymPublic } from '../formats/breakpad/symWriter';
import { lowerBound } from '../formats/common/rvaSearch';
import { demangleMsvc, withoutArguments } from './msvcDemangle';
import { undecorateCName } from './undecorate';

// CV_PUBSYMFLAGS bits.
const PUB_CODE = 1;
const PUB_FUNCTION = 2;

export interface PdbToBreakpadOptions {
  /** From the matching PE, for the INFO CODE_ID line. */
  codeId?: string;
  codeFile?: string;
  /** Ready-made STACK lines (e.g. from the PE's .pdata); default: the PDB's x86 frame data as STACK WIN. */
  stack?: string[];
  /**
   * Whose dump_syms the names of functions without a C++ decorated public follow:
   * - 'breakpad' (default): Google Breakpad's dump_syms (DIA) keeps the PDB's bare
   *   name, static functions included (crash.sym: "pre_c_initialization").
   * - 'mozilla': Mozilla's Rust dump_syms as of 2019 prints a static function
   *   (S_LPROC32) from its type information: "static " + return type + name +
   *   argument list, with the class-key before user-defined types
   *   ("static void capture_previous_context(struct _CONTEXT *)", CrashWithException.pdb.sym);
   *   one with no type (funclets) as "static  name()".
   */
  names?: 'breakpad' | 'mozilla';
}

/**
 * What a PDB holds, as a Breakpad symbol file model (what `dump_syms` prints):
 * functions from module streams with their C13 lines, and public symbols
 * that no function already covers. Functions sharing an address (identical
 * code folding) become one FUNC with the `m` flag. Names: C++ functions take
 * their signature from the decorated public of the same name, as DIA does;
 * others keep the PDB's name, or, with `names: 'mozilla'`, static functions
 * are printed from their type (see PdbToBreakpadOptions.names).
 */
export function pdbToBreakpad(pdb: PdbFile, debugFile: string, opts: PdbToBreakpadOptions = {}): SymModuleText {
  // Identical code folding: several procedures at one address become one FUNC
  // with the `m` flag; the smallest name is kept so the output is stable, and
  // the lines are those of the module whose section contribution holds the
  // address (the copy the linker kept), as dump_syms prints them.
  const chosen: PdbFunction[] = [];
  const multiple = new Set<number>();
  for (const f of pdb.allFunctions()) {
    const last = chosen[chosen.length - 1];
    if (last && last.rva === f.rva) {
      multiple.add(f.rva);
      if (f.name < last.name) chosen[chosen.length - 1] = f;
      continue;
    }
    chosen.push(f);
  }

  const signatures = signaturesByName(pdb);
  // A missing or corrupt type stream gives no signatures: names stay bare.
  const types = opts.names === 'mozilla' ? pdb.typesIfReadable : undefined;
  const nameOf = (f: PdbFunction): string => signatureOf(signatures, f) ?? (types && staticSignature(types, f)) ?? f.name;
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const funcs: SymFunc[] = chosen.map((f) => {
    const lines = pdb.moduleSymbols(multiple.has(f.rva) ? (pdb.moduleAt(f.rva) ?? f.module) : f.module).lines;
    const out: SymFunc = { rva: f.rva, size: f.size, paramSize: 0, name: nameOf(f), lines: [], multiple: multiple.has(f.rva) || undefined };
    // Zero-size lines (a line with no code of its own) are kept, as dump_syms does.
    for (let i = lowerBound(lines, f.rva); i < lines.length && lines[i]!.rva < f.rva + f.size; i++) {
      const l = lines[i]!;
      let idx = fileIndex.get(l.file);
      if (idx === undefined) {
        idx = files.length;
        files.push(l.file);
        fileIndex.set(l.file, idx);
      }
      out.lines.push({ rva: l.rva, size: Math.min(l.size, f.rva + f.size - l.rva), line: l.line, file: idx });
    }
    return out;
  });

  const funcStarts = new Set(funcs.map((f) => f.rva));
  const publics: SymPublic[] = [];
  for (const p of pdb.publics.all()) {
    // Data publics (imports, globals) are not code: dump_syms leaves them out.
    if (!(p.flags & (PUB_CODE | PUB_FUNCTION)) || funcStarts.has(p.rva)) continue;
    const demangled = p.name.startsWith('?') ? demangleMsvc(p.name) : undefined;
    const u = demangled ? { name: demangled, paramSize: 0 } : undecorateCName(p.name);
    const last = publics[publics.length - 1];
    if (last && last.rva === p.rva) {
      last.multiple = true;
      continue;
    }
    publics.push({ rva: p.rva, paramSize: u.paramSize, name: u.name });
  }

  return {
    os: 'windows',
    cpu: pdb.cpu,
    debugId: pdb.debugId,
    debugFile,
    codeId: opts.codeId,
    codeFile: opts.codeFile,
    files,
    funcs,
    publics,
    // x86 frame data from the PDB (dump_syms' STACK WIN); x64 callers pass .pdata CFI from the PE.
    stack: opts.stack ?? pdb.frameRecords.map(stackWinLine),
  };
}

/**
 * Full signatures ("ns::f(int)") of the C++ publics, by their name without
 * arguments. DIA, and so dump_syms, names a function by the decorated public
 * of the same name, which is how argument lists reach FUNC records; C
 * functions and static functions have no such public and keep their bare name.
 */
function signaturesByName(pdb: PdbFile): Map<string, { rva: number; full: string }[]> {
  const out = new Map<string, { rva: number; full: string }[]>();
  for (const p of pdb.publics.all()) {
    if (!p.name.startsWith('?')) continue;
    const full = demangleMsvc(p.name);
    if (!full) continue;
    const key = withoutArguments(full);
    const list = out.get(key);
    if (list) list.push({ rva: p.rva, full });
    else out.set(key, [{ rva: p.rva, full }]);
  }
  return out;
}

/** The public's signature for `f`: the one at the same address first, else the first overload of that name. */
function signatureOf(signatures: Map<string, { rva: number; full: string }[]>, f: PdbFunction): string | undefined {
  const list = signatures.get(f.name);
  if (!list) return undefined;
  return (list.find((s) => s.rva === f.rva) ?? list[0]!).full;
}

/**
 * Mozilla dump_syms' name for a static function: "static int f()", "static void
 * g(struct _CONTEXT *)"; "static  f()" when it has no type. Undefined for global
 * functions and when the type cannot be read.
 */
function staticSignature(types: PdbTypeStream, f: PdbFunction): string | undefined {
  if (f.global || f.typeIsItemId) return undefined;
  if (f.typeIndex === 0) return `static  ${f.name}()`;
  try {
    const ret = types.returnType(f.typeIndex);
    const returns = ret === undefined ? undefined : types.typeName(ret, { tagKeywords: true });
    const args = types.argumentList(f.typeIndex, { tagKeywords: true });
    return returns !== undefined && args !== undefined ? `static ${returns} ${f.name}${args}` : undefined;
  } catch (e) {
    if (!isDumpDeskError(e)) throw e;
    return undefined;
  }
}
