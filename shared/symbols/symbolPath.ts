/**
 * WinDbg's symbol path (`.sympath`, _NT_SYMBOL_PATH):
 *
 *   srv*C:\symbols*https://msdl.microsoft.com/download/symbols
 *   cache*C:\cache;D:\plain\folder;srv*https://server
 *
 * `;` separates elements. `srv*A*B*URL` (also `symsrv*symsrv.dll*A*URL`) is a
 * symbol server: the last item is the upstream store, the ones before it are
 * downstream caches searched first and filled on download; with no cache
 * item the default cache is used. `cache*DIR` caches every element after it.
 * Anything else is a plain folder.
 * https://learn.microsoft.com/windows-hardware/drivers/debugger/symbol-path
 */
export type SymbolStoreSpec =
  | { kind: 'folder'; path: string }
  | {
    kind: 'server';
    /** http(s) URL or a UNC / local path laid out as a symbol store. */
    upstream: string;
    /** Downstream stores, searched in order; the first receives downloads. Empty = default cache. */
    caches: string[];
  };

export interface SymbolPath {
  stores: SymbolStoreSpec[];
  /** Elements we ignored, with why ("empty", "srv with no store"). */
  ignored: string[];
}

/** Parses one or more symbol-path strings (e.g. repeated --symbols flags), in order. */
export function parseSymbolPath(...paths: string[]): SymbolPath {
  const stores: SymbolStoreSpec[] = [];
  const ignored: string[] = [];
  let cacheAll: string | undefined;
  for (const path of paths) {
    for (const raw of path.split(';')) {
      const el = raw.trim();
      if (!el) continue;
      const parts = el.split('*');
      const head = parts[0]!.toLowerCase();
      if (head === 'cache') {
        // cache*DIR: later elements are cached there; "cache*" alone means the default cache.
        cacheAll = parts.slice(1).join('*') || '';
        continue;
      }
      if (head === 'srv' || head === 'symsrv') {
        const items = parts.slice(head === 'symsrv' ? 2 : 1).filter((p) => p.length > 0);
        const upstream = items.pop();
        if (!upstream) {
          ignored.push(`${el}: a symbol server needs a store after "${head}*"`);
          continue;
        }
        const caches = items.length ? items : cacheAll ? [cacheAll] : [];
        stores.push({ kind: 'server', upstream, caches });
        continue;
      }
      if (cacheAll && isUrl(el)) {
        stores.push({ kind: 'server', upstream: el, caches: [cacheAll] });
        continue;
      }
      stores.push({ kind: 'folder', path: el });
    }
  }
  return { stores, ignored };
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}
