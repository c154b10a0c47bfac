import { ExpressionParser } from './expression/evaluator';
import type { OutputBuilder } from './output';
import type { CommandRegistry } from './registry';
import type { DebugSession } from './session';

/** What a command gets when it runs. */
export interface CommandContext {
  session: DebugSession;
  out: OutputBuilder;
  /** The command word as typed ("kv", "lmvm", "dd"). */
  invokedAs: string;
  /** Option letters glued to the command name ("v" in `kv`, "vm" in `lmvm`). */
  glued: string;
  /** Everything after the command word, untrimmed. */
  args: string;
  /** Evaluates a whole MASM expression (throws CommandError in WinDbg's words). */
  evaluate(expr: string): bigint;
  /** A parser over `args` for commands that read several expressions (`dd addr L4`). */
  parser(): ExpressionParser;
  /** Every registered command (for `.help`). */
  registry: CommandRegistry;
  /** Runs another command line (for `~*k`, `~2 r`); output goes to the same builder. */
  run(line: string): void;
}

export interface CommandDef {
  /** Canonical name as typed: "lm", "!analyze", ".exr", "~", "?". */
  name: string;
  /** Other names that run the same command ("kb", "kv" … for `k`). */
  aliases?: readonly string[];
  /** Option letters may follow the name directly: `lmvm`, `kvn`. */
  gluedOptions?: boolean;
  /** Family, for `.help` grouping: "Session", "Modules", … */
  family: string;
  /** One-line usage: "lm [Options] [a Address] [m Pattern | M Pattern]". */
  syntax: string;
  /** One line for `.help`. */
  summary: string;
  /** Longer help for `CMD -?` / `.help CMD`: options and examples. */
  help: string;
  run(ctx: CommandContext): void;
}

/** Declares a command; one file per family in ./commands, registered from ./commands/index.ts. */
export function defineCommand(def: CommandDef): CommandDef {
  return def;
}

/** The `-?` / `.help CMD` text of a command. */
export function helpText(def: CommandDef): string[] {
  const names = [def.name, ...(def.aliases ?? [])].join(', ');
  return [`${names} - ${def.summary}`, '', `Usage: ${def.syntax}`, '', ...def.help.split('\n')];
}
