import { NT_PDB_TYPES } from './pdbLayout';
import type { KernelTarget } from './target';

/**
 * DumpDesk's line under a WinDbg message about missing memory: what is
 * missing and which dump type holds it. Indented and in parentheses so a
 * reader (and a test) tells it from WinDbg's own lines.
 */
export function missingHint(t: KernelTarget, what: string): string {
  if (t.isSmallDump) return `    (small memory dump: it does not hold ${what}; a kernel or complete memory dump (MEMORY.DMP) does)`;
  if (t.dump.kind === 'kernel-kernel') return `    (kernel memory dump: it does not hold ${what}; a complete memory dump also holds user-mode pages)`;
  return `    (this dump does not hold ${what}: the page was not captured or was paged out)`;
}

/**
 * A layout field unknown for this build: say which structure and build, never guess.
 * `fromPdb`: whether DumpDesk would read the structure from the nt PDB's types (so asking for them helps).
 */
export function layoutHint(t: KernelTarget, field: string, fromPdb = true): string {
  // With the nt PDB loaded the field is absent there too (or has another type): say so rather than ask for it.
  const needs = !fromPdb ? 'DumpDesk does not read this structure from PDB types'
    : t.layout.sources.includes(NT_PDB_TYPES) ? `nor do ${NT_PDB_TYPES}, with the type this command reads` : 'PDB types are needed';
  return `    (${field}: DumpDesk has no verified layout for ${t.dump.arch} build ${t.layout.build}, and the dump's KDDEBUGGER_DATA64 does not give it; ${needs})`;
}
