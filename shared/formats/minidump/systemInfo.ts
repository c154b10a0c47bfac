import type { StructValue } from '../../bytes/struct';
import type { CpuArch, SystemInfo } from '../../dump/types';
import type { MinidumpFile } from './minidumpFile';
import { MINIDUMP_SYSTEM_INFO } from './structs';
import { StreamType } from './streamTypes';

export type RawSystemInfo = StructValue<typeof MINIDUMP_SYSTEM_INFO.fields>;

/** PROCESSOR_ARCHITECTURE_* values (winnt.h). */
export const PROCESSOR_ARCHITECTURE: Record<number, CpuArch> = {
  0: 'x86', // INTEL
  5: 'arm',
  9: 'amd64',
  10: 'x86', // IA32_ON_WIN64: a WOW64 process
  12: 'arm64',
};

/** VER_PLATFORM_* values, as Breakpad names the OS ("Windows NT"). */
const PLATFORM_NAMES: Record<number, string> = {
  0: 'Windows 3.1', // VER_PLATFORM_WIN32s
  1: 'Windows 9x', // VER_PLATFORM_WIN32_WINDOWS
  2: 'Windows NT', // VER_PLATFORM_WIN32_NT
  3: 'Windows CE',
  0x8101: 'Linux', // Breakpad MD_OS_LINUX
  0x8102: 'Solaris',
  0x8103: 'Android',
  0x8000: 'Mac OS X',
  0x8001: 'iOS',
};

export interface DecodedSystemInfo {
  raw: RawSystemInfo;
  csdVersion: string | undefined;
  info: SystemInfo;
}

/**
 * SystemInfo stream → SystemInfo. `osVersion` is "major.minor.build" plus the
 * CSD string when there is one, as Breakpad's OS| line prints it ("5.1.2600
 * Service Pack 2"; Breakpad leaves a trailing space when CSD is empty, we do not).
 * cpuInfo follows Breakpad too: "GenuineIntel family 6 model 13 stepping 8";
 * the vendor is only known for x86 (the CPU_INFORMATION union holds feature
 * bits on other architectures).
 */
export function readSystemInfo(file: MinidumpFile): DecodedSystemInfo | undefined {
  const entry = file.stream(StreamType.SystemInfo);
  if (!entry) return undefined;
  if (entry.dataSize < MINIDUMP_SYSTEM_INFO.size) file.fail(entry, `${entry.dataSize} bytes, MINIDUMP_SYSTEM_INFO needs ${MINIDUMP_SYSTEM_INFO.size}`, 'Truncated');
  const raw = MINIDUMP_SYSTEM_INFO.read(file.reader, entry.rva);
  const csdVersion = raw.CSDVersionRva ? file.string(raw.CSDVersionRva, 'SystemInfo CSD version string') : undefined;
  const cpuArch = PROCESSOR_ARCHITECTURE[raw.ProcessorArchitecture] ?? 'unknown';
  const base = `${raw.MajorVersion}.${raw.MinorVersion}.${raw.BuildNumber}`;
  const info: SystemInfo = {
    os: PLATFORM_NAMES[raw.PlatformId] ?? `platform 0x${raw.PlatformId.toString(16)}`,
    osVersion: csdVersion ? `${base} ${csdVersion}` : base,
    majorVersion: raw.MajorVersion,
    minorVersion: raw.MinorVersion,
    buildNumber: raw.BuildNumber,
    csdVersion: csdVersion || undefined,
    productType: raw.ProductType,
    cpuArch,
    cpuCount: raw.NumberOfProcessors,
    cpuInfo: cpuInfo(raw, cpuArch),
  };
  return { raw, csdVersion, info };
}

function cpuInfo(raw: RawSystemInfo, arch: CpuArch): string | undefined {
  if (arch !== 'x86' && arch !== 'amd64') return undefined;
  // ProcessorRevision on x86/amd64 is 0xMMSS: model in the high byte, stepping in the low one.
  const fms = `family ${raw.ProcessorLevel} model ${raw.ProcessorRevision >> 8} stepping ${raw.ProcessorRevision & 0xff}`;
  if (arch !== 'x86' || raw.VendorId0 === 0) return fms;
  const v = new Uint8Array(12);
  const dv = new DataView(v.buffer);
  dv.setUint32(0, raw.VendorId0, true);
  dv.setUint32(4, raw.VendorId1, true);
  dv.setUint32(8, raw.VendorId2, true);
  const vendor = String.fromCharCode(...v).replace(/\0+$/, '');
  return `${vendor} ${fms}`;
}
