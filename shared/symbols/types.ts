import type { DumpModule } from '../dump/types';
import type { FrameUnwinder } from '../analysis/stackwalk/unwinder';

/** What a symbol source knows about one address inside a module. */
export interface SymbolInfo {
  /** Function or public symbol name, undecorated where the source gives it. */
  function: string;
  /** Offset of the address from the symbol's start. */
  functionOffset: number;
  file?: string;
  line?: number;
}

/**
 * The seam between analysis and symbols (rust-minidump's SymbolProvider).
 * A chain of resolvers (PDB, Breakpad .sym, PE exports) implements it; tests
 * use an in-memory one. Synchronous on purpose: files are fetched beforehand
 * by `prepare()` (which may download), lookups then never wait.
 */
export interface SymbolResolver {
  /** `rva` is the address minus the module base. */
  lookup(module: DumpModule, rva: number): SymbolInfo | undefined;
}

export const noSymbols: SymbolResolver = { lookup: () => undefined };

/**
 * Where symbols come from (rust-minidump's SymbolSupplier): `prepare()` finds
 * and, if needed, downloads the files for the dump's modules (Node side:
 * electron/services/symbols/); afterwards `resolver` and `unwinders` answer
 * synchronously from what was found. Added additively for issue 4.
 */
export interface SymbolSupplier {
  prepare(modules: readonly DumpModule[]): Promise<void>;
  readonly resolver: SymbolResolver;
  /** Unwind data found with the symbols (.pdata, STACK CFI, STACK WIN), best first. */
  readonly unwinders: readonly FrameUnwinder[];
}

/**
 * One symbol of a module as `x` lists it and `mod!name` finds it. Added
 * additively (name → address for the debugger).
 */
export interface ListedSymbol {
  /** As WinDbg shows it after "mod!": undecorated, without an argument list ("main", "ns::C::f"). */
  name: string;
  rva: number;
  size?: number;
  /** A variable or an import slot rather than code. */
  data?: boolean;
  /**
   * What `x` prints after the name: "(int, char **)" from a signature, "(<no parameter info>)"
   * for a code public, "= <no type information>" for a data public; undefined prints the name only.
   */
  detail?: string;
  /** The name as the file spells it when it differs ("_main", "?f@@YAXXZ"): `mod!` accepts it too. */
  decorated?: string;
}
