/** Export of keys and their subtrees as a .reg document, built on readKey/listSubkeys so every backend shares it. */
import { defaultLayout, type RegFile, type RegFileKey } from '../../../shared/formats/regfile/index';
import type { RegistryBackend } from './backend';

/** Subtrees deeper than this are cut: a guard against a backend that reports a key as its own child. */
const MAX_DEPTH = 64;

export async function exportRegistryKeys(backend: RegistryBackend, keys: readonly string[]): Promise<RegFile> {
  const out: RegFileKey[] = [];
  const visit = async (path: string, depth: number): Promise<void> => {
    const values = await backend.readKey(path);
    if (!values) return;
    out.push({ path, deleted: false, values: [...values].map(([name, value]) => ({ name, value })) });
    if (depth >= MAX_DEPTH) return;
    for (const sub of await backend.listSubkeys(path)) await visit(`${path}\\${sub}`, depth + 1);
  };
  for (const k of keys) await visit(k, 0);
  return { version: '5.00', keys: out, layout: defaultLayout('5.00') };
}
