import { DumpFormatError } from '../../errors';
import { lastAtOrBelow, upperBound } from '../common/rvaSearch';
import { decodeUtf8 } from './utf8';

/**
 * A parsed Breakpad `.sym` file
 * (https://chromium.googlesource.com/breakpad/breakpad/+/HEAD/docs/symbol_files.md).
 * Records are kept in arrays sorted by address; lookups binary-search them.
 */
export interface BpLine {
  rva: number;
  size: number;
  line: number;
  /** Index into the FILE records. */
  file: number;
}

export interface BpInline {
  depth: number;
  callLine: number;
  callFile: number;
  origin: number;
  ranges: { rva: number; size: number }[];
}

export interface BpFunc {
  rva: number;
  size: number;
  paramSize: number;
  name: string;
  multiple: boolean;
  lines: BpLine[];
  inlines: BpInline[];
}

export interface BpPublic {
  rva: number;
  paramSize: number;
  name: string;
  multiple: boolean;
}

export interface BpCfi {
  rva: number;
  size: number;
  /** INIT rules, then the deltas in address order (each applies from its address on). */
  init: string;
  deltas: { rva: number; rules: string }[];
}

/** STACK WIN record (types 0 FPO, 1 trap, 2 TSS, 3 standard, 4 frame data). */
export interface BpStackWin {
  type: number;
  rva: number;
  size: number;
  prologSize: number;
  epilogSize: number;
  paramSize: number;
  savedRegSize: number;
  localSize: number;
  maxStackSize: number;
  /** Program string (frame data); undefined for FPO records that use allocatesBasePointer. */
  program?: string;
  allocatesBasePointer: boolean;
}

export interface BpModuleLine {
  os: string;
  cpu: string;
  debugId: string;
  debugFile: string;
}

const MAX_LINE_ERRORS = 100;

export class BreakpadSymbols {
  module?: BpModuleLine;
  codeId?: string;
  codeFile?: string;
  readonly files = new Map<number, string>();
  readonly inlineOrigins = new Map<number, string>();
  readonly funcs: BpFunc[] = [];
  readonly publics: BpPublic[] = [];
  readonly cfi: BpCfi[] = [];
  readonly stackWin: BpStackWin[] = [];
  /** Lines we could not parse ("line 12: bad FUNC record"); a few bad lines do not reject a file. */
  readonly problems: string[] = [];

  /** Function covering `rva`. */
  func(rva: number): BpFunc | undefined {
    const f = lastAtOrBelow(this.funcs, rva);
    return f && rva < f.rva + Math.max(f.size, 1) ? f : undefined;
  }

  /** The function starting nearest at or below `rva`, whether or not it covers it. */
  nearestFuncBelow(rva: number): BpFunc | undefined {
    return lastAtOrBelow(this.funcs, rva);
  }

  /** Public symbol at or below `rva` (publics have no size: they reach to the next symbol). */
  publicAt(rva: number): BpPublic | undefined {
    return lastAtOrBelow(this.publics, rva);
  }

  /** Source line covering `rva` within `f`. */
  line(f: BpFunc, rva: number): BpLine | undefined {
    const l = lastAtOrBelow(f.lines, rva);
    return l && rva < l.rva + Math.max(l.size, 1) ? l : undefined;
  }

  /** CFI rules in effect at `rva`: the INIT rules overridden by every delta at or below it. */
  cfiRules(rva: number): string[] | undefined {
    const c = lastAtOrBelow(this.cfi, rva);
    if (!c || rva >= c.rva + c.size) return undefined;
    const out = [c.init];
    for (const d of c.deltas) if (d.rva <= rva) out.push(d.rules);
    return out;
  }

  /** Innermost STACK WIN record covering `rva`, preferring frame data (type 4) over FPO (type 0), as Breakpad does. */
  stackWinAt(rva: number): BpStackWin | undefined {
    let best: BpStackWin | undefined;
    // Records nest (a function's record and its prologue sub-ranges); scan back from the last start <= rva.
    let i = upperBound(this.stackWin, rva) - 1;
    for (let n = 0; i >= 0 && n < 64; i--, n++) {
      const w = this.stackWin[i]!;
      if (rva >= w.rva && rva < w.rva + w.size) {
        if (!best || (w.type === 4 && best.type !== 4)) best = w;
        if (best.type === 4) break;
      }
    }
    return best;
  }
}

const HEX = /^[0-9a-fA-F]+$/;
function hex(s: string | undefined): number {
  if (s === undefined || !HEX.test(s) || s.length > 13) throw new Error(`"${s ?? ''}" is not a hex number`);
  return parseInt(s, 16);
}
function dec(s: string | undefined): number {
  if (s === undefined || !/^-?\d+$/.test(s)) throw new Error(`"${s ?? ''}" is not a number`);
  return parseInt(s, 10);
}

/** Splits off `n` space-separated fields; the rest of the line (which may hold spaces) is the last item. */
function fields(line: string, n: number): string[] {
  const out: string[] = [];
  let p = 0;
  for (let i = 0; i < n; i++) {
    while (line[p] === ' ') p++;
    const sp = line.indexOf(' ', p);
    if (sp < 0) { out.push(line.slice(p)); return out; }
    out.push(line.slice(p, sp));
    p = sp + 1;
  }
  out.push(line.slice(p));
  return out;
}

/** Parses `.sym` text. Throws only when the file does not start with a MODULE line. */
export function parseSym(input: string | Uint8Array): BreakpadSymbols {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  const s = new BreakpadSymbols();
  const lines = text.split(/\r?\n/);
  if (!lines[0]?.startsWith('MODULE ')) {
    throw new DumpFormatError('BadSignature', 'Breakpad symbols: the first line is not a MODULE record');
  }
  let func: BpFunc | undefined;
  let cfi: BpCfi | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    try {
      const sp = line.indexOf(' ');
      const kw = sp < 0 ? line : line.slice(0, sp);
      switch (kw) {
        case 'MODULE': {
          const [os, cpu, id, file] = fields(line, 4).slice(1);
          s.module = { os: os!, cpu: cpu!, debugId: id!, debugFile: file ?? '' };
          break;
        }
        case 'INFO': {
          const f = fields(line, 3);
          if (f[1] === 'CODE_ID') { s.codeId = f[2]; s.codeFile = f[3] || undefined; }
          break;
        }
        case 'FILE': {
          const [, n, name] = fields(line, 2);
          s.files.set(dec(n), name ?? '');
          break;
        }
        case 'INLINE_ORIGIN': {
          const [, n, name] = fields(line, 2);
          s.inlineOrigins.set(dec(n), name ?? '');
          break;
        }
        case 'FUNC': {
          const multiple = line.startsWith('FUNC m ');
          const f = fields(multiple ? line.slice(7) : line.slice(5), 3);
          func = { rva: hex(f[0]), size: hex(f[1]), paramSize: hex(f[2]), name: f[3] ?? '', multiple, lines: [], inlines: [] };
          s.funcs.push(func);
          break;
        }
        case 'INLINE': {
          if (!func) throw new Error('INLINE outside a FUNC');
          const t = line.split(' ');
          const ranges: { rva: number; size: number }[] = [];
          for (let k = 5; k + 1 < t.length; k += 2) ranges.push({ rva: hex(t[k]), size: hex(t[k + 1]) });
          func.inlines.push({ depth: dec(t[1]), callLine: dec(t[2]), callFile: dec(t[3]), origin: dec(t[4]), ranges });
          break;
        }
        case 'PUBLIC': {
          const multiple = line.startsWith('PUBLIC m ');
          const f = fields(multiple ? line.slice(9) : line.slice(7), 2);
          s.publics.push({ rva: hex(f[0]), paramSize: hex(f[1]), name: f[2] ?? '', multiple });
          func = undefined;
          break;
        }
        case 'STACK': {
          func = undefined;
          if (line.startsWith('STACK CFI INIT ')) {
            const f = fields(line.slice(15), 2);
            cfi = { rva: hex(f[0]), size: hex(f[1]), init: f[2] ?? '', deltas: [] };
            s.cfi.push(cfi);
          } else if (line.startsWith('STACK CFI ')) {
            if (!cfi) throw new Error('STACK CFI delta before any INIT');
            const f = fields(line.slice(10), 1);
            cfi.deltas.push({ rva: hex(f[0]), rules: f[1] ?? '' });
          } else if (line.startsWith('STACK WIN ')) {
            const f = fields(line.slice(10), 10);
            const hasProgram = f[9] === '1';
            s.stackWin.push({
              type: hex(f[0]), rva: hex(f[1]), size: hex(f[2]), prologSize: hex(f[3]), epilogSize: hex(f[4]),
              paramSize: hex(f[5]), savedRegSize: hex(f[6]), localSize: hex(f[7]), maxStackSize: hex(f[8]),
              program: hasProgram ? f[10] : undefined,
              allocatesBasePointer: !hasProgram && f[10] === '1',
            });
          }
          break;
        }
        default: {
          if (!func) throw new Error('line record outside a FUNC');
          const t = line.split(' ');
          func.lines.push({ rva: hex(t[0]), size: hex(t[1]), line: dec(t[2]), file: dec(t[3]) });
        }
      }
    } catch (e) {
      if (s.problems.length < MAX_LINE_ERRORS) s.problems.push(`line ${i + 1}: ${(e as Error).message}`);
    }
  }
  const byRva = (a: { rva: number }, b: { rva: number }) => a.rva - b.rva;
  s.funcs.sort(byRva);
  for (const f of s.funcs) f.lines.sort(byRva);
  s.publics.sort(byRva);
  s.cfi.sort(byRva);
  for (const c of s.cfi) c.deltas.sort(byRva);
  s.stackWin.sort((a, b) => a.rva - b.rva || b.size - a.size);
  return s;
}
