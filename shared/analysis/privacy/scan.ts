import type { Dump } from '../../dump/types';
import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import { classifyString, type FindingKind } from './classify';
import { readProcessParameters } from './processParameters';
import { findStrings } from './strings';

/** Where in the dump a finding sits. */
export interface FindingPlace {
  /** "module list", "thread names", "memory", "comment stream", "handles", "process parameters"… */
  section: string;
  /** Virtual address of the bytes, for memory. */
  address?: string;
  /** Offset in the dump file, where known. */
  fileOffset?: number;
}

export interface PrivacyFinding {
  kind: FindingKind | 'module-path' | 'thread-name' | 'handle-name' | 'comment' | 'process-name';
  value: string;
  context: string;
  place: FindingPlace;
}

export interface PrivacyReport {
  findings: PrivacyFinding[];
  /** Bytes of captured memory, and in how many regions. */
  memoryBytes: number;
  memoryRegions: number;
  /** Distinct user names seen in profile paths and USERNAME=. */
  userNames: string[];
  /** One paragraph in plain words. */
  summary: string;
  /** What a Windows small memory dump (or a plain minidump) would hold, for comparison. */
  comparison: string;
}

/** Findings per kind are capped so a dump full of URLs does not drown the view. */
const PER_KIND_CAP = 500;

function kb(n: number): string {
  return n < 1024 ? `${n} bytes` : n < 1 << 20 ? `${Math.round(n / 1024)} KB` : `${(n / (1 << 20)).toFixed(1)} MB`;
}

/** Everything in a dump that can identify a person or leak data, with where it sits. */
export function scanPrivacy(dump: Dump): PrivacyReport {
  const findings: PrivacyFinding[] = [];
  const perKind = new Map<string, number>();
  const add = (f: PrivacyFinding) => {
    const n = perKind.get(f.kind) ?? 0;
    if (n >= PER_KIND_CAP) return;
    perKind.set(f.kind, n + 1);
    findings.push(f);
  };
  const addClassified = (text: string, place: FindingPlace) => {
    for (const c of classifyString(text)) add({ ...c, place });
  };

  for (const m of dump.modules()) {
    addClassified(m.path, { section: 'module list' });
    if (m.debugFile) addClassified(m.debugFile, { section: 'module list (CodeView PDB path)' });
  }
  for (const u of dump.unloadedModules()) addClassified(u.name, { section: 'unloaded module list' });
  for (const t of dump.threads()) {
    if (t.name) add({ kind: 'thread-name', value: t.name, context: `thread ${t.id.toString(16)}`, place: { section: 'thread names' } });
  }
  const proc = dump.process();
  if (dump.format === 'kernel' && proc?.name) add({ kind: 'process-name', value: proc.name, context: 'process current at the bug check', place: { section: 'kernel process blob' } });

  if (dump instanceof MinidumpDump) {
    const comments = dump.comments();
    for (const [k, text] of Object.entries(comments)) {
      if (text) {
        add({ kind: 'comment', value: text.slice(0, 200), context: text, place: { section: `comment stream (${k})` } });
        addClassified(text, { section: `comment stream (${k})` });
      }
    }
    for (const h of dump.handles()) {
      if (h.objectName) {
        add({ kind: 'handle-name', value: h.objectName, context: `${h.typeName ?? 'handle'} ${h.handle.toString(16)}`, place: { section: 'handles' } });
        addClassified(h.objectName, { section: 'handles' });
      }
    }
    const params = readProcessParameters(dump);
    if (params?.commandLine) add({ kind: 'command-line', value: params.commandLine.text, context: params.commandLine.text, place: { section: 'process parameters (PEB)', address: '0x' + params.commandLine.address.toString(16) } });
    for (const e of params?.environment ?? []) addClassified(e.text, { section: 'environment (PEB)', address: '0x' + e.address.toString(16) });
    // Strings in captured memory, located by file offset (the bytes a shared file actually carries).
    for (const r of dump.memoryRanges()) {
      const bytes = dump.file.reader.bytes(r.rva, r.size);
      for (const s of findStrings(bytes, 6, 20_000)) {
        addClassified(s.text, { section: 'memory', address: '0x' + (r.start + BigInt(s.offset)).toString(16), fileOffset: r.rva + s.offset });
      }
    }
  }

  const regions = dump.memory.regions();
  const memoryBytes = regions.reduce((n, r) => n + r.size, 0);
  const userNames = [...new Set(findings.filter((f) => f.kind === 'user-path' || f.kind === 'user-name').map((f) => f.value))].sort();
  return { findings, memoryBytes, memoryRegions: regions.length, userNames, summary: summarize(dump, findings, memoryBytes, regions.length, userNames), comparison: compare(dump) };
}

function summarize(dump: Dump, findings: PrivacyFinding[], memoryBytes: number, regions: number, users: string[]): string {
  const kind = dump.kind === 'kernel-small' ? 'small memory dump' : dump.format === 'kernel' ? 'kernel memory dump' : 'user-mode minidump';
  const parts = [`This ${kind} holds ${kb(memoryBytes)} of ${dump.format === 'kernel' ? 'kernel' : 'process'} memory in ${regions} region${regions === 1 ? '' : 's'}`];
  parts[0] += dump.format === 'kernel' ? ' and no user memory' : '';
  for (const u of users) {
    const where = findings.filter((f) => (f.kind === 'user-path' || f.kind === 'user-name') && f.value === u);
    const sections = [...new Set(where.map((f) => f.place.section))];
    parts.push(`it names the user '${u}' ${where.length} time${where.length === 1 ? '' : 's'} (${sections.join(', ')})`);
  }
  const count = (k: PrivacyFinding['kind']) => findings.filter((f) => f.kind === k).length;
  const extras: [PrivacyFinding['kind'], string][] = [['command-line', 'a command line'], ['email', 'e-mail addresses'], ['url', 'URLs'], ['ip-address', 'IP addresses'], ['computer-name', 'the computer name'], ['thread-name', 'thread names'], ['handle-name', 'handle names'], ['comment', 'comments'], ['process-name', 'a process name']];
  const have = extras.filter(([k]) => count(k) > 0).map(([k, w]) => `${w} (${count(k)})`);
  if (have.length) parts.push(`it also contains ${have.join(', ')}`);
  if (users.length === 0 && have.length === 0) parts.push('nothing in it names a person');
  return parts.join('; ') + '.';
}

function compare(dump: Dump): string {
  if (dump.kind === 'kernel-small') return 'This is what Windows keeps in a small memory dump: the stop code and parameters, the faulting processor and thread with about 16 KB of kernel stack, the loaded and unloaded driver lists and the current process name; no user-mode memory.';
  if (dump.format === 'kernel') return 'A kernel or complete memory dump holds far more than a small memory dump (256 KB): kernel memory, and with a complete dump every process\'s memory too. Share a small memory dump instead when it is enough.';
  return 'A Windows small memory dump (Minidump folder) holds no application memory at all; this application dump carries the memory listed above, which DumpDesk can drop with `dumpdesk redact`.';
}
