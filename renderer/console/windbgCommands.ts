/**
 * What the console knows about WinDbg's command language for colouring and
 * completion. Pure data + functions (no Monaco), so it is unit-tested and the
 * Monaco glue in ConsolePane stays thin.
 */
export const COMMAND_NAMES: readonly string[] = [
  '!analyze', '!address', '!error', '!handle', '!peb', '!teb', '!runaway', '!gle', '!lmi', '!sysinfo',
  '!process', '!thread', '!irp', '!vm', '!memusage', '!locks', '!pcr', '!prcb', '!drvobj', '!devobj', '!object',
  '!pool', '!poolused', '!idt', '!verifier', '!devstack',
  '.bugcheck', '.cls', '.cxr', '.ecxr', '.exr', '.formats', '.frame', '.help', '.lastevent', '.reload', '.sympath', '.time',
  '?', '||', '~', 'db', 'dd', 'dp', 'dq', 'dw', 'da', 'du', 'dps', 'dqs', 'k', 'kb', 'kc', 'kL', 'kn', 'kp', 'kv',
  'lm', 'lmv', 'ln', 'r', 's', 'u', 'ub', 'uf', 'vertarget', 'x',
];

export type TokenKind = 'command' | 'address' | 'register' | 'symbol' | 'number' | 'option' | 'text';

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
}

const RULES: [RegExp, TokenKind][] = [
  [/^@?\$?(?:[re]?[abcd]x|[re]?[sd]i|[re]?[bs]p|[re]?ip|r(?:[89]|1[0-5])[dwb]?|efl|x(?:[12]?\d|30)|pc|lr|ip|csp|exentry|peb|teb|tid|tpid)\b/i, 'register'],
  [/^[A-Za-z_][\w.]*![\w@?$<>:~]*(?:\+0x[0-9a-f]+)?/i, 'symbol'],
  [/^(?:0x)?[0-9a-f]{8}`[0-9a-f]{8}\b/i, 'address'],
  [/^(?:0x[0-9a-f]+|[0-9a-f]{8,16})\b/i, 'address'],
  [/^(?:0n\d+|[0-9a-f]+)\b/i, 'number'],
  [/^-[A-Za-z?]+/, 'option'],
];

/** Splits one command line into coloured tokens; the first word is the command. */
export function tokenizeLine(line: string): Token[] {
  const out: Token[] = [];
  const cmd = /^\s*(~\d*\s*[sk*]?|\|\||[.!]?[A-Za-z?]+)/.exec(line);
  let at = 0;
  if (cmd) {
    const start = line.indexOf(cmd[1]!);
    out.push({ start, end: start + cmd[1]!.length, kind: 'command' });
    at = start + cmd[1]!.length;
  }
  while (at < line.length) {
    if (/\s|[;,()[\]]/.test(line[at]!)) {
      at++;
      continue;
    }
    const rest = line.slice(at);
    const rule = RULES.find(([re]) => re.test(rest));
    const len = rule ? rule[0].exec(rest)![0].length : (/^\S+/.exec(rest)?.[0].length ?? 1);
    out.push({ start: at, end: at + len, kind: rule ? rule[1] : 'text' });
    at += len;
  }
  return out;
}

/** Completions for the word being typed: command names first, then module names. */
export function completions(line: string, modules: readonly string[]): string[] {
  const word = /[^\s;]*$/.exec(line)![0].toLowerCase();
  const isFirst = !/\S\s/.test(line.trimStart()) && !line.includes(';');
  const pool = isFirst ? COMMAND_NAMES : modules.map((m) => m.replace(/\.(dll|exe|sys)$/i, ''));
  return pool.filter((n) => n.toLowerCase().startsWith(word) && n.toLowerCase() !== word).slice(0, 50);
}

/** The `module!prefix` word being typed at the end of a line, for symbol completion. */
export interface SymbolWord {
  /** The module as typed ("ntdll", "test_app.exe"): never empty. */
  module: string;
  /** What follows `!` so far (may be empty). */
  prefix: string;
  /** Index in the line where `module!` starts: the completion replaces from here. */
  start: number;
}

/** How many names a symbol completion shows (WinDbg users narrow by typing more). */
export const SYMBOL_COMPLETION_LIMIT = 200;
/** The contract's bounds on the module and prefix strings (shared/api/dump.ts completeSymbols). */
const SYMBOL_WORD_MAX = 256;

/**
 * `u ntdll!Rtl` → { module: 'ntdll', prefix: 'Rtl' }. Undefined when the last word
 * has no module part (`!analyze`, `!`), is not a `mod!name` (an offset after it,
 * `ntdll!foo+0x10`), or is longer than the contract allows.
 */
export function symbolWord(line: string): SymbolWord | undefined {
  // Words end at blanks, `;` and expression punctuation; C++ names keep `:`, `<>`, `~`, `?`, `@`, `$`, `` ` ``.
  const word = /[^\s;,()[\]+*/=&|^"']*$/.exec(line)![0];
  const m = /^([\w.-]+)!([^!-]*)$/.exec(word);
  if (!m || m[1]!.length > SYMBOL_WORD_MAX || m[2]!.length > SYMBOL_WORD_MAX) return undefined;
  return { module: m[1]!, prefix: m[2]!, start: line.length - word.length };
}

/** The names of a module starting with `prefix` without case (WinDbg's matching), in the given order. */
export function filterNames(names: readonly string[], prefix: string): string[] {
  const p = prefix.toLowerCase();
  return names.filter((n) => n.toLowerCase().startsWith(p));
}

/** What the completion inserts for each name: `module!name`, with the module as typed. */
export function symbolLabels(word: SymbolWord, names: readonly string[]): string[] {
  return names.map((n) => `${word.module}!${n}`);
}
