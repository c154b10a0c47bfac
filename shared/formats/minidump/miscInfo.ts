import { decodeUtf16 } from '../../bytes/reader';
import type { StructValue } from '../../bytes/struct';
import type { MinidumpFile } from './minidumpFile';
import { MINIDUMP_MISC_INFO, MINIDUMP_MISC_INFO_2, MINIDUMP_MISC_INFO_3, MINIDUMP_MISC_INFO_4, MINIDUMP_MISC_INFO_5, MISC_FLAGS, TIME_ZONE_INFORMATION } from './structs';
import { StreamType } from './streamTypes';
import { Reader } from '../../bytes/reader';
import { MemoryByteSource } from '../../bytes/byteSource';

/** The decoded MiscInfo stream; fields are present only when Flags1 says they are valid. */
export interface MiscInfo {
  /** 1..5: which MINIDUMP_MISC_INFO_N the stream holds (by SizeOfInfo). */
  version: number;
  sizeOfInfo: number;
  flags1: number;
  processId?: number;
  processCreateTime?: Date;
  processUserTimeSeconds?: number;
  processKernelTimeSeconds?: number;
  processorMaxMhz?: number;
  processorCurrentMhz?: number;
  processorMhzLimit?: number;
  processIntegrityLevel?: number;
  processExecuteFlags?: number;
  protectedProcess?: number;
  timeZoneId?: number;
  timeZone?: { bias: number; standardName: string; daylightName: string };
  /** "10.0.19041.1 (WinBuild.160101.0800)" style (MISC_INFO_4+). */
  buildString?: string;
  dbgBuildString?: string;
  processCookie?: number;
  /** The raw struct of the largest version that fits. */
  raw: Record<string, unknown>;
}

const VERSIONS = [MINIDUMP_MISC_INFO_5, MINIDUMP_MISC_INFO_4, MINIDUMP_MISC_INFO_3, MINIDUMP_MISC_INFO_2, MINIDUMP_MISC_INFO] as const;

function wstr(b: Uint8Array): string {
  const s = decodeUtf16(b);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * MiscInfo stream, any of versions 1–5. The version is taken from
 * SizeOfInfo (never more than the stream's DataSize), as rust-minidump does.
 */
export function readMiscInfo(file: MinidumpFile): MiscInfo | undefined {
  const entry = file.stream(StreamType.MiscInfo);
  if (!entry) return undefined;
  if (entry.dataSize < MINIDUMP_MISC_INFO.size) file.fail(entry, `${entry.dataSize} bytes, MINIDUMP_MISC_INFO needs ${MINIDUMP_MISC_INFO.size}`, 'Truncated');
  const base = MINIDUMP_MISC_INFO.read(file.reader, entry.rva);
  const avail = Math.min(base.SizeOfInfo, entry.dataSize);
  if (avail < MINIDUMP_MISC_INFO.size) file.fail(entry, `SizeOfInfo ${base.SizeOfInfo} is smaller than MINIDUMP_MISC_INFO (${MINIDUMP_MISC_INFO.size} bytes)`);
  const vi = VERSIONS.findIndex((v) => v.size <= avail);
  const def = VERSIONS[vi]!;
  const version = 5 - vi;
  const raw = def.read(file.reader, entry.rva) as Record<string, unknown>;
  const f = base.Flags1;
  const out: MiscInfo = { version, sizeOfInfo: base.SizeOfInfo, flags1: f, raw };
  if (f & MISC_FLAGS.PROCESS_ID) out.processId = base.ProcessId;
  if (f & MISC_FLAGS.PROCESS_TIMES) {
    if (base.ProcessCreateTime) out.processCreateTime = new Date(base.ProcessCreateTime * 1000);
    out.processUserTimeSeconds = base.ProcessUserTime;
    out.processKernelTimeSeconds = base.ProcessKernelTime;
  }
  if (version >= 2 && f & MISC_FLAGS.PROCESSOR_POWER_INFO) {
    const v2 = raw as StructValue<typeof MINIDUMP_MISC_INFO_2.fields>;
    out.processorMaxMhz = v2.ProcessorMaxMhz;
    out.processorCurrentMhz = v2.ProcessorCurrentMhz;
    out.processorMhzLimit = v2.ProcessorMhzLimit;
  }
  if (version >= 3) {
    const v3 = raw as StructValue<typeof MINIDUMP_MISC_INFO_3.fields>;
    if (f & MISC_FLAGS.PROCESS_INTEGRITY) out.processIntegrityLevel = v3.ProcessIntegrityLevel;
    if (f & MISC_FLAGS.PROCESS_EXECUTE_FLAGS) out.processExecuteFlags = v3.ProcessExecuteFlags;
    if (f & MISC_FLAGS.PROTECTED_PROCESS) out.protectedProcess = v3.ProtectedProcess;
    if (f & MISC_FLAGS.TIMEZONE) {
      const tz = TIME_ZONE_INFORMATION.read(new Reader(new MemoryByteSource(v3.TimeZone)), 0);
      out.timeZoneId = v3.TimeZoneId;
      out.timeZone = { bias: tz.Bias, standardName: wstr(tz.StandardName), daylightName: wstr(tz.DaylightName) };
    }
  }
  if (version >= 4 && f & MISC_FLAGS.BUILDSTRING) {
    const v4 = raw as StructValue<typeof MINIDUMP_MISC_INFO_4.fields>;
    out.buildString = wstr(v4.BuildString);
    out.dbgBuildString = wstr(v4.DbgBldStr);
  }
  if (version >= 5 && f & MISC_FLAGS.PROCESS_COOKIE) {
    out.processCookie = (raw as StructValue<typeof MINIDUMP_MISC_INFO_5.fields>).ProcessCookie;
  }
  return out;
}
