// FUNC names of pdbToBreakpad against the two dump_syms outputs in the corpus. The two .sym
// files come from different tools: crash.sym from Breakpad's dump_syms (DIA), which leaves
// static functions bare ("pre_c_initialization"); CrashWithException.pdb.sym from Mozilla's
// Rust dump_syms (2019), which prints them from their type ("static int pre_c_initialization()").
// `names` picks the form. The only other differences are the one-underscore quirk of both
// dump_syms (C names without a C++ public lose one leading "_"), which we do not copy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '../../../../shared/bytes/byteSource';
import { parseSym } from '../../../../shared/formats/breakpad/symFile';
import { PdbFile } from '../../../../shared/formats/pdb/index';
import { pdbToBreakpad, type PdbToBreakpadOptions } from '../../../../shared/symbols/pdbToBreakpad';
import { corpusPath, readCorpus } from '../../../helpers/corpus';

/** FUNC names that equal dump_syms' at the same address, and those that differ only by dump_syms' one leading underscore. */
function compare(pdb: string, sym: string, names: PdbToBreakpadOptions['names']) {
  const ours = pdbToBreakpad(new PdbFile(new MemoryByteSource(readCorpus('pe-pdb', pdb))), pdb, { names });
  const theirs = parseSym(readFileSync(corpusPath('pe-pdb', sym), 'utf8'));
  const byRva = new Map(ours.funcs.map((f) => [f.rva, f.name]));
  const same: string[] = [];
  const underscore: string[] = [];
  const other: string[] = [];
  for (const f of theirs.funcs) {
    const n = byRva.get(f.rva);
    if (n === f.name) same.push(n);
    else if (n === `_${f.name}`) underscore.push(n);
    else other.push(`${n} <> ${f.name}`);
  }
  return { total: theirs.funcs.length, same, underscore, other };
}

describe('pdbToBreakpad FUNC names vs dump_syms', () => {
  it('crash.pdb, Breakpad names (default): 90 of 92 equal crash.sym, the other 2 differ by the underscore quirk', () => {
    const r = compare('crash.pdb', 'crash.sym', undefined);
    expect([r.total, r.same.length, r.underscore.length, r.other]).toEqual([92, 90, 2, []]);
    expect(r.underscore).toEqual(['__SEH_prolog4', '__SEH_epilog4']);
    expect(r.same).toEqual(expect.arrayContaining([
      'main', 'pre_c_initialization', "`anonymous namespace'::callback", '__scrt_common_main_seh',
      'google_breakpad::ExceptionHandler::HandleException(_EXCEPTION_POINTERS *)',
      'std::basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> >::assign(wchar_t const * const,unsigned int)',
    ]));
  });

  it('CrashWithException.pdb, Mozilla names: 33 of 66 equal CrashWithException.pdb.sym (25 before the TPI reader), the other 33 differ by the underscore quirk', () => {
    const r = compare('CrashWithException.pdb', 'CrashWithException.pdb.sym', 'mozilla');
    expect([r.total, r.same.length, r.underscore.length, r.other]).toEqual([66, 33, 33, []]);
    expect(r.same).toEqual(expect.arrayContaining([
      'static int pre_c_initialization()', 'static int post_pgo_initialization()', 'static void pre_cpp_initialization()',
      'static int __scrt_common_main_seh()', 'static void capture_previous_context(struct _CONTEXT *)',
      "static  `test'::`1'::dtor$0()", "static  `__scrt_common_main_seh'::`1'::filt$0()",
      'static  __scrt_is_nonwritable_in_current_image$filt$0()',
      'main', 'crashing_function()', 'operator new(unsigned __int64)',
    ]));
    expect(r.underscore).toEqual(expect.arrayContaining(['__local_stdio_printf_options', '__security_check_cookie', '__scrt_initialize_crt']));
  });

  it('each style only helps the .sym written by its tool', () => {
    // Breakpad names on the Mozilla-written file: the 8 static functions stay bare.
    const bare = compare('CrashWithException.pdb', 'CrashWithException.pdb.sym', 'breakpad');
    expect([bare.same.length, bare.underscore.length, bare.other.length]).toEqual([25, 33, 8]);
    expect(bare.other).toContain('capture_previous_context <> static void capture_previous_context(struct _CONTEXT *)');
    // Mozilla names on the Breakpad-written file: its 7 static functions get signatures crash.sym does not have.
    const typed = compare('crash.pdb', 'crash.sym', 'mozilla');
    expect([typed.same.length, typed.underscore.length, typed.other.length]).toEqual([83, 2, 7]);
    expect(typed.other).toContain('static struct _IMAGE_SECTION_HEADER * find_pe_section(unsigned char * const,unsigned int) <> find_pe_section');
  });
});
