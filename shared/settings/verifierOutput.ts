/**
 * Driver Verifier's own reports, read back into one model: `verifier
 * /querysettings` (what applies after the next boot), `verifier /query`
 * (statistics of the running session) and WinDbg's `!verifier` (flags,
 * statistics and its logs). Tested on the real output in
 * ../shared/corpus/verifier.
 *
 * Assumptions, because the newest /querysettings layout is not in the corpus
 * (reference §2.4): options are recognised by pattern, not by column — a
 * checkbox line "[X] 0x00000001 Special pool." or "[X] (0x00000001) Special
 * pool", or an older "Special pool: Enabled" line; a "Verifier Flags: 0x…"
 * line gives the bits directly; "Boot Mode:", "Rules:", "Extensions:" and
 * "Verified Drivers:" are headings whose value is on the same line or on the
 * indented lines below; unknown headings are kept as text in `sections`.
 */
import { verifierFlagByName } from './verifierFlags';

export type VerifierOutputKind =
  | 'settings' // verifier /querysettings
  | 'statistics' // verifier /query, or !verifier's summary
  | 'not-active' // "No drivers are currently verified."
  | 'flags' // !verifier (3): the checkbox list
  | 'pool-log' // !verifier 0x80: pool allocation/free history
  | 'fault-injection-log' // !verifier 4: injected allocation failures
  | 'irql-log' // !verifier 8: IRQL transitions
  | 'volatile-change'; // output of verifier /volatile …

export interface VerifierOption {
  name: string;
  /** The option's bit; 0 for "Automatic Checks"; undefined for a name DumpDesk does not know. */
  mask?: number;
  enabled: boolean;
}

export interface VerifierLogEntry {
  /** "Pool block", "Size", "Thread", "Old irql", "Entry", … as written. */
  fields: Record<string, string>;
  frames: { address: bigint; symbol: string }[];
}

export interface VerifierStatus {
  kind: VerifierOutputKind;
  /** The command that produced the text, when it is echoed ("!verifier 80 a2b1cf20"). */
  command?: string;
  /** Option bits, from a flags line or summed from the options listed. */
  flags?: number;
  options: VerifierOption[];
  /** Verified drivers. */
  drivers: string[];
  /** The output says every driver is verified. */
  allDrivers?: boolean;
  bootMode?: string;
  lowResources?: { probability?: string; poolTags?: string[]; applications?: string[]; bootDelayMinutes?: number };
  /** Global counters (RaiseIrqls, AcquireSpinLocks, "Pool Allocations Attempted", …) as written. */
  counters: Record<string, bigint>;
  driverStatistics: { name: string; loads?: number; unloads?: number; counters: Record<string, bigint> }[];
  logEntries: VerifierLogEntry[];
  /** Timestamp line of an old /query ("20.2.2013, 15:27:56"). */
  timestamp?: string;
  /** Text of headings DumpDesk does not model (Rules, Extensions, …). */
  sections: Record<string, string[]>;
}

const PROMPT = /^(?:\d+:\s*)?(?:kd|[A-Z]:\\[^>]*|\d+)>\s*(.*)$/i;
const CHECKBOX = /^\[( |x)\]\s*\(?0x([0-9a-f]{1,8})\)?\s+(.+?)\.?$/i;
const FRAME = /^#?\s*([0-9a-f]{8}|[0-9a-f]{16})\s+(\S+!\S+)$/i;
const HEADING = /^([A-Za-z][A-Za-z /-]*?):\s*(.*)$/;
const DRIVER_NAME = /^[^\s\\/:]+\.(sys|exe|dll)$/i;

type Block = 'none' | 'drivers' | 'enabledList' | 'lowResources' | 'bootMode' | 'section' | 'driverStats';

function parseNumber(text: string): bigint {
  return text.toLowerCase().startsWith('0x') ? BigInt(text) : BigInt(text.replace(/,/g, ''));
}

function kindOfCommand(command: string): VerifierOutputKind | undefined {
  const m = /^!verifier\s*(\S+)?/i.exec(command);
  if (m) {
    const level = m[1] ? Number.parseInt(m[1], 16) : 1;
    if (level === 0x80) return 'pool-log';
    if (level === 4) return 'fault-injection-log';
    if (level === 8) return 'irql-log';
    return level === 1 ? 'statistics' : 'flags';
  }
  if (/verifier(\.exe)?\s+\/querysettings/i.test(command)) return 'settings';
  if (/verifier(\.exe)?\s+\/query\b/i.test(command)) return 'statistics';
  if (/verifier(\.exe)?\s+\/volatile/i.test(command)) return 'volatile-change';
  return undefined;
}

/** Reads any of the verifier outputs; never throws on unexpected lines (they are skipped). */
export function parseVerifierOutput(text: string): VerifierStatus {
  const s: VerifierStatus = { kind: 'settings', options: [], drivers: [], counters: {}, driverStatistics: [], logEntries: [], sections: {} };
  let kind: VerifierOutputKind | undefined;
  const guess = new Set<VerifierOutputKind>();
  let block: Block = 'none';
  let sectionName = '';
  let entry: VerifierLogEntry | undefined;
  let driverStats: VerifierStatus['driverStatistics'][number] | undefined;
  let flagsFromLine: number | undefined;

  const newEntry = () => {
    entry = { fields: {}, frames: [] };
    s.logEntries.push(entry);
    return entry;
  };

  for (const raw of text.split(/\r\n|\r|\n/)) {
    // Some pastes prefix every line with "- "; the low resources options use "- " themselves.
    const line = block === 'lowResources' ? raw.trim() : raw.trim().replace(/^-\s+/, '');
    if (line === '') {
      // A heading may be followed by a blank line before its items ("Verified drivers:", "", "blah.sys").
      const waitingForItems = (block === 'drivers' && s.drivers.length === 0) || block === 'bootMode' || (block === 'section' && s.sections[sectionName]!.length === 0);
      if (!waitingForItems && block !== 'lowResources' && block !== 'driverStats') block = 'none';
      continue;
    }
    const prompt = PROMPT.exec(line);
    if (prompt && /verifier/i.test(prompt[1]!)) {
      s.command = prompt[1]!.trim();
      kind = kindOfCommand(s.command) ?? kind;
      continue;
    }
    if (/^!verifier\b/i.test(line)) {
      s.command = line;
      kind = kindOfCommand(line) ?? kind;
      continue;
    }
    if (/^#\s*Parsing\b/i.test(line)) continue;

    let m: RegExpExecArray | null;
    if ((m = /^Verifier Flags:\s*0x([0-9a-f]+)/i.exec(line))) {
      flagsFromLine = Number.parseInt(m[1]!, 16);
      guess.add('settings');
      continue;
    }
    if ((m = /^Verify Flags Level\s+0x([0-9a-f]+)/i.exec(line))) {
      flagsFromLine = Number.parseInt(m[1]!, 16);
      guess.add('flags');
      continue;
    }
    if ((m = /^Verify Level\s+([0-9a-f]+)\b.*enabled options are:?$/i.exec(line))) {
      flagsFromLine = Number.parseInt(m[1]!, 16);
      guess.add('statistics');
      block = 'enabledList';
      continue;
    }
    if ((m = /^Level:\s*([0-9a-f]+)$/i.exec(line))) {
      flagsFromLine = Number.parseInt(m[1]!, 16);
      guess.add('statistics');
      continue;
    }
    if (/No drivers are currently verified/i.test(line)) {
      guess.add('not-active');
      continue;
    }
    if (/in effect until you restart/i.test(line)) {
      guess.add('volatile-change');
      continue;
    }
    if ((m = CHECKBOX.exec(line))) {
      if (/indicates flag is enabled/i.test(m[3]!)) continue;
      const mask = Number.parseInt(m[2]!, 16);
      s.options.push({ name: m[3]!.trim(), mask, enabled: m[1]!.toLowerCase() === 'x' });
      continue;
    }
    // The debugger prints these headings in capitals; /querysettings in title case.
    if (/^(STANDARD|ADDITIONAL|RESERVED) FLAGS\b/.test(line)) {
      guess.add('flags');
      continue;
    }
    if (/^(Standard|Additional|Reserved) Flags:?$/i.test(line)) continue;
    if (/^Summary of All Verifier Statistics$/i.test(line)) {
      guess.add('statistics');
      block = 'none';
      continue;
    }

    // Log entries: pool history, fault-injection history, IRQL transitions.
    if ((m = /^Pool block\s+([0-9a-f]+),\s*Size\s+([0-9a-f]+),\s*Thread\s+([0-9a-f]+)$/i.exec(line))) {
      newEntry().fields = { 'Pool block': m[1]!, Size: m[2]!, Thread: m[3]! };
      guess.add('pool-log');
      continue;
    }
    if ((m = /^Entry @\s*([0-9a-f]+)\s*\(index\s+(\d+)\)$/i.exec(line))) {
      newEntry().fields = { Entry: m[1]!, Index: m[2]! };
      guess.add('fault-injection-log');
      continue;
    }
    if (/^(Resource fault injection history|Tracker @)/i.test(line)) {
      guess.add('fault-injection-log');
      continue;
    }
    if ((m = FRAME.exec(line))) {
      (entry ?? newEntry()).frames.push({ address: BigInt('0x' + m[1]!), symbol: m[2]! });
      continue;
    }
    if ((m = /^(Thread|Old irql|New irql|Processor|Time stamp):\s*([0-9a-f]+)$/i.exec(line))) {
      // An IRQL log entry starts at its Thread line; a fault-injection entry has Thread inside it.
      if (m[1]!.toLowerCase() === 'thread' && (!entry || entry.frames.length || 'Thread' in entry.fields)) newEntry();
      entry!.fields[m[1]!] = m[2]!;
      if (/irql/i.test(m[1]!)) guess.add('irql-log');
      continue;
    }

    // verifier /query: "Name: atikmpag.sys, loads: 1, unloads: 0" starts a driver's counters.
    if ((m = /^Name:\s*([^,]+),\s*loads:\s*(\d+),\s*unloads:\s*(\d+)$/i.exec(line))) {
      driverStats = { name: m[1]!.trim(), loads: Number(m[2]), unloads: Number(m[3]), counters: {} };
      s.driverStatistics.push(driverStats);
      s.drivers.push(driverStats.name);
      block = 'driverStats';
      guess.add('statistics');
      continue;
    }
    if ((m = /^(\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?)$/.exec(line))) {
      s.timestamp = m[1]!;
      continue;
    }

    // Old /querysettings: "Special pool: Disabled".
    if ((m = /^(.+?):\s*(Enabled|Disabled)$/i.exec(line))) {
      s.options.push({ name: m[1]!.trim(), mask: verifierFlagByName(m[1]!), enabled: m[2]!.toLowerCase() === 'enabled' });
      guess.add('settings');
      continue;
    }
    if (/^(New )?Low Resources Simulation options:$/i.test(line)) {
      block = 'lowResources';
      s.lowResources ??= {};
      continue;
    }
    if (block === 'lowResources' && line.startsWith('-')) {
      const item = line.replace(/^-\s*/, '').replace(/\.$/, '');
      const lr = s.lowResources!;
      if ((m = /^Fault injection probability:\s*(.+)$/i.exec(item))) lr.probability = m[1]!;
      else if (/^Use default fault injection probability$/i.test(item)) lr.probability = 'default';
      else if ((m = /^Fail only allocations using pool tags:\s*(.+)$/i.exec(item))) lr.poolTags = m[1]!.split(/\s+/);
      else if (/any pool tag/i.test(item)) lr.poolTags = [];
      else if ((m = /only in applications:\s*(.+)$/i.exec(item))) lr.applications = m[1]!.split(/\s+/);
      else if (/in any application/i.test(item)) lr.applications = [];
      else if ((m = /^Boot time delay:\s*(\d+)\s*minutes?$/i.exec(item))) lr.bootDelayMinutes = Number(m[1]);
      continue;
    }

    if ((m = /^Verified drivers:?\s*(.*)$/i.exec(line))) {
      block = 'drivers';
      if (m[1]) s.drivers.push(...m[1].split(/\s+/).filter((d) => DRIVER_NAME.test(d)));
      continue;
    }
    if (block === 'drivers') {
      if (/^all drivers$/i.test(line) || line === '*') s.allDrivers = true;
      else if (line.split(/\s+/).every((d) => DRIVER_NAME.test(d))) s.drivers.push(...line.split(/\s+/));
      continue;
    }
    if (block === 'enabledList') {
      s.options.push({ name: line, mask: verifierFlagByName(line), enabled: true });
      continue;
    }
    if (block === 'bootMode') {
      s.bootMode = line;
      block = 'none';
      continue;
    }

    // Counters: "RaiseIrqls: 0" (/query) or "Pool Allocations Attempted   0x862e0e" (!verifier).
    if ((m = /^([A-Za-z][\w .]*?)(?::\s*|\s{2,}|\s+(?=0x))(0x[0-9a-f]+|\d+)$/i.exec(line))) {
      const target = block === 'driverStats' && driverStats ? driverStats.counters : s.counters;
      target[m[1]!.trim()] = parseNumber(m[2]!);
      continue;
    }
    // Under a heading, indented lines are its items even when they contain a colon ("wdm: rules.default").
    if (block === 'section' && /^\s/.test(raw)) {
      s.sections[sectionName]!.push(line);
      continue;
    }
    if ((m = HEADING.exec(line))) {
      const [, name, value] = m;
      if (/^boot ?mode$/i.test(name!)) {
        if (value) s.bootMode = value.trim();
        else block = 'bootMode';
        continue;
      }
      sectionName = name!.trim();
      s.sections[sectionName] = value ? [value.trim()] : [];
      block = 'section';
      continue;
    }
    if (block === 'section') s.sections[sectionName]!.push(line);
  }

  // Which kind: the echoed command wins, then what the lines showed.
  const order: VerifierOutputKind[] = ['not-active', 'volatile-change', 'pool-log', 'fault-injection-log', 'irql-log', 'flags', 'statistics', 'settings'];
  s.kind = kind ?? order.find((k) => guess.has(k)) ?? 'settings';
  if (s.kind === 'statistics' && guess.has('flags')) s.kind = 'flags';
  if (flagsFromLine !== undefined) s.flags = flagsFromLine >>> 0;
  else if (s.options.length && s.options.every((o) => o.mask !== undefined)) s.flags = s.options.filter((o) => o.enabled).reduce((acc, o) => acc | o.mask!, 0) >>> 0;
  else if (s.kind === 'not-active') s.flags = 0;
  return s;
}
