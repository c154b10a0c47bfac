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
