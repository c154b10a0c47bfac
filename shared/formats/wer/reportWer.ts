/**
 * Report.wer: the text file Windows Error Reporting writes beside each report
 * in ReportArchive / ReportQueue. Format (reference/windows-crash-facts.md
 * §1.5): `Key=Value` lines, no sections, UTF-16LE (with or without BOM) and
 * CRLF; repeated groups use indexed keys (`Sig[3].Name`, `File[0].Path`,
 * `LoadedModule[12]`, `OsInfo[4].Key`).
 *
 * `parseReportWer` never throws: a line it cannot read becomes a `problems`
 * entry and every field it cannot find is null. Signature fields are mapped
 * by meaning (see signatureMeanings.ts), not by position.
 */
import { decodeWerText, type WerEncoding } from './textDecoding';
import { meaningOfName, meaningOfPosition, type SigMeaning } from './signatureMeanings';

export interface WerSignature {
  index: number;
  name: string;
  value: string;
  /** What the field holds; undefined when neither its name nor its position told us. */
  meaning?: SigMeaning;
  /** How the meaning was found. */
  meaningFrom?: 'name' | 'position';
}

export interface WerAttachedFile {
  index: number;
  /** Name inside the CAB ("minidump.mdmp", "memory.hdmp"). */
  cabName: string | null;
  /** File name in the report folder ("WER9DB7.tmp.mdmp"). */
  path: string | null;
  /** Where WER collected it from ("C:\Windows\Minidump\021914-01.dmp"). */
  originalPath: string | null;
  /** WER file type: 2 = minidump, 3 = heap dump, 5 = other (seen in real reports). */
  type: number | null;
  flags: number | null;
  /** True for a crash dump (type 2/3 or a dump file extension). */
  isDump: boolean;
}

export interface WerReport {
  encoding: WerEncoding;
  version: number | null;
  /** APPCRASH, BEX, BEX64, MoAppCrash, AppHangB1, BlueScreen, LiveKernelEvent … (open set). */
  eventType: string | null;
  /** EventTime as written: FILETIME, 100 ns ticks since 1601-01-01 UTC. */
  eventTimeFiletime: bigint | null;
  eventTime: Date | null;
  reportId: string | null;
  reportType: number | null;
  friendlyEventName: string | null;
  app: {
    /** Image name from the signature ("MTGA.exe"), or AppName when the signature has none. */
    name: string | null;
    /** AppName= line: a display name ("Reporting Services Service") or the image name. */
    displayName: string | null;
    version: string | null;
    /** PE TimeDateStamp of the application, seconds since 1970. */
    timestamp: number | null;
    path: string | null;
    /** MoAppCrash: the Store package. */
    packageFullName: string | null;
  };
  faultModule: {
    name: string | null;
    version: string | null;
    timestamp: number | null;
    /** Offset in the module; a hex string, or a placeholder such as "PCH_84" when WER had none. */
    offset: string | null;
  };
  /** NTSTATUS / HRESULT of the exception (user-mode events). */
  exceptionCode: number | null;
  exceptionData: string | null;
  /** BlueScreen / LiveKernelEvent. */
  bugcheck: { code: number; parameters: bigint[] } | null;
  /** "10.0.19045.2.0.0.768.101" (DynamicSig) or "6_1_7601" (kernel signature). */
  osVersion: string | null;
  localeId: number | null;
  bucket: { id: string | null; legacyId: string | null; table: number | null };
  signature: WerSignature[];
  dynamicSignature: { index: number; name: string; value: string; meaning?: SigMeaning }[];
  files: WerAttachedFile[];
  /** Full paths WER saw loaded in the process. */
  loadedModules: string[];
  osInfo: Record<string, string>;
  ui: string[];
  /** Every Key=Value as read (last one wins), for fields we do not model. */
  values: Record<string, string>;
  /** Lines we could not read, missing mandatory keys: never fatal. */
  problems: string[];
}

/** FILETIME epoch (1601-01-01) to Unix epoch, in 100 ns ticks. */
const FILETIME_UNIX_OFFSET = 116444736000000000n;
const MAX_LINES = 100_000;
const DUMP_EXTENSIONS = /\.(dmp|mdmp|hdmp)$/i;

function toInt(s: string | undefined, radix = 10): number | null {
  if (s === undefined) return null;
  const t = s.trim();
  const ok = radix === 16 ? /^(0x)?[0-9a-f]{1,8}$/i.test(t) : /^-?\d{1,15}$/.test(t);
  return ok ? parseInt(t.replace(/^0x/i, ''), radix) : null;
}

function toBigHex(s: string | undefined): bigint | null {
  const t = s?.trim().replace(/^0x/i, '');
  return t && /^[0-9a-f]{1,16}$/i.test(t) ? BigInt('0x' + t) : null;
}

function filetimeToDate(ft: bigint): Date | null {
  const ms = (ft - FILETIME_UNIX_OFFSET) / 10000n;
  // Beyond ±8.64e15 ms a Date is invalid; also reject the 0/negative placeholder.
  if (ft <= 0n || ms > 8_640_000_000_000_000n || ms < -8_640_000_000_000_000n) return null;
  return new Date(Number(ms));
}

interface Indexed {
  /** index → sub-key ("" for `UI[2]=…`) → value */
  groups: Map<string, Map<number, Map<string, string>>>;
  values: Record<string, string>;
  problems: string[];
}

const INDEXED_KEY = /^([A-Za-z]+)\[(\d{1,6})\](?:\.(.+))?$/;

function readLines(text: string): Indexed {
  const groups = new Map<string, Map<number, Map<string, string>>>();
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const problems: string[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > MAX_LINES) problems.push(`more than ${MAX_LINES} lines; the rest is ignored`);
  for (let n = 0; n < Math.min(lines.length, MAX_LINES); n++) {
    const line = lines[n]!.replace(/^\ufeff/, '');
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push(`line ${n + 1}: no Key=Value`);
      continue;
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1);
    values[key] = value;
    const m = INDEXED_KEY.exec(key);
    if (m) {
      const group = m[1]!;
      const index = Number(m[2]);
      const sub = m[3] ?? '';
      let byIndex = groups.get(group);
      if (!byIndex) groups.set(group, (byIndex = new Map()));
      let fields = byIndex.get(index);
      if (!fields) byIndex.set(index, (fields = new Map()));
      fields.set(sub, value);
    }
  }
  return { groups, values, problems };
}

function sortedGroup(ix: Indexed, name: string): [number, Map<string, string>][] {
  return [...(ix.groups.get(name) ?? new Map<number, Map<string, string>>())].sort((a, b) => a[0] - b[0]);
}

function resolveSignature(eventType: string | null, raw: [number, Map<string, string>][]): WerSignature[] {
  const sigs: WerSignature[] = raw.map(([index, f]) => ({ index, name: f.get('Name') ?? '', value: f.get('Value') ?? '' }));
  const taken = new Set<SigMeaning>();
  for (const s of sigs) {
    const m = meaningOfName(s.name);
    if (m && !taken.has(m)) {
      s.meaning = m;
      s.meaningFrom = 'name';
      taken.add(m);
    }
  }
  // Unknown names: the event type's position convention, unless that meaning was already named elsewhere.
  for (const s of sigs) {
    if (s.meaning) continue;
    const m = meaningOfPosition(eventType, s.index);
    if (m && !taken.has(m)) {
      s.meaning = m;
      s.meaningFrom = 'position';
      taken.add(m);
    }
  }
  return sigs;
}

function attachedFiles(raw: [number, Map<string, string>][]): WerAttachedFile[] {
  return raw.map(([index, f]) => {
    const cabName = f.get('CabName') ?? null;
    const path = f.get('Path') ?? null;
    const originalPath = f.get('Original.Path') ?? null;
    const type = toInt(f.get('Type'));
    const names = [cabName, path, originalPath].filter((x): x is string => x !== null);
    return {
      index, cabName, path, originalPath, type, flags: toInt(f.get('Flags')),
      isDump: type === 2 || type === 3 || names.some((n) => DUMP_EXTENSIONS.test(n)),
    };
  });
}

/** Parses the bytes of a Report.wer. Never throws. */
export function parseReportWer(bytes: Uint8Array): WerReport {
  const { text, encoding } = decodeWerText(bytes);
  const ix = readLines(text);
  const v = ix.values;
  const problems = ix.problems;
  const eventType = v['EventType']?.trim() || null;
  if (!eventType) problems.push('no EventType');

  const signature = resolveSignature(eventType, sortedGroup(ix, 'Sig'));
  const sig = (m: SigMeaning): string | undefined => signature.find((s) => s.meaning === m)?.value.trim();
  const dynamicSignature = sortedGroup(ix, 'DynamicSig').map(([index, f]) => {
    const name = f.get('Name') ?? '';
    const meaning = meaningOfName(name);
    return { index, name, value: f.get('Value') ?? '', ...(meaning ? { meaning } : {}) };
  });
  const dyn = (m: SigMeaning): string | undefined => dynamicSignature.find((s) => s.meaning === m)?.value.trim();

  const ftText = v['EventTime']?.trim();
  const eventTimeFiletime = ftText && /^\d{1,20}$/.test(ftText) ? BigInt(ftText) : null;
  if (ftText !== undefined && eventTimeFiletime === null) problems.push(`EventTime is not a FILETIME: ${ftText}`);

  let bugcheck: WerReport['bugcheck'] = null;
  const bcCode = toInt(sig('bugcheckCode'), 16);
  if (bcCode !== null) {
    const params = (['bugcheckParam1', 'bugcheckParam2', 'bugcheckParam3', 'bugcheckParam4'] as const).map((p) => toBigHex(sig(p)) ?? 0n);
    bugcheck = { code: bcCode, parameters: params };
  }

  const files = attachedFiles(sortedGroup(ix, 'File'));
  // Some reports (LiveKernelEvent) name their dump in a top-level DumpFile= line instead.
  const dumpFile = v['DumpFile']?.trim();
  if (dumpFile && !files.some((f) => f.originalPath === dumpFile)) {
    files.push({ index: -1, cabName: null, path: null, originalPath: dumpFile, type: null, flags: null, isDump: true });
  }

  const osInfo: Record<string, string> = {};
  for (const [, f] of sortedGroup(ix, 'OsInfo')) {
    const k = f.get('Key');
    if (k !== undefined) osInfo[k] = f.get('Value') ?? '';
  }

  const appDisplay = v['AppName']?.trim() || null;
  const eventTime = eventTimeFiletime === null ? null : filetimeToDate(eventTimeFiletime);
  return {
    encoding,
    version: toInt(v['Version']),
    eventType,
    eventTimeFiletime,
    eventTime,
    reportId: v['ReportIdentifier']?.trim() || null,
    reportType: toInt(v['ReportType']),
    friendlyEventName: v['FriendlyEventName']?.trim() || null,
    app: {
      name: sig('appName') || appDisplay,
      displayName: appDisplay,
      version: sig('appVersion') || null,
      timestamp: toInt(sig('appTimestamp'), 16),
      path: v['AppPath']?.trim() || null,
      packageFullName: sig('packageFullName') || null,
    },
    faultModule: {
      name: sig('faultModuleName') || null,
      version: sig('faultModuleVersion') || null,
      timestamp: toInt(sig('faultModuleTimestamp'), 16),
      offset: sig('exceptionOffset') || null,
    },
    exceptionCode: toInt(sig('exceptionCode'), 16),
    exceptionData: sig('exceptionData') || null,
    bugcheck,
    osVersion: dyn('osVersion') || sig('osVersion') || osInfo['osver'] || null,
    localeId: toInt(dyn('localeId') ?? sig('localeId')),
    bucket: {
      id: v['Response.BucketId']?.trim() || null,
      legacyId: v['Response.LegacyBucketId']?.trim() || null,
      table: toInt(v['Response.BucketTable']),
    },
    signature,
    dynamicSignature,
    files,
    loadedModules: sortedGroup(ix, 'LoadedModule').map(([, f]) => f.get('') ?? '').filter((p) => p !== ''),
    osInfo,
    ui: sortedGroup(ix, 'UI').map(([, f]) => f.get('') ?? ''),
    values: v,
    problems,
  };
}

/** File names (lower-cased, without folder) of the dumps a report attaches, for linking to crash rows. */
export function attachedDumpNames(report: WerReport): string[] {
  const names = new Set<string>();
  for (const f of report.files) {
    if (!f.isDump) continue;
    for (const p of [f.path, f.originalPath]) {
      if (p) names.add(p.split(/[\\/]/).pop()!.toLowerCase());
    }
  }
  return [...names];
}
