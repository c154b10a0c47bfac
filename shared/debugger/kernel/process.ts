import { findImageFileName, plausibleImageName } from '../../formats/kernel/processName';
import type { KernelTarget } from './target';

/** DISPATCHER_HEADER.Type of a process (KOBJECTS ProcessObject). */
export const PROCESS_OBJECT_TYPE = 3;

/** An EPROCESS as `!process` shows it; undefined fields are unknown for the build or not in the dump. */
export interface KernelProcess {
  address: bigint;
  type?: number;
  pid?: bigint;
  parentPid?: bigint;
  peb?: bigint;
  directoryTableBase?: bigint;
  objectTable?: bigint;
  session?: bigint;
  deviceMap?: bigint;
  /** EPROCESS.ImageFileName: 15 characters at most ("notmyfault64.e"). */
  imageFileName?: string;
  activeProcessLinks?: { head: bigint; flink: bigint };
  threadListHead?: { head: bigint; flink: bigint };
  activeThreads?: number;
  createTime?: bigint;
  /** Flags3.ForegroundExternal / ForegroundSystem. */
  foreground?: boolean;
}

/** Larger than any known EPROCESS, for builds whose size no layout gives. */
const DEFAULT_EPROCESS = 0xc80;

export function readKernelProcess(t: KernelTarget, va: bigint): KernelProcess | undefined {
  const v = t.view(va, t.layout.sizes.eprocess ?? DEFAULT_EPROCESS, 'EPROCESS');
  if (!v) return undefined;
  const p = t.layout.eprocess;
  const link = (o: number | undefined): { head: bigint; flink: bigint } | undefined => {
    const f = v.ptr(o);
    return o === undefined || f === undefined ? undefined : { head: v.at(o), flink: f };
  };
  // ImageFileName: the table's offset, else H3's per-build table / scan over the copy.
  const name = p.imageFileName !== undefined ? plausibleImageName(v.bytes, p.imageFileName) : findImageFileName(v.bytes, t.dump.arch, t.layout.build)?.name;
  const flags3 = v.u32(p.flags3);
  return {
    address: va,
    type: v.u8(0),
    pid: v.ptr(p.uniqueProcessId),
    parentPid: v.ptr(p.inheritedFromUniqueProcessId),
    peb: v.ptr(p.peb),
    directoryTableBase: v.ptr(p.directoryTableBase),
    objectTable: v.ptr(p.objectTable),
    session: v.ptr(p.session),
    deviceMap: v.ptr(p.deviceMap),
    imageFileName: name,
    activeProcessLinks: link(p.activeProcessLinks),
    threadListHead: link(p.threadListHead),
    activeThreads: v.u32(p.activeThreads),
    createTime: v.u64(p.createTime),
    foreground: flags3 === undefined ? undefined : (flags3 & 0x30000) !== 0,
  };
}
