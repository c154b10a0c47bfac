/**
 * analyze() for kernel dumps: the same "dumpdesk.analysis/1" document as user
 * dumps, with `crash.type` "bugcheck" and the kernel-only parts filled:
 * `bugcheck` (parameters with meanings), `drivers` (with the Microsoft flag),
 * `unloadedDrivers`, `stackDrivers` (BlueScreenView's "found in stack") and a
 * culprit chosen the way WinDbg's MODULE_NAME/IMAGE_NAME usually come out.
 */
import type { Dump, DumpModule, MemoryReader } from '../../dump/types';
import { isKernelDump } from '../../formats/kernel/kernelDump';
import { hex } from '../../hex';
import { noSymbols } from '../../symbols/types';
import type { AnalyzeOptions } from '../analyzeOptions';
import { symbolIn } from '../culprit';
import { toReportFrames } from '../frames';
import {
  ANALYSIS_SCHEMA,
  type AnalysisReport,
  type BugcheckParameter,
  type ReportCrash,
  type ReportCulprit,
  type ReportFrame,
  type ReportModule,
} from '../report';
import { isoTime, noCrash, reportDumpDiagnostics, reportModule, reportSystem, softReader } from '../reportParts';
import { archRegs } from '../stackwalk/archRegs';
import { findUserTrapFrame } from '../stackwalk/kernelTrapFrame';
import { ModuleMap } from '../stackwalk/moduleMap';
import { walkStack } from '../stackwalk/walkStack';
import { ANALYZER_VERSION } from '../version';
import { explainParameter, lookupBugcheck, type BugcheckInfo } from './bugchecks';
import { isKernelImage, windbgImageName, windbgModuleName, type KernelImageFacts } from './kernelImage';
import { isMicrosoftDriver } from './microsoftDrivers';

type Diag = AnalysisReport['diagnostics'][number];

/** Kernel routines that only raise the bugcheck; WinDbg skips them when naming the culprit frame. */
const BUGCHECK_ROUTINES = /^(KeBugCheck\w*|KiBugCheck\w*|KeBugCheck2|KiBugCheckDispatch)$/;

/** Kernel stacks are short; a corrupt one should not walk a thousand scanned frames. */
const KERNEL_MAX_FRAMES = 64;

/** Name for a code the catalog does not know, in the form WinDbg's bucket uses. */
export function bugcheckName(code: number): string {
  return lookupBugcheck(code)?.name ?? `BUGCHECK_0x${(code >>> 0).toString(16).toUpperCase()}`;
}

export function analyzeKernel(dump: Dump, options: AnalyzeOptions = {}): AnalysisReport {
  const diagnostics: Diag[] = [];
  const soft = softReader(diagnostics, false);

  const system = dump.system();
  const kernelDump = isKernelDump(dump) ? dump : undefined;
  const kernBase = kernelDump ? soft('debugger data', () => kernelDump.debuggerData()?.kernBase, undefined) : undefined;
  const facts: KernelImageFacts = {
    arch: system.cpuArch,
    build: system.buildNumber,
    cpuCount: system.cpuCount,
    pae: kernelDump?.header.paeEnabled,
  };
  const modules = soft('driver list', () => dump.modules(), [] as readonly DumpModule[]);
  const moduleMap = new ModuleMap(modules);
  const threads = soft('faulting thread', () => dump.threads(), []);
  const crashIndex = dump.crashingThreadIndex() ?? 0;
  const thread = threads[crashIndex];
  const bc = dump.bugcheck();
  const info = bc ? lookupBugcheck(bc.code) : undefined;

  // The faulting thread's stack: H2's walker (context frame, frame pointer, scan with call-site checks).
  const regs = archRegs(system.cpuArch);
  const walked = thread?.context
    ? soft('stack walk', () => walkStack(thread.context!, {
      memory: dump.memory, modules: moduleMap, unwinders: options.unwinders, maxFrames: options.maxFrames ?? KERNEL_MAX_FRAMES,
      trapFrame: findUserTrapFrame(dump),
    }), [])
    : [];
  const frames = toReportFrames(walked, options.symbols ?? noSymbols, regs);
  const stackDrivers = driversFoundInStack(dump.memory, thread?.stack, dump.is64, moduleMap, frames);

  const parameters: BugcheckParameter[] = bc
    ? bc.parameters.map((v, i) => ({ value: hex(v), meaning: parameterMeaning(bc.code, info, i, v, system.buildNumber) }))
    : [];
  const crashAddress = bc ? faultingAddress(bc.parameters, info, frames) : undefined;
  const culprit = bc ? findKernelCulprit(bc.parameters, info, frames, moduleMap, dump.unloadedModules(), facts, kernBase) : null;
  const process = soft('process', () => dump.process(), undefined);
  const name = bc ? bugcheckName(bc.code) : null;

  const crash: ReportCrash = bc
    ? {
      type: 'bugcheck',
      code: hex(bc.code >>> 0),
      name,
      address: crashAddress === undefined ? null : hex(crashAddress),
      parameters: bc.parameters.map((p) => hex(p)),
      threadId: thread?.id ?? null,
      threadIndex: thread ? crashIndex : null,
      description: describeCrash(info, crashAddress, moduleMap, facts, kernBase),
    }
    : noCrash();

  const drivers = modules.map((m) => kernelReportModule(m, facts, kernBase));
  return {
    schema: ANALYSIS_SCHEMA,
    format: dump.format,
    kind: dump.kind,
    file: { path: options.path ?? null, size: dump.fileSize },
    time: isoTime(dump.timestamp()),
    system: reportSystem(system),
    crash,
    process: process ? { name: process.name ?? null, id: process.id ?? null, uptimeSeconds: process.uptimeSeconds ?? null } : null,
    modules: drivers,
    threads: thread ? [{ id: thread.id, index: crashIndex, name: thread.name ?? null, frames }] : [],
    culprit,
    bucket: bc ? bucketFor(bc.code, info, culprit, frames, process?.name) : `NO_BUGCHECK_${culprit?.module ?? 'Unknown'}`,
    bugcheck: bc && name ? { code: hex(bc.code >>> 0), name, parameters, description: info?.summary ?? null } : null,
    drivers,
    unloadedDrivers: dump.unloadedModules().map((u) => ({
      name: u.name,
      base: hex(u.base),
      end: hex(u.base + BigInt(u.size)),
      timestamp: u.timestamp ? isoTime(new Date(u.timestamp * 1000)) : null,
    })),
    stackDrivers,
    diagnostics: [...reportDumpDiagnostics(dump), ...diagnostics],
    analyzerVersion: ANALYZER_VERSION,
  };
}

function kernelReportModule(m: DumpModule, facts: KernelImageFacts, kernBase: bigint | undefined): ReportModule {
  const kernelImage = isKernelImage(m, kernBase);
  return {
    ...reportModule(m, kernelImage),
    debugFile: m.debugFile ?? (kernelImage ? windbgImageName(m, facts, kernBase).replace(/\.exe$/, '.pdb') : null),
    company: m.company ?? null,
    microsoft: isMicrosoftDriver(m.name) || kernelImage,
  };
}

/** Catalog meaning plus, where the value itself means something (0x50 P2 …), that decoding. */
function parameterMeaning(code: number, info: BugcheckInfo | undefined, i: number, v: bigint, build: number | undefined): string | null {
  const base = info?.parameters[i] ?? null;
  const decoded = explainParameter(code, (i + 1) as 1 | 2 | 3 | 4, v, build);
  if (decoded && base) return `${base}: ${decoded}`;
  return decoded ?? base;
}

/** The faulting instruction: the parameter the catalog names (non-zero), else the context frame. */
function faultingAddress(params: readonly bigint[], info: BugcheckInfo | undefined, frames: readonly ReportFrame[]): bigint | undefined {
  if (info?.ipParameter) {
    const v = params[info.ipParameter - 1];
    if (v) return v;
  }
  const f = frames[0];
  return f ? BigInt(f.ip) : undefined;
}

function describeCrash(info: BugcheckInfo | undefined, address: bigint | undefined, modules: ModuleMap, facts: KernelImageFacts, kernBase: bigint | undefined): string | null {
  if (address === undefined) return info?.summary ?? null;
  const m = modules.find(address);
  const where = m ? `${windbgModuleName(m, kernBase)}+0x${(address - m.base).toString(16)}` : `0x${address.toString(16)}`;
  const image = m ? ` (${windbgImageName(m, facts, kernBase)})` : '';
  return `${info?.summary ?? 'Unknown bug check.'} Crash address ${where}${image}.`;
}

/**
 * BlueScreenView's "drivers found in stack": every driver whose range holds a
 * pointer-sized value of the faulting thread's stack, plus the walked frames'
 * modules, in order of first appearance.
 */
function driversFoundInStack(memory: MemoryReader, stack: { start: bigint; size: number } | undefined, is64: boolean, modules: ModuleMap, frames: readonly ReportFrame[]): string[] {
  const found: string[] = [];
  const add = (name: string | null | undefined): void => {
    if (name && !found.includes(name)) found.push(name);
  };
  for (const f of frames) add(f.module);
  if (!stack || stack.size <= 0) return found;
  const bytes = memory.read(stack.start, Math.min(stack.size, 0x10000) & ~(is64 ? 7 : 3));
  if (!bytes) return found;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = is64 ? 8 : 4;
  for (let o = 0; o + w <= bytes.length; o += w) {
    const v = is64 ? view.getBigUint64(o, true) : BigInt(view.getUint32(o, true));
    add(modules.find(v)?.name);
  }
  return found;
}

/**
 * The culprit, in WinDbg's spirit:
 * 1. the first non-Microsoft driver among the walked frames of the faulting thread;
 * 2. else a non-Microsoft driver a parameter points into (the faulting-IP parameter first);
 * 3. else an unloaded driver whose old range holds the faulting IP or address;
 * 4. else the module holding the faulting IP parameter;
 * 5. else the first frame past the bugcheck routines (KeBugCheckEx, KiBugCheckDispatch…; naming them needs
 *    symbols), which without symbols is frame 0: the kernel, as in WinDbg's MODULE_NAME nt.
 */
export function findKernelCulprit(
  params: readonly bigint[],
  info: BugcheckInfo | undefined,
  frames: readonly ReportFrame[],
  modules: ModuleMap,
  unloaded: readonly { name: string; base: bigint; size: number }[],
  facts: KernelImageFacts,
  kernBase: bigint | undefined,
): ReportCulprit | null {
  const culpritOf = (m: DumpModule, reason: string, frame: ReportFrame | undefined): ReportCulprit => {
    const mod = windbgModuleName(m, kernBase);
    const symbol = frame ? symbolIn(mod, frame) : null;
    return { module: mod, image: windbgImageName(m, facts, kernBase), symbol, reason, frame: frame?.index ?? null };
  };
  const moduleOf = (f: ReportFrame): DumpModule | undefined => modules.find(BigInt(f.ip));

  for (const f of frames) {
    const m = moduleOf(f);
    if (m && !isMicrosoftDriver(m.name) && !isKernelImage(m, kernBase)) {
      const how = f.trust === 'scan' ? ', found by scanning the stack' : f.trust === 'context' ? ', the context frame' : '';
      return culpritOf(m, `first non-Microsoft driver on the faulting thread's stack (frame ${f.index}${how})`, f);
    }
  }
  const order = [info?.ipParameter, info?.addressParameter, 1, 2, 3, 4].filter((n): n is 1 | 2 | 3 | 4 => n !== undefined);
  for (const n of [...new Set(order)]) {
    const v = params[n - 1] ?? 0n;
    const m = v ? modules.find(v) : undefined;
    if (m && !isMicrosoftDriver(m.name) && !isKernelImage(m, kernBase)) {
      return culpritOf(m, `BUGCHECK_P${n} (${info?.parameters[n - 1] ?? 'parameter'}) points into ${m.name}, a non-Microsoft driver`, frames.find((f) => moduleOf(f) === m));
    }
  }
  for (const n of [info?.ipParameter, info?.addressParameter]) {
    if (!n) continue;
    const v = params[n - 1] ?? 0n;
    const u = unloaded.find((x) => v >= x.base && v < x.base + BigInt(x.size));
    if (u) {
      return { module: u.name.replace(/\.[^.]*$/, ''), image: u.name, symbol: null, reason: `BUGCHECK_P${n} lies in the old range of unloaded driver ${u.name}`, frame: null };
    }
  }
  if (info?.ipParameter) {
    const v = params[info.ipParameter - 1] ?? 0n;
    const m = v ? modules.find(v) : undefined;
    if (m) return culpritOf(m, `no non-Microsoft driver on the stack or in the parameters; BUGCHECK_P${info.ipParameter} (the faulting instruction) is in ${m.name}`, frames.find((f) => BigInt(f.ip) === v));
  }
  // The kernel raised the bugcheck: skip its bugcheck routines (named only with
  // symbols) and blame the frame that called them, as WinDbg's SYMBOL_NAME does.
  const blamed = frames.find((f) => moduleOf(f) && !(f.function && BUGCHECK_ROUTINES.test(f.function)));
  if (blamed) {
    const how = blamed.function ? `the first frame past the bugcheck routines (frame ${blamed.index})` : `the faulting frame (frame ${blamed.index}; without symbols the bugcheck routines cannot be skipped)`;
    return culpritOf(moduleOf(blamed)!, `no non-Microsoft driver on the stack or in the parameters; blamed ${how}`, blamed);
  }
  return null;
}

/**
 * WinDbg-style FAILURE_BUCKET_ID: `<prefix>_<module>!<function>` when the
 * function is known (symbols), else `<prefix>_<module>`; the prefix is the
 * catalog's bucket prefix (0x4A: RAISED_IRQL_FAULT_<process>) or `0x<CODE>`.
 */
export function bucketFor(code: number, info: BugcheckInfo | undefined, culprit: ReportCulprit | null, frames: readonly ReportFrame[], processName: string | undefined): string {
  let prefix = info?.bucketPrefix ?? `0x${(code >>> 0).toString(16).toUpperCase()}`;
  if (info?.bucketPrefix === 'RAISED_IRQL_FAULT' && processName) prefix += `_${processName}`;
  const mod = culprit?.module ?? 'Unknown';
  const frame = culprit?.frame != null ? frames[culprit.frame] : undefined;
  return frame?.function ? `${prefix}_${mod}!${frame.function}` : `${prefix}_${mod}`;
}
