import { MemoryByteSource } from '../../bytes/byteSource';
import { Reader } from '../../bytes/reader';
import { contextMinSize, decodeContext } from '../../formats/minidump/context/index';
import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { NTSTATUS, WIN32_ERRORS, errorText } from '../errorCodes';
import { hexN, ptr } from '../format';
import { safe } from '../session';
import { printRegisters } from './registers';

/** WinDbg's short exception names in `.exr` ("Access violation"). */
const EXR_NAMES: Record<number, string> = {
  0xc0000005: 'Access violation',
  0x80000003: 'Break instruction exception',
  0xc00000fd: 'Stack overflow',
  0xc0000409: 'Security check failure or stack buffer overrun',
  0xe06d7363: 'C++ EH exception',
  0xc000001d: 'Illegal instruction',
  0xc0000094: 'Integer divide-by-zero',
  0xc0000374: 'Heap corruption',
  0xc000000d: 'Invalid parameter',
};

export const exr = defineCommand({
  name: '.exr',
  family: 'Analysis',
  syntax: '.exr -1 | .exr Address',
  summary: 'show the exception record (-1: the dump\'s exception)',
  help: 'Prints ExceptionAddress, ExceptionCode, flags and parameters, and explains access violations.\nAn address reads an EXCEPTION_RECORD from the dump\'s memory.',
  run({ session: s, out, args, evaluate }) {
    const a = args.trim();
    if (a !== '-1' && a !== '') {
      const at = evaluate(a);
      const size = s.is64 ? 0x98 : 0x50;
      const b = s.read(at, size);
      if (!b) throw new CommandError(`Cannot read Exception record @ ${ptr(at, s.is64)}`);
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const code = dv.getUint32(0, true);
      const p = s.is64 ? 8 : 4;
      const rd = (o: number): bigint => (s.is64 ? dv.getBigUint64(o, true) : BigInt(dv.getUint32(o, true)));
      const n = Math.min(dv.getUint32(s.is64 ? 0x18 : 0x10, true), 15); // EXCEPTION_RECORD.NumberParameters
      const params = Array.from({ length: n }, (_, i) => rd((s.is64 ? 0x20 : 0x14) + i * p));
      printExr(s, out, { code, flags: dv.getUint32(4, true), address: rd(s.is64 ? 0x10 : 0xc), parameters: params });
      return;
    }
    if (s.dump.format === 'kernel' && !s.dump.exception()) throw new CommandError('No exception record in a kernel dump: use .bugcheck, or .exr with the address from the bugcheck parameters');
    const e = s.dump.exception();
    if (!e) throw new CommandError('Not an exception dump: the dump has no exception record');
    printExr(s, out, e);
  },
});

function printExr(s: import('../session').DebugSession, out: import('../output').OutputBuilder, e: { code: number; flags: number; address: bigint; parameters: bigint[] }): void {
  const p = (v: bigint): string => hexN(v, s.is64 ? 16 : 8);
  const sym = s.symbolize(e.address);
  out.text('ExceptionAddress: ').link(p(e.address), 'address', `0x${e.address.toString(16)}`).line(sym.module ? ` (${sym.text})` : '');
  out.line(`   ExceptionCode: ${hexN(e.code, 8)}${EXR_NAMES[e.code] ? ` (${EXR_NAMES[e.code]})` : ''}`);
  out.line(`  ExceptionFlags: ${hexN(e.flags, 8)}`);
  out.line(`NumberParameters: ${e.parameters.length}`);
  e.parameters.forEach((v, i) => out.line(`   Parameter[${i}]: ${p(v)}`));
  if ((e.code === 0xc0000005 || e.code === 0xc0000006) && e.parameters.length >= 2) {
    const kind = e.parameters[0] === 0n ? 'read from' : e.parameters[0] === 1n ? 'write to' : e.parameters[0] === 8n ? 'execute' : 'access';
    out.line(kind === 'execute' ? `Attempt to execute non-executable address ${p(e.parameters[1]!)}` : `Attempt to ${kind} address ${p(e.parameters[1]!)}`);
  }
  if (e.code === 0xc0000409 && e.parameters.length >= 1) out.line(`Subcode: 0x${e.parameters[0]!.toString(16)}`);
}

export const ecxr = defineCommand({
  name: '.ecxr',
  family: 'Analysis',
  syntax: '.ecxr',
  summary: 'switch to the exception\'s context record and show its registers',
  help: 'Sets the register scope to the CONTEXT saved with the exception (r, k, u then use it);\n~Ns or .cxr with no argument goes back.',
  run({ session: s, out }) {
    const e = s.dump.exception();
    if (!e) throw new CommandError('Unable to get exception context, HRESULT 0x8000FFFF: the dump has no exception record');
    if (!e.context) throw new CommandError('Unable to get exception context: the exception record has no CONTEXT');
    if (e.threadId !== undefined) {
      const i = s.dump.threads().findIndex((t) => t.id === e.threadId);
      if (i >= 0) s.setThread(i);
    }
    s.scopeContext = { context: e.context, source: '.ecxr' };
    printRegisters(s, out, e.context);
  },
});

export const cxr = defineCommand({
  name: '.cxr',
  family: 'Analysis',
  syntax: '.cxr [Address]',
  summary: 'switch to a CONTEXT record in memory (no argument: back to the thread)',
  help: 'Reads a CONTEXT structure for the dump\'s architecture at Address and makes it the register scope.\nExample: .cxr poi(@esp+8) for an exception filter\'s context.',
  run({ session: s, out, args, evaluate }) {
    const a = args.trim();
    if (!a) {
      s.scopeContext = undefined;
      out.line('Resetting default scope');
      return;
    }
    const at = evaluate(a);
    const arch = s.dump.system().cpuArch;
    const size = contextMinSize(arch);
    if (size === undefined) throw new CommandError(`.cxr: CONTEXT records of ${arch} are not supported`);
    const b = s.read(at, size);
    if (!b) throw new CommandError(`Unable to read context, Win32 error 0n30 (the dump does not hold ${size} bytes at ${ptr(at, s.is64)})`);
    const context = decodeContext(new Reader(new MemoryByteSource(b)), 0, size, arch);
    s.scopeContext = { context, source: `.cxr ${a}` };
    printRegisters(s, out, context);
  },
});

export const error = defineCommand({
  name: '!error',
  family: 'Analysis',
  syntax: '!error Value [1]',
  summary: 'explain a Win32 error or NTSTATUS code',
  help: 'Values above 0xFFFF are taken as NTSTATUS; add 1 to force NTSTATUS for a small value.\nExamples: !error 5, !error c0000005, !error 0n87',
  run({ out, args, evaluate }) {
    const parts = args.trim().split(/\s+/).filter(Boolean);
    if (!parts.length) throw new CommandError('Usage: !error Value [1]');
    const code = Number(evaluate(parts[0]!) & 0xffffffffn);
    out.line(errorText(code, parts[1] === '1' ? true : undefined));
  },
});

export const bugcheck = defineCommand({
  name: '.bugcheck',
  family: 'Analysis',
  syntax: '.bugcheck',
  summary: 'show the bugcheck code and its four parameters (kernel dumps)',
  help: 'User-mode dumps have no bugcheck; use .exr -1 there.',
  run({ session: s, out }) {
    const b = s.dump.bugcheck();
    if (!b) {
      throw new CommandError(s.dump.format === 'minidump' ? 'This is a user-mode dump: there is no bugcheck. Use .exr -1 for the exception.' : 'The dump header holds no bugcheck (a live kernel dump?)');
    }
    out.line(`Bugcheck code ${hexN(b.code, 8).toUpperCase()}`);
    out.line(`Arguments ${b.parameters.map((p) => ptr(p, s.is64)).join(' ')}`);
  },
});

/** TEB field offsets (winternl.h / ntpsapi TEB): LastErrorValue, LastStatusValue. */
const TEB_LAST_ERROR = { x86: 0x34n, x64: 0x68n };
const TEB_LAST_STATUS = { x86: 0xbf4n, x64: 0x1250n };

export const gle = defineCommand({
  name: '!gle',
  family: 'User mode',
  syntax: '!gle',
  summary: 'the current thread\'s last Win32 error and last NTSTATUS (from its TEB)',
  help: 'Reads TEB.LastErrorValue and TEB.LastStatusValue; needs the TEB page in the dump.',
  run({ session: s, out }) {
    if (s.dump.format !== 'minidump') throw new CommandError('!gle reads a user-mode TEB: not available in a kernel dump');
    const t = s.dump.threads()[s.currentThread];
    if (!t?.teb) throw new CommandError('The thread has no TEB address in the dump');
    const k = s.is64 ? 'x64' : 'x86';
    const le = s.read(t.teb + TEB_LAST_ERROR[k], 4);
    if (!le) throw new CommandError(`Unable to read TEB at ${ptr(t.teb, s.is64)}: the dump does not hold the thread's TEB memory`);
    const last = new DataView(le.buffer, le.byteOffset).getUint32(0, true);
    out.line(`LastErrorValue: (Win32) 0x${last.toString(16)} (${last}) - ${WIN32_ERRORS[last]?.[1] ?? '<Unable to get error code text>'}`);
    const ls = safe(() => s.read(t.teb! + TEB_LAST_STATUS[k], 4), undefined);
    if (ls) {
      const st = new DataView(ls.buffer, ls.byteOffset).getUint32(0, true);
      out.line(`LastStatusValue: (NTSTATUS) 0x${st.toString(16)} - ${NTSTATUS[st]?.[1] ?? '<Unable to get error code text>'}`);
    } else {
      out.line('LastStatusValue: not in the dump (the TEB page holding it was not captured)');
    }
  },
});
