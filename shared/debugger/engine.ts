import { type CommandContext, type CommandDef, helpText } from './command';
import { allCommands } from './commands/index';
import { CommandError } from './errors';
import { ExpressionParser, evaluate } from './expression/evaluator';
import { type CommandOutput, OutputBuilder } from './output';
import { CommandRegistry } from './registry';
import type { DebugSession } from './session';
import { isDumpDeskError } from '../errors';

export interface CommandResult extends CommandOutput {
  /** The command as run (one part of a `;`-separated line). */
  command: string;
  /** False when the command answered with an error message. */
  ok: boolean;
}

/** Splits a command line at `;` outside double quotes, as cdb's -c does. */
export function splitCommands(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Nested runs (`~*k` runs `k` per thread) stop here, so a command cannot recurse forever. */
const MAX_DEPTH = 4;

/**
 * The command engine: runs WinDbg-style command lines against a session.
 * Every command answers with text (and spans); errors are answered in
 * WinDbg's words, never thrown. A bug in a command is reported as such, with
 * the command name, rather than escaping.
 */
export class DebuggerEngine {
  readonly registry: CommandRegistry;

  constructor(readonly session: DebugSession, commands: readonly CommandDef[] = allCommands) {
    this.registry = new CommandRegistry(commands);
  }

  /** Runs one line (possibly `;`-separated); one result per command. */
  execute(line: string): CommandResult[] {
    return splitCommands(line).map((cmd) => {
      const out = new OutputBuilder();
      const ok = this.runOne(cmd, out, 0);
      return { command: cmd, ok, ...out.build() };
    });
  }

  /** Command names starting with `prefix`, for tab completion. */
  complete(prefix: string): string[] {
    const p = prefix.toLowerCase();
    return this.registry.names().filter((n) => n.startsWith(p));
  }

  private runOne(cmd: string, out: OutputBuilder, depth: number): boolean {
    const found = this.registry.resolve(cmd);
    if ('unknown' in found) {
      out.line(found.unknown.startsWith('!') ? `No export ${found.unknown.slice(1)} found` : `^ Syntax error in '${cmd}'`);
      return false;
    }
    const { def } = found;
    if (found.args.trim() === '-?' || found.args.trim() === '/?') {
      out.lines(helpText(def));
      return true;
    }
    const ctx: CommandContext = {
      session: this.session,
      registry: this.registry,
      out,
      invokedAs: found.invokedAs,
      glued: found.glued,
      args: found.args,
      evaluate: (expr) => evaluate(this.session, expr),
      parser: () => new ExpressionParser(this.session, found.args),
      run: (line) => {
        if (depth >= MAX_DEPTH) throw new CommandError('Command nesting too deep');
        for (const c of splitCommands(line)) this.runOne(c, out, depth + 1);
      },
    };
    try {
      def.run(ctx);
      return true;
    } catch (e) {
      if (e instanceof CommandError) out.line(e.message);
      else if (isDumpDeskError(e)) out.line(`The dump could not be read here: ${e.message}`);
      else out.line(`${def.name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }
}
