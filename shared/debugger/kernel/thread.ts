import type { StructView } from './structView';
import type { KernelTarget } from './target';

/** DISPATCHER_HEADER.Type of a thread (KOBJECTS ThreadObject), to refuse addresses that are not threads. */
export const THREAD_OBJECT_TYPE = 6;

/** KTHREAD_STATE → WinDbg's word in `!thread`'s first line. */
export const THREAD_STATES = ['INITIALIZED', 'READY', 'RUNNING', 'STANDBY', 'TERMINATED', 'WAIT', 'TRANSITION', 'DEFERREDREADY', 'GATEWAIT', 'WAITINGFORPROCESSINSWAP'];

/** KWAIT_REASON names as WinDbg prints them in "WAIT: (Executive) …". */
export const WAIT_REASONS = [
  'Executive', 'FreePage', 'PageIn', 'PoolAllocation', 'DelayExecution', 'Suspended', 'UserRequest',
  'WrExecutive', 'WrFreePage', 'WrPageIn', 'WrPoolAllocation', 'WrDelayExecution', 'WrSuspended',
  'WrUserRequest', 'WrEventPair', 'WrQueue', 'WrLpcReceive', 'WrLpcReply', 'WrVirtualMemory', 'WrPageOut',
  'WrRendezvous', 'WrKeyedEvent', 'WrTerminated', 'WrProcessInSwap', 'WrCpuRateControl', 'WrCalloutStack',
  'WrKernel', 'WrResource', 'WrPushLock', 'WrMutex', 'WrQuantumEnd', 'WrDispatchInt', 'WrPreempted',
  'WrYieldExecution', 'WrFastMutex', 'WrGuardedMutex', 'WrRundown', 'WrAlertByThreadId', 'WrDeferredPreempt',
  'WrPhysicalFault', 'WrIoRing', 'WrMdlCache',
];

/** A kernel thread as `!thread` shows it; undefined fields are unknown for the build or not in the dump. */
export interface KernelThread {
  address: bigint;
  /** DISPATCHER_HEADER.Type (6 for a thread). */
  type?: number;
  cid?: { process: bigint; thread: bigint };
  teb?: bigint;
  win32Thread?: bigint;
  state?: number;
  nextProcessor?: number;
  waitReason?: number;
  waitMode?: number;
  alertable?: boolean;
  /** VA of ETHREAD.IrpList and its first link. */
  irpList?: { head: bigint; flink: bigint };
  impersonating?: boolean;
  ioPriority?: number;
  pagePriority?: number;
  process?: bigint;
  apcProcess?: bigint;
  attached?: boolean;
  waitTime?: number;
  contextSwitches?: number;
  idealProcessor?: number;
  kernelTime?: number;
  userTime?: number;
  win32StartAddress?: bigint;
  initialStack?: bigint;
  kernelStack?: bigint;
  stackBase?: bigint;
  stackLimit?: bigint;
  priority?: number;
  basePriority?: number;
  foregroundBoost?: number;
  unusualBoost?: number;
}

/** Size to read when no layout gives the ETHREAD size (larger than any known ETHREAD). */
const DEFAULT_ETHREAD = 0x900;

export function readKernelThread(t: KernelTarget, va: bigint): KernelThread | undefined {
  const v = t.view(va, t.layout.sizes.ethread ?? DEFAULT_ETHREAD, 'ETHREAD');
  return v ? decodeThread(t, v) : undefined;
}

/** Decodes a KTHREAD/ETHREAD copy with the target's layout. */
export function decodeThread(t: KernelTarget, v: StructView): KernelThread {
  const k = t.layout.kthread;
  const e = t.layout.ethread;
  const cidProcess = v.ptr(e.cid);
  const cidThread = e.cid === undefined ? undefined : v.ptr(e.cid + (t.is64 ? 8 : 4));
  const irpHead = e.irpList;
  const irpFlink = v.ptr(irpHead);
  const misc = k.alertable ? v.u32(k.alertable.offset) : undefined;
  const decrement = v.u8(k.priorityDecrement);
  const cf = e.crossThreadFlags;
  const cross = cf ? v.u32(cf.offset) : undefined;
  const next = k.nextProcessorWidth === 1 ? v.u8(k.nextProcessor) : k.nextProcessorWidth === 2 ? v.u16(k.nextProcessor) : v.u32(k.nextProcessor);
  const process = v.ptr(k.process);
  const apcProcess = v.ptr(k.apcStateProcess);
  const index = v.u8(k.apcStateIndex);
  return {
    address: v.address,
    type: v.u8(0),
    cid: cidProcess !== undefined && cidThread !== undefined ? { process: cidProcess, thread: cidThread } : undefined,
    teb: v.ptr(k.teb),
    win32Thread: v.ptr(k.win32Thread),
    state: v.u8(k.state),
    // NextProcessor's top bit is SharedReadyQueue, not part of the number.
    nextProcessor: next === undefined ? undefined : next & 0x7fffffff,
    waitReason: v.u8(k.waitReason),
    waitMode: v.i8(k.waitMode),
    alertable: misc === undefined || !k.alertable ? undefined : ((misc >>> k.alertable.bit) & 1) === 1,
    irpList: irpHead !== undefined && irpFlink !== undefined ? { head: v.at(irpHead), flink: irpFlink } : undefined,
    impersonating: cross === undefined || !cf ? undefined : ((cross >>> cf.impersonationBit) & 1) === 1,
    ioPriority: cross === undefined || !cf ? undefined : (cross >>> cf.ioPriorityBit) & 7,
    pagePriority: cross === undefined || !cf ? undefined : (cross >>> cf.pagePriorityBit) & 7,
    process,
    apcProcess,
    // ApcStateIndex 1 (AttachedApcEnvironment): ApcState.Process is the attached process.
    attached: index === undefined ? (process !== undefined && apcProcess !== undefined ? process !== apcProcess : undefined) : index !== 0,
    waitTime: v.u32(k.waitTime),
    contextSwitches: v.u32(k.contextSwitches),
    idealProcessor: v.u32(k.idealProcessor),
    kernelTime: v.u32(k.kernelTime),
    userTime: v.u32(k.userTime),
    win32StartAddress: v.ptr(e.win32StartAddress),
    initialStack: v.ptr(k.initialStack),
    kernelStack: v.ptr(k.kernelStack),
    stackBase: v.ptr(k.stackBase),
    stackLimit: v.ptr(k.stackLimit),
    priority: v.i8(k.priority),
    basePriority: v.i8(k.basePriority),
    foregroundBoost: decrement === undefined ? undefined : decrement & 0xf,
    unusualBoost: decrement === undefined ? undefined : decrement >> 4,
  };
}
