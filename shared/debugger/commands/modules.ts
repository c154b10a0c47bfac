import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { hexN, ptr, windbgDate } from '../format';
import { MinidumpDump } from '../../formats/minidump/minidumpDump';
import type { OutputBuilder } from '../output';
import type { DebugSession, SessionModule } from '../session';
import { matchesWildcard } from '../../wildcard';

/** The parsed options of `lm`: letters glued or spaced, then `m`/`M` pattern or `a` address. */
export interface LmOptions {
  verbose: boolean;
  kernelOnly: boolean;
  userOnly: boolean;
  fullPath: boolean;
  imageName: boolean;
  timestamp: boolean;
  namesOnly: boolean;
  pattern?: string;
  /** Pattern applies to the image path (M) rather than the module name (m). */
  patternOnPath: boolean;
  address?: bigint;
}

/** Reads `lm` options: `lm kv m foo*`, `lmvm foo`, `lm a 7c900000`, `lm t n`. */
export function parseLmOptions(glued: string, args: string, evaluate: (e: string) => bigint): LmOptions {
  const o: LmOptions = { verbose: false, kernelOnly: false, userOnly: false, fullPath: false, imageName: false, timestamp: false, namesOnly: false, patternOnPath: false };
  const words = (glued + ' ' + args).trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w === '1m') {
      o.namesOnly = true;
      continue;
    }
    // Option letters, possibly ending in m/M/a that takes the next word (or the rest of this one).
    while (w.length) {
      const c = w[0]!;
      w = w.slice(1);
      if (c === 'v') o.verbose = true;
      else if (c === 'k') o.kernelOnly = true;
      else if (c === 'u') o.userOnly = true;
      else if (c === 'f') o.fullPath = true;
      else if (c === 'n') o.imageName = true;
      else if (c === 't') o.timestamp = true;
      else if (c === 'o' || c === 'l' || c === 'e' || c === 'D' || c === 'i' || c === 's') continue; // loaded-only / symbol filters: every module here is "loaded"
      else if (c === 'm' || c === 'M' || c === 'a') {
        const value = w || words[++i];
        if (value === undefined) throw new CommandError(`lm: '${c}' needs a ${c === 'a' ? 'address' : 'pattern'}`);
        if (c === 'a') o.address = evaluate(value);
        else {
          o.pattern = value;
          o.patternOnPath = c === 'M';
        }
        w = '';
      } else throw new CommandError(`Unrecognized option '${c}' in 'lm ${args.trim()}'`);
    }
  }
  return o;
}

/** Modules an `lm` selects. In a user dump every module is user-mode; in a kernel dump every one is kernel. */
export function selectModules(s: DebugSession, o: LmOptions): SessionModule[] {
  const kernel = s.dump.format === 'kernel';
  if ((o.kernelOnly && !kernel) || (o.userOnly && kernel)) return [];
  return s.modules().filter((m) => {
    if (o.address !== undefined && !(o.address >= m.start && o.address < m.end)) return false;
    if (o.pattern !== undefined) {
      const subject = o.patternOnPath ? m.module.path : m.name;
      if (!matchesWildcard(subject, o.pattern)) return false;
    }
    return true;
  });
}

/** "Wed Feb 14 19:13:48 2007 (45D35F6C)" — a module timestamp as lm prints it. */
function timestampText(t: number): string {
  if (!t) return 'unavailable (00000000)';
  return `${windbgDate(new Date(t * 1000))} (${hexN(t, 8).toUpperCase()})`;
}

const FILE_OS: Record<number, string> = { 0x40004: 'NT Win32', 0x4: 'Win32', 0x40000: 'NT', 0x10001: 'DOS Win16', 0x10004: 'DOS Win32' };
const FILE_TYPE: Record<number, string> = { 1: 'App', 2: 'Dll', 3: 'Driver', 4: 'Font', 5: 'VXD', 7: 'Static library' };

function verbose(out: OutputBuilder, s: DebugSession, m: SessionModule): void {
  const mod = m.module;
  out.line(`    Image path: ${mod.path}`);
  out.line(`    Image name: ${mod.name}`);
  out.line(`    Timestamp:        ${timestampText(mod.timestamp)}`);
  out.line(`    CheckSum:         ${hexN(mod.checksum ?? 0, 8).toUpperCase()}`);
  out.line(`    ImageSize:        ${hexN(mod.size, 8).toUpperCase()}`);
  if (mod.version) out.line(`    File version:     ${mod.version}`);
  if (mod.productVersion) out.line(`    Product version:  ${mod.productVersion}`);
  const raw = s.dump instanceof MinidumpDump ? s.dump.decodedModules().find((d) => d.module.base === mod.base)?.versionInfo : undefined;
  if (raw && raw.dwSignature === 0xfeef04bd) {
    out.line(`    File flags:       ${raw.dwFileFlags.toString(16).toUpperCase()} (Mask ${raw.dwFileFlagsMask.toString(16).toUpperCase()})`);
    out.line(`    File OS:          ${raw.dwFileOS.toString(16).toUpperCase()} ${FILE_OS[raw.dwFileOS] ?? ''}`.trimEnd());
    out.line(`    File type:        ${raw.dwFileType.toString(16).toUpperCase()}.${raw.dwFileSubtype.toString(16).toUpperCase()} ${FILE_TYPE[raw.dwFileType] ?? ''}`.trimEnd());
    out.line(`    File date:        ${hexN(raw.dwFileDateMS, 8).toUpperCase()}.${hexN(raw.dwFileDateLS, 8).toUpperCase()}`);
  }
  if (mod.debugFile) out.line(`    Debug file:       ${mod.debugFile} (${mod.debugId ?? ''})`);
}

export const lm = defineCommand({
  name: 'lm',
  gluedOptions: true,
  family: 'Modules',
  syntax: 'lm[Options] [a Address] [m Pattern | M Pattern]',
  summary: 'list loaded modules',
  help: [
    'Options (glued, as in lmvm, or spaced, as in lm v m):',
    '  v         verbose: path, timestamp, checksum, size, version resource',
    '  k / u     kernel-mode / user-mode modules only',
    '  f         full image path instead of the symbol status',
    '  n         image name column',
    '  t         timestamp column',
    '  1m        module names only, one per line',
    '  m Pattern module name matches Pattern (case-insensitive, * and ? wildcards)',
    '  M Pattern image path matches Pattern',
    '  a Address the module containing Address',
    'Examples: lm, lm kv, lmvm ntdll, lm kv m problematic_driver*, lm a @rip',
  ].join('\n'),
  run({ session: s, out, glued, args, evaluate }) {
    const o = parseLmOptions(glued, args, evaluate);
    const mods = selectModules(s, o);
    if (o.namesOnly) {
      for (const m of mods) out.link(m.name, 'module', m.name).line();
      return;
    }
    const w = s.is64 ? 17 : 8;
    out.line(`${'start'.padEnd(w + 1)}${'end'.padEnd(w + 3)}module name`);
    for (const m of mods) {
      out.link(ptr(m.start, s.is64), 'address', `0x${m.start.toString(16)}`).text(' ').text(ptr(m.end, s.is64)).text('   ');
      // lm t n: 8-wide name, 12-wide image name (083125-14875-01.windbg.lm-t-n.txt);
      // plain lm: 10-wide name, then the symbol status.
      const named = o.imageName || o.timestamp;
      out.link(m.name, 'module', m.name).text(' '.repeat(Math.max(1, (named ? 9 : 11) - m.name.length)));
      const cols: string[] = [];
      if (o.imageName) cols.push(m.imageName.padEnd(12));
      if (o.timestamp) cols.push(timestampText(m.module.timestamp));
      if (!named) cols.push(o.fullPath ? m.module.path : '(deferred)');
      out.line(cols.join(' ').trimEnd());
      if (o.verbose) verbose(out, s, m);
    }
    const unloaded = s.dump.unloadedModules().filter((u) => o.pattern === undefined || matchesWildcard(u.name, o.pattern));
    if (unloaded.length && o.address === undefined && !o.kernelOnly) {
      out.line();
      out.line('Unloaded modules:');
      for (const u of unloaded) {
        out.line(`${ptr(u.base, s.is64)} ${ptr(u.base + BigInt(u.size), s.is64)}   ${u.name}`);
        // WinDbg prints these three lines for unloaded modules with `v` or `t`
        // (083125-14875-01.windbg.lm-t-n.txt).
        if (o.verbose || o.timestamp) {
          out.line(`Timestamp: ${timestampText(u.timestamp)}`);
          out.line('Checksum:  00000000');
          out.line(`ImageSize:  ${hexN(u.size, 8).toUpperCase()}`);
        }
      }
    }
  },
});

export const lmi = defineCommand({
  name: '!lmi',
  family: 'Modules',
  syntax: '!lmi Module',
  summary: 'detailed information about one module (name or address)',
  help: 'Prints the module\'s base, size, timestamp, checksum, version and CodeView debug record.\nExample: !lmi ntdll',
  run({ session: s, out, args, evaluate }) {
    const a = args.trim();
    if (!a) throw new CommandError('Usage: !lmi <module name or address>');
    const m = s.findModule(a) ?? s.moduleAt(evaluate(a));
    if (!m) throw new CommandError(`${a} not found`);
    const mod = m.module;
    out.line(`Loaded Module Info: [${m.name}]`);
    out.line(`         Module: ${m.name}`);
    out.text('   Base Address: ').link(ptr(m.start, s.is64), 'address', `0x${m.start.toString(16)}`).line();
    out.line(`     Image Name: ${mod.path}`);
    out.line(`   Machine Type: ${s.is64 ? (s.dump.system().cpuArch === 'arm64' ? '43620 (ARM64)' : '34404 (X64)') : '332 (I386)'}`);
    out.line(`     Time Stamp: ${hexN(mod.timestamp, 8)} ${mod.timestamp ? windbgDate(new Date(mod.timestamp * 1000)) : ''}`.trimEnd());
    out.line(`           Size: ${mod.size.toString(16)}`);
    out.line(`       CheckSum: ${(mod.checksum ?? 0).toString(16)}`);
    if (mod.version) out.line(`   File Version: ${mod.version}`);
    if (mod.debugFile) {
      out.line('Debug Data Dirs: Type  Size     VA  Pointer');
      out.line(`             CODEVIEW ${mod.debugFile}`);
      out.line(`     Debug Id: ${mod.debugId}`);
    }
    out.line(`    Symbol Type: ${s.symbols ? 'DEFERRED' : 'NONE'}`);
  },
});
