import type { Dump, DumpModule, RegisterContext } from '../dump/types';
import type { PdbTypeInfo } from '../formats/pdb/typeInfo';
import type { ListedSymbol, SymbolResolver } from '../symbols/types';
import type { Disassembler } from './disassembler';
import { windbgImageName, windbgModuleName } from '../analysis/kernel/kernelImage';
import { moduleNameOf } from './format';

/** Symbols as the debugger needs them: address → name, and optionally name → address. */
export interface DebuggerSymbols extends SymbolResolver {
  /** RVA of `name` in `module`, for `module!name` in expressions. */
  findSymbol?(module: DumpModule, name: string): number | undefined;
  /** Every symbol of a module, for `x module!pattern`; undefined when its source cannot list them. */
  listSymbols?(module: DumpModule): Iterable<ListedSymbol> | undefined;
  /** Which source lists the module ("breakpad", "pdb", "pe-exports"): "pe-exports" is WinDbg's "export symbols". */
  symbolSource?(module: DumpModule): string | undefined;
  /** Where symbols come from, for `.sympath`. */
  describe?(): string;
  /** The module's type information (its PDB's), for structure layouts; undefined without a PDB. */
  types?(module: DumpModule): PdbTypeInfo | undefined;
}

/** One frame of a walked stack, as `k` prints it. */
export interface StackFrame {
  /** Instruction pointer of the frame (a return address for callers). */
  ip: bigint;
  /** Stack pointer at the frame ("Child-SP"). */
  sp: bigint;
  /** Frame pointer (ebp/rbp/x29), when known: `kb` reads arguments there on x86. */
  fp?: bigint;
  /** How the frame was found: context, cfi, frame-pointer, scan. */
  trust: string;
}

/** Stack walking, provided by the analysis layer (H2's walker) or a test. */
export interface StackProvider {
  walk(dump: Dump, context: RegisterContext): StackFrame[];
}

/** `!analyze` text, provided by the analysis layer. */
export interface AnalysisProvider {
  analyzeText(dump: Dump, options: { verbose: boolean; path?: string }): string;
}

export interface SessionOptions {
  /** The dump file's path, for `||` and `!analyze`. */
  path?: string;
  symbols?: DebuggerSymbols;
  stacks?: StackProvider;
  analysis?: AnalysisProvider;
  disassembler?: Disassembler;
}

/** A module with the name WinDbg's `lm` shows and its end address. */
export interface SessionModule {
  module: DumpModule;
  /** "ntdll", "test_app", "nt": WinDbg's module name. */
  name: string;
  /** "ntdll.dll", "ntkrnlmp.exe": the image name `lm n` shows. */
  imageName: string;
  start: bigint;
  /** Exclusive: base + size. */
  end: bigint;
}

/**
 * The state commands share: the dump, the current thread and register
 * scope (changed by `~Ns`, `.ecxr`, `.cxr`), and lookups every command
 * needs (module at an address, symbolizing, memory).
 */
export class DebugSession {
  readonly dump: Dump;
  readonly path?: string;
  readonly symbols?: DebuggerSymbols;
  readonly stacks?: StackProvider;
  readonly analysis?: AnalysisProvider;
  readonly disassembler?: Disassembler;
  /** Index into dump.threads() of the current thread. */
  currentThread: number;
  /** Register context set by `.ecxr`/`.cxr`; cleared when the thread changes. */
  scopeContext?: { context: RegisterContext; source: string };
  /** Where the last `d*` / `u` command stopped, so a bare repeat goes on. */
  lastDumpAddress?: bigint;
  lastDisasmAddress?: bigint;
  private sortedModules?: SessionModule[];

  constructor(dump: Dump, options: SessionOptions = {}) {
    this.dump = dump;
    this.path = options.path;
    this.symbols = options.symbols;
    this.stacks = options.stacks;
    this.analysis = options.analysis;
    this.disassembler = options.disassembler;
    this.currentThread = safe(() => dump.crashingThreadIndex(), undefined) ?? 0;
  }

  get is64(): boolean {
    return this.dump.is64;
  }

  /** Bytes per pointer. */
  get pointerSize(): number {
    return this.is64 ? 8 : 4;
  }

  /** Modules sorted by base, as `lm` lists them. */
  modules(): readonly SessionModule[] {
    const kernel = this.dump.format === 'kernel';
    const sys = kernel ? safe(() => this.dump.system(), undefined) : undefined;
    const facts = { arch: sys?.cpuArch ?? 'unknown' as const, build: sys?.buildNumber, cpuCount: sys?.cpuCount ?? 1 };
    if (this.sortedModules) return this.sortedModules;
    const inLoadOrder = [...this.dump.modules()].map((m) => ({
      module: m,
      // Kernel dumps: the kernel is "nt" / ntkrnlmp.exe as in WinDbg (shared/analysis/kernel/kernelImage.ts).
      name: kernel ? windbgModuleName(m) : moduleNameOf(m.name),
      imageName: kernel ? windbgImageName(m, facts) : m.name,
      start: m.base,
      end: m.base + BigInt(m.size),
    }));
    // Two modules with one name (a DLL loaded from two paths, WOW64's two ntdlls): WinDbg keeps
    // the first in load order (the dump's module list) and calls the others name_<base>, so
    // `name!sym` stays unambiguous.
    const seen = new Set<string>();
    for (const m of inLoadOrder) {
      const key = m.name.toLowerCase();
      if (seen.has(key)) m.name = `${m.name}_${m.start.toString(16).padStart(8, '0')}`;
      seen.add(key);
    }
    this.sortedModules = inLoadOrder.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return this.sortedModules;
  }

  /** Binary search over the sorted modules (a dump may list hundreds). */
  moduleAt(address: bigint): SessionModule | undefined {
    const mods = this.modules();
    let lo = 0;
    let hi = mods.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = mods[mid]!;
      if (address < m.start) hi = mid - 1;
      else if (address >= m.end) lo = mid + 1;
      else return m;
    }
    return undefined;
  }

  /** A module by WinDbg name ("ntdll") or file name ("ntdll.dll"), case-insensitive. */
  findModule(name: string): SessionModule | undefined {
    const n = name.toLowerCase();
    return this.modules().find((m) => m.name.toLowerCase() === n) ?? this.modules().find((m) => m.module.name.toLowerCase() === n);
  }

  /** The registers commands see: the `.ecxr`/`.cxr` scope, else the current thread's. */
  registers(): RegisterContext | undefined {
    if (this.scopeContext) return this.scopeContext.context;
    return this.dump.threads()[this.currentThread]?.context;
  }

  setThread(index: number): void {
    this.currentThread = index;
    this.scopeContext = undefined;
  }

  /**
   * "ntdll!RtlUserThreadStart+0x21" when symbols know the address,
   * "ntdll+0x1234" inside a module, else the bare pointer.
   */
  symbolize(address: bigint): { text: string; module?: SessionModule } {
    const m = this.moduleAt(address);
    if (!m) return { text: `0x${address.toString(16).padStart(this.is64 ? 16 : 8, '0')}` };
    const rva = Number(address - m.start);
    const sym = this.symbols ? safe(() => this.symbols!.lookup(m.module, rva), undefined) : undefined;
    if (sym) return { text: `${m.name}!${sym.function}${sym.functionOffset ? `+0x${sym.functionOffset.toString(16)}` : ''}`, module: m };
    return { text: rva ? `${m.name}+0x${rva.toString(16)}` : m.name, module: m };
  }

  read(address: bigint, size: number): Uint8Array | undefined {
    if (address < 0n || size < 0) return undefined;
    return safe(() => this.dump.memory.read(BigInt.asUintN(64, address), size), undefined);
  }

  readPointer(address: bigint): bigint | undefined {
    const b = this.read(address, this.pointerSize);
    if (!b) return undefined;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return this.is64 ? dv.getBigUint64(0, true) : BigInt(dv.getUint32(0, true));
  }
}

/** Runs `f`; on any error returns `fallback` (for optional lookups on a damaged dump). */
export function safe<T, F>(f: () => T, fallback: F): T | F {
  try {
    return f();
  } catch {
    return fallback;
  }
}
