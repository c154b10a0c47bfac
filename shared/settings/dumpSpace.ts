/**
 * Can the next blue screen be saved? A kernel dump is first written into the
 * page file on the boot volume (or into a dedicated dump file), then copied
 * out after the restart. If that file is too small, no dump is written at
 * all (reference §1.1 "Dump types, sizes and page-file requirements").
 */
import { CRASH_CONTROL_KEY, type CrashControlModel, type DumpType } from './crashControl';
import { isAutomaticForAllDrives, isSystemManaged, MEMORY_MANAGEMENT_KEY, pagingFileDrive, type PagefileModel, type PagingFile } from './pagefile';
import type { SettingProblem } from './problem';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * Header and secondary data written with a complete or active dump: 1 MB of
 * header plus up to 256 MB that bug-check callbacks add (Windows 8+).
 * Older documents say RAM + 1 MB; the larger figure is the safe one.
 */
export const COMPLETE_DUMP_OVERHEAD_BYTES = 257 * MB;
/**
 * Page file a small dump needs. Microsoft's pages disagree (64 KB, 1 MB,
 * 2 MB); we ask for the largest, since real minidumps reach several hundred KB.
 */
export const SMALL_DUMP_PAGEFILE_BYTES = 2 * MB;
/** A system-managed page file may grow to within 1 GB of the volume's free space. */
const SYSTEM_MANAGED_RESERVE_BYTES = GB;
/** Clients not in a domain delete MEMORY.DMP when the volume has less free space than this. */
const KEEP_DUMP_FREE_BYTES = 25 * GB;

export interface DumpSpaceInput {
  ramBytes: number;
  dumpType: DumpType;
  pagefiles: readonly PagingFile[];
  /** DedicatedDumpFile, with DumpFileSize in MB when set. */
  dedicatedDumpFile?: { path: string; sizeMB?: number };
  bootVolumeFreeBytes: number;
  /** Drive letter of the boot volume; default C. */
  bootDrive?: string;
  alwaysKeepMemoryDump?: boolean;
}

export type DumpSpaceVerdict = 'ok' | 'risky' | 'too-small';

export interface DumpSpaceResult {
  verdict: DumpSpaceVerdict;
  /** What the dump type needs in the page file or dedicated file. */
  requiredBytes: number;
  /** What the file that receives the dump can hold (for a system-managed page file: how far it can grow). */
  availableBytes: number;
  /** Where the dump is caught at crash time. */
  writtenTo: 'page file' | 'dedicated dump file' | 'nowhere';
  /** One sentence with the numbers. */
  summary: string;
  /** What to change, when the verdict is not ok. */
  fix?: string;
  /** Other things worth knowing (space after the restart, the 25 GB rule). */
  notes: string[];
}

export function formatMB(bytes: number): string {
  return `${Math.ceil(bytes / MB).toLocaleString('en-US')} MB`;
}

/**
 * The size a dump type needs. Kernel-content dumps have no fixed size: about
 * a third of RAM is typical, RAM + 257 MB always suffices.
 */
export function dumpSizeNeeded(dumpType: DumpType, ramBytes: number): { typical: number; safe: number } {
  switch (dumpType) {
    case 'none':
      return { typical: 0, safe: 0 };
    case 'small':
      return { typical: SMALL_DUMP_PAGEFILE_BYTES, safe: SMALL_DUMP_PAGEFILE_BYTES };
    case 'kernel':
    case 'automatic':
      return { typical: Math.ceil(ramBytes / 3), safe: ramBytes + COMPLETE_DUMP_OVERHEAD_BYTES };
    case 'complete':
    case 'active':
      return { typical: ramBytes + COMPLETE_DUMP_OVERHEAD_BYTES, safe: ramBytes + COMPLETE_DUMP_OVERHEAD_BYTES };
  }
}

/** Says whether the next crash can be written, with the numbers and the fix. */
export function checkDumpSpace(input: DumpSpaceInput): DumpSpaceResult {
  const { ramBytes, dumpType, bootVolumeFreeBytes } = input;
  const bootDrive = (input.bootDrive ?? 'C').toUpperCase();
  const need = dumpSizeNeeded(dumpType, ramBytes);
  const notes: string[] = [];
  if (dumpType === 'none') {
    return { verdict: 'ok', requiredBytes: 0, availableBytes: 0, writtenTo: 'nowhere', summary: 'No dump is configured, so there is nothing to write.', notes };
  }
  if (dumpType !== 'small' && !input.alwaysKeepMemoryDump && bootVolumeFreeBytes < KEEP_DUMP_FREE_BYTES) {
    notes.push(`The boot volume has ${formatMB(bootVolumeFreeBytes)} free, less than 25 GB: Windows 10/11 clients that are not in a domain delete MEMORY.DMP after writing it unless AlwaysKeepMemoryDump = 1.`);
  }

  let available: number;
  let writtenTo: DumpSpaceResult['writtenTo'];
  let growable = false;
  if (input.dedicatedDumpFile) {
    writtenTo = 'dedicated dump file';
    const size = input.dedicatedDumpFile.sizeMB;
    // Without DumpFileSize Windows sizes the dedicated file for the dump setting.
    available = size === undefined ? need.safe : size * MB;
    growable = size === undefined;
    notes.push(`After the restart the dump is copied from ${input.dedicatedDumpFile.path} to DumpFile: that volume needs room for it too.`);
  } else {
    const onBoot = input.pagefiles.filter((pf) => pagingFileDrive(pf) === bootDrive || isAutomaticForAllDrives(pf));
    const pf = onBoot[0];
    if (!pf) {
      const fix = `Add a page file on ${bootDrive}: of at least ${formatMB(need.safe)}, or set DedicatedDumpFile (with DumpFileSize ≥ ${Math.ceil(need.safe / MB)}).`;
      return {
        verdict: 'too-small', requiredBytes: need.safe, availableBytes: 0, writtenTo: 'nowhere',
        summary: `No page file on the boot volume ${bootDrive}: and no dedicated dump file: a ${dumpType} dump cannot be written.`,
        fix, notes,
      };
    }
    writtenTo = 'page file';
    if (isSystemManaged(pf)) {
      growable = true;
      available = Math.max(0, bootVolumeFreeBytes - SYSTEM_MANAGED_RESERVE_BYTES);
    } else {
      // The page file is at least its initial size when the crash happens; growth towards the maximum is not guaranteed.
      available = pf.sizes!.initialMB * MB;
    }
    notes.push('The dump is copied out of the page file after the restart, into DumpFile: that volume needs the same room again.');
  }

  const fixSize = (target: number) =>
    writtenTo === 'dedicated dump file'
      ? `Set DumpFileSize to at least ${Math.ceil(target / MB)} (MB), or remove it and let Windows size the dedicated dump file.`
      : growable
        ? `Free at least ${formatMB(target + SYSTEM_MANAGED_RESERVE_BYTES - bootVolumeFreeBytes)} on ${bootDrive}:, or set a dedicated dump file on another volume.`
        : `Set the initial size of the page file on ${bootDrive}: to at least ${Math.ceil(target / MB)} MB (or let Windows manage it), or set a dedicated dump file.`;

  const where = writtenTo === 'page file' ? (growable ? 'the system-managed page file can grow to' : 'the page file starts at') : growable ? 'the dedicated dump file is sized by Windows to' : 'the dedicated dump file holds';
  if (available >= need.safe) {
    return { verdict: 'ok', requiredBytes: need.safe, availableBytes: available, writtenTo, summary: `A ${dumpType} dump needs up to ${formatMB(need.safe)}; ${where} ${formatMB(available)}.`, notes };
  }
  if (available >= need.typical && need.typical < need.safe) {
    return {
      verdict: 'risky', requiredBytes: need.safe, availableBytes: available, writtenTo,
      summary: `A ${dumpType} dump is typically about ${formatMB(need.typical)} (a third of RAM) but can reach ${formatMB(need.safe)}; ${where} ${formatMB(available)}.`,
      fix: fixSize(need.safe), notes,
    };
  }
  return {
    verdict: 'too-small', requiredBytes: need.safe, availableBytes: available, writtenTo,
    summary: `A ${dumpType} dump needs ${need.typical < need.safe ? `about ${formatMB(need.typical)} and up to ` : ''}${formatMB(need.safe)}; ${where} only ${formatMB(available)}: the next crash will not be saved.`,
    fix: fixSize(need.safe), notes,
  };
}

/**
 * The sizing check as validation problems: a `too-small` verdict names the
 * value to change (PagingFiles, or DumpFileSize for a dedicated file).
 */
export function dumpSpaceProblems(input: DumpSpaceInput): SettingProblem[] {
  const r = checkDumpSpace(input);
  if (r.verdict !== 'too-small') return [];
  const dedicated = r.writtenTo === 'dedicated dump file';
  return [{
    key: dedicated ? CRASH_CONTROL_KEY : MEMORY_MANAGEMENT_KEY,
    name: dedicated ? 'DumpFileSize' : 'PagingFiles',
    message: `${dedicated ? 'DumpFileSize' : 'PagingFiles'}: too small for a ${input.dumpType} dump. ${r.summary} ${r.fix ?? ''}`.trim(),
  }];
}

/** What DumpDesk learns about the machine itself (RAM, the boot volume). */
export interface MachineFacts {
  ramBytes: number;
  bootVolumeFreeBytes: number;
  bootDrive?: string;
}

/**
 * The sizing input from the two settings models: the dump type, page files
 * and dedicated dump file as they would be after a change. A missing
 * CrashDumpEnabled counts as no dump.
 */
export function dumpSpaceInputFrom(crashControl: CrashControlModel, pagefile: PagefileModel, machine: MachineFacts): DumpSpaceInput {
  return {
    ...machine,
    dumpType: crashControl.dumpType ?? 'none',
    pagefiles: pagefile.pagingFiles ?? [],
    dedicatedDumpFile: crashControl.dedicatedDumpFile ? { path: crashControl.dedicatedDumpFile, sizeMB: crashControl.dumpFileSize } : undefined,
    alwaysKeepMemoryDump: crashControl.alwaysKeepMemoryDump,
  };
}
