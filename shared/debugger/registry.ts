import type { CommandDef } from './command';

/**
 * Finds the command a line starts with, the way WinDbg reads command words:
 * `.name` and `!name` are whole words; `~`, `||`, `|`, `?`, `??` are
 * symbols; other commands are letters, matched exactly first ("ub"), then
 * by the longest name that takes glued options ("kvn" → k + "vn",
 * "lmvm" → lm + "vm"). Names are case-insensitive.
 */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandDef>();

  constructor(readonly commands: readonly CommandDef[]) {
    for (const c of commands) {
      for (const n of [c.name, ...(c.aliases ?? [])]) {
        const key = n.toLowerCase();
        if (this.byName.has(key)) throw new Error(`debugger command '${n}' registered twice`);
        this.byName.set(key, c);
      }
    }
  }

  get(name: string): CommandDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every name and alias, sorted, for completion and `.help`. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** The command at the start of `line` (already trimmed). */
  resolve(line: string): { def: CommandDef; invokedAs: string; glued: string; args: string } | { unknown: string } {
    const sym = /^(\|\||\||\?\?|\?|~)/.exec(line);
    if (sym) {
      const def = this.get(sym[1]!);
      if (def) return { def, invokedAs: sym[1]!, glued: '', args: line.slice(sym[1]!.length) };
    }
    const dotted = /^[.!][A-Za-z_][\w.]*/.exec(line);
    if (dotted) {
      const def = this.get(dotted[0]);
      return def ? { def, invokedAs: dotted[0], glued: '', args: line.slice(dotted[0].length) } : { unknown: dotted[0] };
    }
    const word = /^[A-Za-z]+/.exec(line)?.[0];
    if (!word) return { unknown: line.split(/\s/)[0] ?? line };
    const exact = this.get(word);
    if (exact) return { def: exact, invokedAs: word, glued: '', args: line.slice(word.length) };
    for (let n = word.length - 1; n > 0; n--) {
      const def = this.get(word.slice(0, n));
      if (def?.gluedOptions) return { def, invokedAs: word, glued: word.slice(n), args: line.slice(word.length) };
    }
    return { unknown: word };
  }
}
