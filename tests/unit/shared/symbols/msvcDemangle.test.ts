import { describe, expect, it } from 'vitest';
import { demangleMsvc, withoutArguments } from '../../../../shared/symbols/msvcDemangle';
import { publicName } from '../../../../shared/symbols/pdbModuleSymbols';

describe('MSVC demangler (DIA-style: name and arguments)', () => {
  // Decorated names from the corpus PDBs; expected strings as dump_syms printed them (crash.sym) or undname prints them.
  const cases: [string, string][] = [
    ['?RequestDump@CrashGenerationClient@google_breakpad@@QAE_NPAU_EXCEPTION_POINTERS@@PAUMDRawAssertionInfo@@@Z',
      'google_breakpad::CrashGenerationClient::RequestDump(_EXCEPTION_POINTERS *,MDRawAssertionInfo *)'],
    ['?assign@?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@QAEAAV12@QB_WI@Z',
      'std::basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> >::assign(wchar_t const * const,unsigned int)'],
    ['??1?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@QAE@XZ',
      'std::basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> >::~basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> >()'],
    ['??4?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@QAEAAV01@$$QAV01@@Z',
      'std::basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> >::operator=(std::basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> > &&)'],
    ['?Initialize@ExceptionHandler@google_breakpad@@AAEXABV?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@P6A_NPAXPAU_EXCEPTION_POINTERS@@PAUMDRawAssertionInfo@@@ZP6A_NPB_W5123_N@Z1HW4_MINIDUMP_TYPE@@51PAVCrashGenerationClient@2@PBUCustomClientInfo@2@@Z',
      'google_breakpad::ExceptionHandler::Initialize(std::basic_string<wchar_t,std::char_traits<wchar_t>,std::allocator<wchar_t> > const &,bool (*)(void *,_EXCEPTION_POINTERS *,MDRawAssertionInfo *),bool (*)(wchar_t const *,wchar_t const *,void *,_EXCEPTION_POINTERS *,MDRawAssertionInfo *,bool),void *,int,_MINIDUMP_TYPE,wchar_t const *,void *,google_breakpad::CrashGenerationClient *,google_breakpad::CustomClientInfo const *)'],
    ['??_GCrashGenerationClient@google_breakpad@@QAEPAXI@Z', "google_breakpad::CrashGenerationClient::`scalar deleting destructor'(unsigned int)"],
    ['??2@YAPAXI@Z', 'operator new(unsigned int)'],
    ['??3@YAXPEAX_K@Z', 'operator delete(void *,unsigned __int64)'],
    ['?GUIDToWString@GUIDString@google_breakpad@@SA?AV?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@PAU_GUID@@@Z',
      'google_breakpad::GUIDString::GUIDToWString(_GUID *)'],
    ['??$_Buynode@ABUAppMemory@google_breakpad@@@?$_List_buy@UAppMemory@google_breakpad@@V?$allocator@UAppMemory@google_breakpad@@@std@@@std@@QAEPAU?$_List_node@UAppMemory@google_breakpad@@PAX@1@PAU21@0ABUAppMemory@google_breakpad@@@Z',
      'std::_List_buy<google_breakpad::AppMemory,std::allocator<google_breakpad::AppMemory> >::_Buynode<google_breakpad::AppMemory const &>(std::_List_node<google_breakpad::AppMemory,void *> *,std::_List_node<google_breakpad::AppMemory,void *> *,google_breakpad::AppMemory const &)'],
    ['??$?6U?$char_traits@D@std@@@std@@YAAEAV?$basic_ostream@DU?$char_traits@D@std@@@0@AEAV10@PEBD@Z',
      'std::operator<<<std::char_traits<char> >(std::basic_ostream<char,std::char_traits<char> > &,char const *)'],
    ['??$_Construct_in_place@PEADAEBQEAD@std@@YAXAEAPEADAEBQEAD@Z', 'std::_Construct_in_place<char *,char * const &>(char * &,char * const &)'],
    ['?meth1@A@@QAEXH@Z', 'A::meth1(int)'],
    ['?f@?A0x1234abcd@@YAXXZ', "`anonymous namespace'::f()"],
  ];
  for (const [m, want] of cases) it(m, () => expect(demangleMsvc(m)).toBe(want));

  it('gives up (undefined) on what it does not model, and never throws on junk', () => {
    expect(demangleMsvc('??Bsentry@?$basic_ostream@DU?$char_traits@D@std@@@std@@QEBA_NXZ')).toBeUndefined(); // conversion operator
    expect(demangleMsvc('?g_counter@@3HA')).toBeUndefined(); // data
    expect(demangleMsvc('_printf')).toBeUndefined();
    let seed = 11;
    const alphabet = '?@$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc';
    for (let k = 0; k < 2000; k++) {
      let s = '?';
      for (let j = 0; j < 30; j++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        s += alphabet[seed % alphabet.length];
      }
      const r = demangleMsvc(s);
      expect(r === undefined || typeof r === 'string').toBe(true);
    }
  });

  it('withoutArguments and publicName give WinDbg\'s frame names', () => {
    expect(withoutArguments('a::b<int>::f(int (*)(char),long)')).toBe('a::b<int>::f');
    expect(publicName('?meth1@A@@QAEXH@Z')).toBe('A::meth1');
    expect(publicName('_CxxThrowException@8')).toBe('CxxThrowException');
  });
});
