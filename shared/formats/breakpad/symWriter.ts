/**
 * Breakpad symbol-file text (https://chromium.googlesource.com/breakpad/breakpad/+/HEAD/docs/symbol_files.md),
 * written from a neutral model so PDB, PE and future sources share one printer.
 */
import type { BpLine } from './symFile';

/** A line record, as the parser reads it back. */
export type SymLine = BpLine;

export interface SymFunc {
  rva: number;
  size: number;
  paramSize: number;
  name: string;
  /** Several symbols share this address (identical-code folding): the `m` flag. */
  multiple?: boolean;
  lines: SymLine[];
}

export interface SymPublic {
  rva: number;
  paramSize: number;
  name: string;
  multiple?: boolean;
}

export interface SymModuleText {
  os: string;
  cpu: string;
  debugId: string;
  debugFile: string;
  codeId?: string;
  codeFile?: string;
  files: string[];
  funcs: SymFunc[];
  publics: SymPublic[];
  /** Ready-made STACK lines (STACK CFI / STACK WIN), printed last. */
  stack?: string[];
}

const h = (n: number) => n.toString(16);

export function writeSym(m: SymModuleText): string {
  const out: string[] = [`MODULE ${m.os} ${m.cpu} ${m.debugId} ${m.debugFile}`];
  if (m.codeId) out.push(`INFO CODE_ID ${m.codeId}${m.codeFile ? ' ' + m.codeFile : ''}`);
  m.files.forEach((f, i) => out.push(`FILE ${i} ${f}`));
  for (const f of m.funcs) {
    out.push(`FUNC ${f.multiple ? 'm ' : ''}${h(f.rva)} ${h(f.size)} ${h(f.paramSize)} ${f.name}`);
    for (const l of f.lines) out.push(`${h(l.rva)} ${h(l.size)} ${l.line} ${l.file}`);
  }
  for (const p of m.publics) out.push(`PUBLIC ${p.multiple ? 'm ' : ''}${h(p.rva)} ${h(p.paramSize)} ${p.name}`);
  if (m.stack) out.push(...m.stack);
  return out.join('\n') + '\n';
}
