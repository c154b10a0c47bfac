import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BreakpadCfiUnwinder } from '../../../shared/analysis/unwind/breakpadCfi';
import { Amd64PdataUnwinder } from '../../../shared/analysis/unwind/amd64Pdata';
import { X86StackWinUnwinder } from '../../../shared/analysis/unwind/x86StackWin';
import type { FrameUnwinder } from '../../../shared/analysis/stackwalk/unwinder';
import type { DumpModule } from '../../../shared/dump/types';
import { isDumpDeskError } from '../../../shared/errors';
import { parseSym, type BreakpadSymbols } from '../../../shared/formats/breakpad/symFile';
import { PdbFile } from '../../../shared/formats/pdb/pdbFile';
import { readCodeView } from '../../../shared/formats/pe/codeView';
import { PeImage } from '../../../shared/formats/pe/peImage';
import { pdbStackWin } from '../../../shared/symbols/pdbStackWin';
import { SymbolFileSet, type ModuleSymbolFiles } from '../../../shared/symbols/symbolFileSet';
import { isUrl, parseSymbolPath, type SymbolStoreSpec } from '../../../shared/symbols/symbolPath';
import { symbolFileRequests, type SymbolFileRequest } from '../../../shared/symbols/symstoreLayout';
import type { SymbolResolver, SymbolSupplier } from '../../../shared/symbols/types';
import { FileByteSource } from '../fileByteSource';
import { userDataDir } from '../paths';
import { HttpSymbolServer, type HttpSymbolServerOptions } from './httpSymbolServer';
import { LocalSymbolStore } from './localSymbolStore';

/** One line of what prepare() did, for `--verbose` output and tests. */
export interface SymbolLookupNote {
  module: string;
  file: string;
  /** Where it was found, or why not. */
  result: string;
}

export interface NodeSymbolSupplierOptions extends Partial<Omit<HttpSymbolServerOptions, 'cacheDir'>> {
  /** Cache for `srv*URL` without a cache item; default <user data>/symbols. */
  defaultCacheDir?: string;
}

/** Modules whose symbol files are looked for at the same time. */
const PREPARE_CONCURRENCY = 8;

/** A store as the supplier asks it: find locally, or fetch (servers). */
interface Store {
  find(req: SymbolFileRequest): Promise<string | undefined>;
}

/** The symbol-path string(s) from the command line, else DUMPDESK_SYMBOL_PATH, else _NT_SYMBOL_PATH. */
export function symbolPathFrom(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (args.length) return [...args];
  const fromEnv = env.DUMPDESK_SYMBOL_PATH ?? env._NT_SYMBOL_PATH;
  return fromEnv ? [fromEnv] : [];
}

/**
 * Finds symbol files for a dump's modules along a WinDbg symbol path, then
 * answers lookups and unwinding synchronously. Per module it looks for the
 * Breakpad .sym first (it has CFI), then the PDB, and the PE image only when
 * neither was found (exports, and .pdata for x64 unwinding).
 */
export class NodeSymbolSupplier implements SymbolSupplier {
  readonly files = new SymbolFileSet();
  readonly notes: SymbolLookupNote[] = [];
  readonly servers: HttpSymbolServer[] = [];
  readonly unwinders: readonly FrameUnwinder[];
  private readonly stores: Store[];
  private readonly sources: FileByteSource[] = [];
  private modules: readonly DumpModule[] = [];

  constructor(symbolPath: string | readonly string[], opts: NodeSymbolSupplierOptions = {}) {
    const parsed = parseSymbolPath(...(typeof symbolPath === 'string' ? [symbolPath] : symbolPath));
    const defaultCache = opts.defaultCacheDir ?? join(userDataDir(), 'symbols');
    this.stores = parsed.stores.map((s) => this.storeFor(s, defaultCache, opts));
    for (const why of parsed.ignored) this.notes.push({ module: '', file: '', result: `symbol path: ignored ${why}` });
    // Unwind data: the .sym's STACK CFI/WIN, else the PDB's x86 frame data in the same shape.
    const pdbFrames = new WeakMap<object, BreakpadSymbols>();
    const symOf = (m: DumpModule) => {
      const f = this.files.get(m);
      if (f?.sym || !f?.pdb) return f?.sym;
      let s = pdbFrames.get(f.pdb);
      if (!s) {
        s = pdbStackWin(f.pdb);
        pdbFrames.set(f.pdb, s);
      }
      return s;
    };
    const isCode = (a: bigint) => this.modules.some((m) => a >= m.base && a < m.base + BigInt(m.size));
    this.unwinders = [
      new X86StackWinUnwinder(symOf, isCode),
      new BreakpadCfiUnwinder(symOf),
      new Amd64PdataUnwinder((m) => this.files.get(m)?.pe),
    ];
  }

  get resolver(): SymbolResolver {
    return this.files;
  }

  async prepare(modules: readonly DumpModule[]): Promise<void> {
    this.modules = modules;
    const todo = modules.filter((m) => !this.files.get(m));
    const notes: SymbolLookupNote[][] = todo.map(() => []);
    // A few modules at a time: a symbol server's round trips overlap, a local folder does not care.
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const k = next++;
        this.files.set(todo[k]!, await this.findFiles(todo[k]!, notes[k]!));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, todo.length) }, worker));
    for (const n of notes) this.notes.push(...n);
  }

  /**
   * The .sym, else the PDB, else the PE for one module. A module the dump names
   * without its PDB identity (kernel dumps' drivers: the loaded-module list has
   * no CodeView record) is looked up by its image first; the image's CodeView
   * record then names the .sym and PDB, as WinDbg does for a small dump.
   */
  private async findFiles(m: DumpModule, notes: SymbolLookupNote[]): Promise<ModuleSymbolFiles> {
    const found: ModuleSymbolFiles = {};
    await this.findRequested(m, symbolFileRequests(m), found, notes);
    if (!m.debugId && found.pe && !found.sym && !found.pdb) {
      const cv = safeCodeView(found.pe);
      if (cv) {
        const byIdentity = symbolFileRequests({ ...m, debugFile: cv.debugFile, debugId: cv.debugId }).filter((r) => r.kind !== 'pe');
        await this.findRequested(m, byIdentity, found, notes);
      }
    }
    return found;
  }

  private async findRequested(m: DumpModule, requests: readonly SymbolFileRequest[], found: ModuleSymbolFiles, notes: SymbolLookupNote[]): Promise<void> {
    for (const req of requests) {
      if (req.kind === 'pdb' && found.sym) continue;
      if (req.kind === 'pe' && (found.sym || found.pdb)) continue;
      const path = await this.locate(req);
      if (!path) {
        notes.push({ module: m.name, file: req.path, result: 'not found' });
        continue;
      }
      try {
        this.load(req, path, found);
        notes.push({ module: m.name, file: req.path, result: path });
      } catch (e) {
        if (!isDumpDeskError(e)) throw e;
        notes.push({ module: m.name, file: req.path, result: `${path}: unreadable: ${e.message}` });
      }
    }
  }

  /** Closes the symbol files opened by prepare(). */
  close(): void {
    for (const s of this.sources.splice(0)) s.close();
  }

  private async locate(req: SymbolFileRequest): Promise<string | undefined> {
    for (const s of this.stores) {
      const p = await s.find(req);
      if (p) return p;
    }
    return undefined;
  }

  private load(req: SymbolFileRequest, path: string, into: ModuleSymbolFiles): void {
    if (req.kind === 'sym') {
      into.sym = parseSym(new Uint8Array(readFileSync(path)));
      return;
    }
    const src = new FileByteSource(path);
    try {
      if (req.kind === 'pdb') into.pdb = new PdbFile(src);
      else into.pe = PeImage.open(src);
      this.sources.push(src);
    } catch (e) {
      src.close();
      throw e;
    }
  }

  private storeFor(spec: SymbolStoreSpec, defaultCache: string, opts: NodeSymbolSupplierOptions): Store {
    if (spec.kind === 'folder') {
      const local = new LocalSymbolStore(spec.path);
      return { find: async (req) => local.find(req) };
    }
    const caches = (spec.caches.length ? spec.caches : [defaultCache]).map((c) => new LocalSymbolStore(c || defaultCache));
    if (isUrl(spec.upstream)) {
      const server = new HttpSymbolServer(spec.upstream, { ...opts, cacheDir: caches[0]!.root });
      this.servers.push(server);
      return {
        find: async (req) => {
          for (const c of caches) {
            const hit = c.find(req);
            if (hit) return hit;
          }
          const r = await server.fetch(req);
          return r.status === 'cached' || r.status === 'downloaded' ? r.path : undefined;
        },
      };
    }
    // srv*cache*\\share\symbols: a symstore on a share or disk, searched after the caches.
    const upstream = new LocalSymbolStore(spec.upstream);
    return { find: async (req) => caches.map((c) => c.find(req)).find(Boolean) ?? upstream.find(req) };
  }
}

/** The image's CodeView record (PDB name and id), or undefined when it has none or it is corrupt. */
function safeCodeView(pe: PeImage): ReturnType<typeof readCodeView> {
  try {
    return readCodeView(pe);
  } catch (e) {
    if (!isDumpDeskError(e)) throw e;
    return undefined;
  }
}
