// `dumpdesk symbols` on the corpus PDBs vs the .sym files Breakpad's dump_syms
// wrote from them (../shared/corpus/pe-pdb). Every FUNC, PUBLIC, line and STACK record
// is compared: address, size, the `m` (multiple) flag, and the name.
//
// FUNC names: like DIA (and so dump_syms), we take a function's argument list from the
// decorated C++ public of the same name (demangled). crash.sym (Breakpad's C++ dump_syms)
// then matches exactly, except for this systematic difference:
//  1. One leading underscore. dump_syms runs C-name undecoration over names of functions
//     that have no C++ public ("__SEH_prolog4" → "_SEH_prolog4", assembly routines); we
//     keep the PDB's name, which is what WinDbg shows.
// CrashWithException.pdb.sym was written by Mozilla's Rust dump_syms (2019), which in addition:
//  2. strips one leading "_" from every such name ("__security_check_cookie" → "_security…");
//  3. formats static functions from type information ("static int pre_c_initialization()",
//     "static void capture_previous_context(struct _CONTEXT *)"). `dumpdesk symbols --names
//     mozilla` does the same from the TPI stream, so it is run that way here and 3 matches exactly.
// `comparableName` takes 2 off; each such FUNC is listed as an expected difference and counted.
// PUBLIC names need no normalization: we undecorate C publics like dump_syms.
// FUNC parameter sizes are not compared: dump_syms derives them from DIA's view of the
// function's stack parameters, which we do not reproduce (we print 0).
// Record order differs: Rust dump_syms interleaves FUNC and PUBLIC by address,
// we print all FUNCs then all PUBLICs (both orders are valid .sym files).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSym, type BreakpadSymbols } from '../../shared/formats/breakpad/symFile';
import { runCli } from '../helpers/cli';
import { corpusPath } from '../helpers/corpus';

const runSymbols = (path: string, ...flags: string[]) => runCli(['symbols', path, ...flags]);

/** The name with dump_syms' additions taken off (see the header comment). */
function comparableName(name: string): string {
  let n = name;
  // Drop a trailing argument list: the last top-level "(...)" (plus " const" etc.).
  if (n.endsWith(')') || / const$/.test(n)) {
    let depth = 0;
    for (let i = n.length - 1; i >= 0; i--) {
      const c = n[i];
      if (c === ')') depth++;
      else if (c === '(') {
        depth--;
        if (depth === 0) { n = n.slice(0, i); break; }
      }
    }
  }
  // Drop "static ", a return type, "struct " etc. before the qualified name: keep the last space-free run.
  const lastTop = topLevelLastSpace(n);
  if (lastTop >= 0) n = n.slice(lastTop + 1);
  return n.replace(/^_+/, '');
}

/** Index of the last space outside <> and `' quotes, or -1. */
function topLevelLastSpace(s: string): number {
  let depth = 0;
  let quote = false;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === '\'' ) quote = !quote;
    else if (c === '`') quote = !quote;
    else if (!quote && c === '>') depth++;
    else if (!quote && c === '<') depth--;
    else if (!quote && depth === 0 && c === ' ') return i;
  }
  return -1;
}

const cases = [
  { pdb: 'crash.pdb', sym: 'crash.sym', rust: false, differences: ['__SEH_prolog4', '__SEH_epilog4'] },
  {
    pdb: 'CrashWithException.pdb', sym: 'CrashWithException.pdb.sym', rust: true,
    // Every global FUNC without a C++ public: C runtime functions (difference 2).
    differences: [
      '__local_stdio_printf_options', '__security_check_cookie', '__raise_securityfailure', '__report_gsfailure',
      '__scrt_acquire_startup_lock', '__scrt_initialize_crt', '__scrt_initialize_onexit_tables',
      '__scrt_is_nonwritable_in_current_image', '__scrt_release_startup_lock', '__scrt_uninitialize_crt', '_onexit',
      '__security_init_cookie', '__scrt_initialize_winrt', '_get_startup_argv_mode', '_get_startup_file_mode',
      '__scrt_stub_for_acrt_initialize', '_guard_check_icall_nop', '__local_stdio_scanf_options',
      '__scrt_initialize_default_local_stdio_options', '__scrt_is_user_matherr_present', '__scrt_get_dyn_tls_init_callback',
      '__scrt_get_dyn_tls_dtor_callback', '__crt_debugger_hook', '__scrt_fastfail', '__scrt_initialize_mta',
      '__scrt_is_managed_app', '__scrt_set_unhandled_exception_filter', '__scrt_unhandled_exception_filter',
      '_RTC_Initialize', '_RTC_Terminate', '__isa_available_init', '__scrt_is_ucrt_dll_in_use', '_guard_dispatch_icall_nop',
    ],
  },
];

describe('dumpdesk symbols vs dump_syms', () => {
  for (const c of cases) {
    describe(c.pdb, () => {
      let ours: BreakpadSymbols;
      let oursText = '';
      let theirs: BreakpadSymbols;
      it('prints a .sym file with the same MODULE and INFO CODE_ID lines', async () => {
        const r = await runSymbols(corpusPath('pe-pdb', c.pdb), ...(c.rust ? ['--names', 'mozilla'] : []));
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        oursText = r.out;
        ours = parseSym(r.out);
        theirs = parseSym(readFileSync(corpusPath('pe-pdb', c.sym), 'utf8'));
        expect(ours.problems).toEqual([]);
        expect(ours.module).toEqual(theirs.module);
        expect(ours.codeId).toBe(theirs.codeId);
      });

      it('has every FUNC record: address, size, m flag, and the name (exactly, or with a documented difference)', () => {
        expect(ours.funcs.length).toBe(theirs.funcs.length);
        const differences: string[] = [];
        ours.funcs.forEach((f, i) => {
          const t = theirs.funcs[i]!;
          expect({ rva: f.rva, size: f.size, multiple: f.multiple }).toEqual({ rva: t.rva, size: t.size, multiple: t.multiple });
          if (f.name === t.name) return;
          differences.push(f.name);
          if (c.rust) expect(comparableName(f.name), `FUNC ${f.rva.toString(16)}`).toBe(comparableName(t.name));
          else expect(f.name, `FUNC ${f.rva.toString(16)}`).toBe(`_${t.name}`); // difference 1
        });
        expect(differences).toEqual(c.differences);
      });

      it('has every PUBLIC record with the identical name and parameter size', () => {
        expect(ours.publics.map((p) => [p.rva, p.paramSize, p.name, p.multiple])).toEqual(
          theirs.publics.map((p) => [p.rva, p.paramSize, p.name, p.multiple]));
      });

      it('STACK lines are identical: STACK WIN from the PDB\'s frame data (x86), STACK CFI from the PE\'s .pdata (x64)', () => {
        const stackOf = (t: string) => t.split(/\r?\n/).filter((l) => l.startsWith('STACK '));
        const want = stackOf(readFileSync(corpusPath('pe-pdb', c.sym), 'utf8'));
        expect(want.length).toBeGreaterThan(80);
        expect(stackOf(oursText)).toEqual(want);
      });

      it('line records: same (address, line, file name) set for every function', () => {
        let compared = 0;
        ours.funcs.forEach((f, i) => {
          const t = theirs.funcs[i]!;
          const key = (s: BreakpadSymbols, l: { rva: number; line: number; file: number }) => `${l.rva.toString(16)} ${l.line} ${s.files.get(l.file)!.toLowerCase()}`;
          expect(f.lines.map((l) => key(ours, l)), `lines of ${f.name}`).toEqual(t.lines.map((l) => key(theirs, l)));
          compared += f.lines.length;
        });
        expect(compared).toBeGreaterThan(300);
      });
    });
  }

  it('a file that is neither PDB nor PE exits 2 with the reason', async () => {
    const r = await runSymbols(corpusPath('pe-pdb', 'crash.sym'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no "MZ" signature/);
  });
});
