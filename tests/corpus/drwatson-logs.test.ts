// Every Dr. Watson log excerpt in ../shared/corpus/drwatson, parsed and
// checked against values read off the text by hand.
import { describe, expect, it } from 'vitest';
import { decodeDrWatsonLog, parseDrWatsonLog, systemInformationValue } from '../../shared/formats/drwatson/parseLog';
import type { DrWatsonEntry } from '../../shared/formats/drwatson/model';
import { listCorpus, readCorpus } from '../helpers/corpus';

function only(file: string): DrWatsonEntry {
  const log = parseDrWatsonLog(decodeDrWatsonLog(readCorpus('drwatson', file)));
  expect(log.entries).toHaveLength(1);
  return log.entries[0]!;
}

const ACCESS_VIOLATION = 0xc0000005;

describe('Dr. Watson corpus logs', () => {
  it('covers every file in the corpus folder', () => {
    expect(listCorpus('drwatson')).toEqual([
      'kb_Q165404_ntvdm.drwtsn32-excerpt.txt',
      'kb_Q179049_dsamain.drwtsn32-excerpt.txt',
      'kb_Q181027_snaexp.drwtsn32-excerpt.txt',
      'kb_Q235602_services-browser.drwtsn32-excerpt.txt',
      'kb_Q254000_snaservr.drwtsn32-excerpt.txt',
      'kb_Q284919_dfsadmin.drwtsn32-excerpt.txt',
      'kb_Q309003_getrt.drwtsn32-excerpt.txt',
    ]);
  });

  it('Q165404 ntvdm: header, system information, task list, thread 0x144 with FAULT and an 11-frame back trace', () => {
    const e = only('kb_Q165404_ntvdm.drwtsn32-excerpt.txt');
    expect([e.app, e.pid, e.when, e.exceptionCode, e.exceptionName]).toEqual(['exe\\ntvdm.dbg', 66, '10/31/1997 @ 20:2:35.562', ACCESS_VIOLATION, 'access violation']);
    expect(e.systemInformation).toHaveLength(9);
    expect(systemInformationValue(e, 'Computer Name')).toBe('SERVERNAME');
    expect(systemInformationValue(e, 'Current Build')).toBe('1381');
    expect(systemInformationValue(e, 'Registered Owner')).toBe('Equitable Real Estate');
    expect(e.taskList).toHaveLength(23);
    expect(e.taskList[0]).toEqual({ pid: 0, name: 'Idle.exe' });
    expect(e.taskList.find((t) => t.pid === 66)?.name).toBe('ntvdm.exe');
    expect(e.taskList[22]).toEqual({ pid: 0, name: '_Total.exe' });
    expect(e.threads).toHaveLength(1);
    const t = e.threads[0]!;
    expect(t.threadId).toBe(0x144);
    expect(t.registers.eip).toBe(0x0f0471ban);
    expect(t.registers.esi).toBe(0x4300b84an);
    expect(t.registers.efl).toBe(0x202n);
    expect(t.registers.fs).toBe(0x3bn);
    expect(t.flags).toEqual(['nv', 'up', 'ei', 'pl', 'nz', 'na', 'pe', 'nc']);
    expect(t.function).toBe('DpmiFreeXmem');
    expect(t.disassembly).toHaveLength(20);
    expect(t.disassembly[3]).toEqual({ address: 0x0f0471a6n, bytes: '0fb7051c11090f', text: 'movzx eax,word ptr [VdmTib+0xb6c (0f09111c)]', memory: 'ds:0f09111c=b84a', fault: false });
    expect(t.fault).toEqual({ address: 0x0f0471ban, bytes: '8b06', text: 'mov eax,[esi]', memory: 'ds:4300b84a=????????', fault: true });
    expect(t.fault!.address).toBe(t.registers.eip);
    expect(t.stackBackTrace).toHaveLength(11);
    expect(t.stackBackTrace[0]).toEqual({
      framePointer: 0x0111fe30n, returnAddress: 0x0f001227n, params: [0x00c74b9an, 0x0111ff3cn, 0x0f001339n, 0x0f0025acn],
      functionText: 'ntvdm!DpmiFreeXmem [omap]  (FPO: [0,0,0])', symbol: 'ntvdm!DpmiFreeXmem',
    });
    expect(t.stackBackTrace[9]!.symbol).toBe('kernel32!BaseProcessStart');
    expect(t.stackBackTrace[10]!.symbol).toBe('ntvdm!__wargv');
    expect(e.excerpt).toBe(false);
  });

  it('Q179049 dsamain: two processors, empty Registered Organization, wrapped frames joined', () => {
    const e = only('kb_Q179049_dsamain.drwtsn32-excerpt.txt');
    expect([e.app, e.pid]).toEqual(['dsamain.DBG', 112]);
    expect(systemInformationValue(e, 'Number of Processors')).toBe('2');
    expect(systemInformationValue(e, 'Registered Organization')).toBe('');
    expect(systemInformationValue(e, 'Current Type')).toBe('Multiprocessor Free');
    const t = e.threads[0]!;
    expect(t.threadId).toBe(0xca);
    expect(t.registers.eip).toBe(0x0041818dn);
    expect(t.flags).toEqual(['nv', 'up', 'ei', 'pl', 'zr', 'na', 'po', 'nc']);
    expect(t.function).toBe('PutDistName');
    expect(t.fault).toEqual({ address: 0x0041818dn, bytes: '668b4802', text: 'mov cx,[eax+0x2]', memory: 'ds:0139ea07=????', fault: true });
    expect(t.stackBackTrace).toHaveLength(10);
    expect(t.stackBackTrace[0]!.functionText).toBe('dsamain!PutDistName [omap]');
    expect(t.stackBackTrace[2]!.functionText).toBe('dsamain!XDSError [omap]');
    expect(t.stackBackTrace[6]!.symbol).toBe('rpcrt4!<nosymbols>');
    expect(t.stackBackTrace[9]).toMatchObject({ framePointer: 0x00168ff8n, returnAddress: 0x10n, symbol: 'rpcrt4!I_RpcTransServerUnprotectThread' });
  });

  it('Q181027 snaexp: placeholder process id, a one-line FAULT with the memory note glued on', () => {
    const e = only('kb_Q181027_snaexp.drwtsn32-excerpt.txt');
    expect(e.app).toBe('exe\\snaexp.dbg');
    expect(e.pid).toBeUndefined();
    expect(e.when).toBeUndefined();
    expect(e.taskList).toEqual([{ pid: undefined, name: 'SNAEXP.exe' }]);
    expect(e.excerpt).toBe(true);
    const t = e.threads[0]!;
    expect(t.threadId).toBe(0x118);
    expect(t.registers.eip).toBe(0x67708de2n);
    expect(t.registers.edi).toBe(0x30n);
    expect(t.function).toBe('CSnaItem::Terminate');
    expect(t.fault).toEqual({ address: 0x67708de2n, bytes: '8b09', text: 'mov ecx,[ecx]', memory: 'ds:00000000=????????', fault: true });
  });

  it('Q235602 services/browser: Service Pack line, registers without a thread header, three frames', () => {
    const e = only('kb_Q235602_services-browser.drwtsn32-excerpt.txt');
    expect([e.app, e.pid, e.when]).toEqual(['exe\\services.dbg', 45, '6/3/1999 @ 9:0:57.558']);
    expect(systemInformationValue(e, 'Service Pack')).toBe('4');
    expect(systemInformationValue(e, 'Computer Name')).toBe('HOLODECK');
    const t = e.threads[0]!;
    expect(t.threadId).toBeUndefined();
    expect(t.registers.ecx).toBe(0x03c0cff0n);
    expect(t.function).toBe('BrWorkerThread');
    expect(t.disassembly[5]).toMatchObject({ address: 0x773e1139n, bytes: 'ff1590903e77', text: 'call dword ptr [_imp__WaitForSingleObject (773e9090)]', memory: 'ds:773e9090=77f04f88' });
    expect(t.fault).toMatchObject({ address: 0x773e1155n, text: 'inc dword ptr [ecx+eax*4-0x4]', memory: 'ds:012bea0c=????????' });
    expect(t.stackBackTrace.map((f) => f.symbol)).toEqual(['browser!BrWorkerThread', 'browser!ServiceEntry', 'services!SvcLoadDllAndStartSvc']);
    expect(t.stackBackTrace[2]!.params).toEqual([0x022ac4d4n, 0x1n, 0x03b33fe0n, 0x0104000an]);
  });

  it('Q254000 snaservr: placeholders, blank-line spacing, "fl=" and the "*---- Stack Back Trace ----*" banner', () => {
    const e = only('kb_Q254000_snaservr.drwtsn32-excerpt.txt');
    expect([e.app, e.pid, e.when]).toEqual(['exe\\snaservr.dbg', undefined, 'date time']);
    expect(e.excerpt).toBe(true);
    const t = e.threads[0]!;
    expect(t.threadId).toBeUndefined();
    expect(t.registers.ecx).toBe(0x01190000n);
    expect(t.registers.edi).toBe(0x013319bcn);
    expect(t.registers.ebp).toBe(0xan);
    expect(t.registers.fl).toBe(0x246n);
    expect(t.function).toBe('s1pnsfol');
    expect(t.fault).toEqual({ address: 0x0104e0adn, bytes: '8b5401ec', text: 'mov edx,[ecx+eax-0x14]', memory: 'ds:019fea07=????????', fault: true });
    expect(t.stackBackTrace).toEqual([
      { framePointer: 0x00bcfec8n, returnAddress: 0x010522c0n, params: [0x01d30d5cn, 0n, 0n, 0x00251bd0n], functionText: 'snaservr!s1pnsfol', symbol: 'snaservr!s1pnsfol' },
    ]);
  });

  it('Q284919 dfsadmin: disassembly only, with the faulting line in the middle', () => {
    const e = only('kb_Q284919_dfsadmin.drwtsn32-excerpt.txt');
    expect([e.app, e.pid, e.when]).toEqual(['exe\\dfsadmin.dbg', 101, '12/29/2000 @ 15:7:41.106']);
    expect(e.excerpt).toBe(true);
    const t = e.threads[0]!;
    expect(t.function).toBe('FindNextLine');
    expect(t.registers).toEqual({});
    expect(t.disassembly).toHaveLength(22);
    expect(t.disassembly.findIndex((i) => i.fault)).toBe(10);
    expect(t.fault).toEqual({ address: 0x01005c40n, bytes: '8a01', text: 'mov al,[ecx]', memory: 'ds:00c71000=??', fault: true });
    expect(t.disassembly[21]).toEqual({ address: 0x01005c5an, bytes: 'c20400', text: 'ret 0x4', memory: undefined, fault: false });
  });

  it('Q309003 getrt: relative App path, thread 0x640, <nosymbols> function, wrapped instruction text', () => {
    const e = only('kb_Q309003_getrt.drwtsn32-excerpt.txt');
    expect([e.app, e.pid]).toEqual(['.\\Debug/getrt.exe', 1260]);
    expect(e.taskList).toEqual([{ pid: 1260, name: 'GETRT.exe' }]);
    const t = e.threads[0]!;
    expect(t.threadId).toBe(0x640);
    expect(t.registers.eax).toBe(0x372e3734n);
    expect(t.registers.efl).toBe(0x206n);
    expect(t.function).toBe('<nosymbols>');
    expect(t.fault).toEqual({ address: 0x0040e57cn, bytes: '0fbe44c804', text: 'movsx eax,byte ptr [eax+ecx*8+0x4]', memory: 'ds:00a7d5d7=??', fault: true });
    expect(t.disassembly.find((i) => i.address === 0x0040e589n)).toEqual({
      address: 0x0040e589n, bytes: 'c70504b1410009000000', text: 'mov dword ptr [0041b104],0x9', memory: 'ds:0041b104=00000000', fault: false,
    });
    expect(t.stackBackTrace).toEqual([]);
  });
});
