/** symbols.*: the symbol path (`srv*C:\symbols*https://msdl.microsoft.com/download/symbols;D:\pdbs`). */
import { z } from 'zod';
import { call, returns } from './define';

export interface SymbolPathInfo {
  /** As the user wrote it. */
  path: string;
  /** Each element parsed: a plain folder or a symbol server with its cache. */
  elements: { kind: 'folder' | 'server'; folder: string | null; url: string | null }[];
  /** Where downloads are cached. */
  cacheDir: string | null;
}

export const symbolsApi = {
  getPath: call({
    summary: 'The symbol path in use.',
    args: z.tuple([]),
    result: returns<SymbolPathInfo>(),
    effect: 'read',
  }),
  setPath: call({
    summary: 'Change the symbol path (validated; empty = no symbols).',
    args: z.tuple([z.string().max(8192)]),
    result: returns<SymbolPathInfo>(),
    effect: 'local',
  }),
};
