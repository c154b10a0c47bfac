/**
 * The AeDebug `Debugger` command line: a printf format with three arguments
 * in fixed order — the crashing process id, an event handle the debugger
 * signals to let the process go on, and the address of a JIT_DEBUG_INFO
 * structure in the target (reference §1.3). Any of them may be left out.
 */

/** What each of the three printf arguments is, in order. */
export const DEBUGGER_ARGUMENTS = ['process id of the crashing program', 'handle of the event to signal when done', 'address of the JIT_DEBUG_INFO structure'] as const;

/** printf conversions that make sense for these integer/pointer arguments. */
const SPEC = /%(%|l?[dux]|p|l?X)/g;
const ANY_SPEC = /%([-+ #0]*\d*(?:\.\d+)?(?:l|ll|h|I64|I32|I)?[a-zA-Z])/g;

export interface DebuggerSlot {
  /** The text in the command, e.g. "%ld". */
  spec: string;
  /** Which argument it receives. */
  meaning: (typeof DEBUGGER_ARGUMENTS)[number];
}

/** The substitutions in a command, in order; `%%` is a literal percent sign. */
export function debuggerSlots(command: string): DebuggerSlot[] {
  const slots: DebuggerSlot[] = [];
  for (const m of command.matchAll(SPEC)) {
    if (m[1] === '%') continue;
    const meaning = DEBUGGER_ARGUMENTS[slots.length];
    if (meaning) slots.push({ spec: m[0], meaning });
  }
  return slots;
}

export interface DebuggerArguments {
  pid: number;
  eventHandle: number;
  /** Address in the crashing process. */
  jitDebugInfo: bigint;
  /** 8 for 64-bit processes (default), 4 for 32-bit: the width %p prints. */
  pointerSize?: 4 | 8;
}

/**
 * The command line Windows actually starts, with each `%ld`/`%p` replaced
 * as the C runtime's printf would: decimal for %ld, zero-padded upper-case
 * hex without 0x for %p (16 digits for 64-bit processes).
 */
export function expandDebuggerCommand(command: string, args: DebuggerArguments): string {
  const values: (number | bigint)[] = [args.pid, args.eventHandle, args.jitDebugInfo];
  let i = 0;
  return command.replace(SPEC, (spec, conv: string) => {
    if (conv === '%') return '%';
    const v = values[i++];
    if (v === undefined) return spec;
    const n = BigInt(v);
    if (conv === 'p') return n.toString(16).toUpperCase().padStart((args.pointerSize ?? 8) * 2, '0');
    if (conv.endsWith('x')) return n.toString(16);
    if (conv.endsWith('X')) return n.toString(16).toUpperCase();
    return n.toString(10);
  });
}

/** The program a command line starts: the quoted or first token. */
export function debuggerProgram(command: string): string {
  const t = command.trim();
  if (t.startsWith('"')) return t.slice(1, t.indexOf('"', 1) < 0 ? undefined : t.indexOf('"', 1));
  const exe = /^(.*?\.exe)(\s|$)/i.exec(t);
  return exe ? exe[1]! : t.split(/\s+/)[0]!;
}

/** Why a Debugger command line would not start the intended program, or undefined. */
export function debuggerCommandProblem(command: string): string | undefined {
  const t = command.trim();
  if (t === '') return 'is empty; delete the value instead to turn the postmortem debugger off';
  if ((t.match(/"/g) ?? []).length % 2 === 1) return 'has an unbalanced double quote';
  if (!t.startsWith('"')) {
    const exe = /^(.*?\.exe)(\s|$)/i.exec(t);
    if (exe && /\s/.test(exe[1]!)) {
      return `starts with the path ${exe[1]} which contains spaces but is not in double quotes; Windows would try to run "${exe[1]!.split(/\s/)[0]}"`;
    }
  }
  const withoutLiterals = t.replace(/%%/g, '');
  for (const m of withoutLiterals.matchAll(ANY_SPEC)) {
    if (!/^(l?[dux]|p|l?X)$/.test(m[1]!)) {
      return `contains ${m[0]}, which Windows' printf would read as a conversion it cannot fill (only %ld and %p are passed; write %% for a literal percent sign)`;
    }
  }
  const program = debuggerProgram(t);
  if (/[\\/]/.test(program) && !/^([A-Za-z]:\\|\\\\)/.test(program)) {
    return `starts a program by the relative path ${program}; write the full path (or a bare name found on the PATH, like cdb.exe)`;
  }
  const all = [...withoutLiterals.matchAll(SPEC)].length;
  if (all > DEBUGGER_ARGUMENTS.length) return `has ${all} substitutions; Windows passes only three (process id, event handle, JIT_DEBUG_INFO address)`;
  return undefined;
}
