/**
 * Undecorates C symbol names the way dump_syms prints PUBLIC records:
 * "_printf" → "printf", "_Sleep@4" → "Sleep" (4 bytes of parameters),
 * "@fastcall@8" → "fastcall". C++ names ("?foo@@YAXXZ") are returned as they
 * are: a full MSVC demangler is not written yet.
 */
export function undecorateCName(name: string): { name: string; paramSize: number } {
  if (name.startsWith('?')) return { name, paramSize: 0 };
  let n = name;
  let paramSize = 0;
  const at = /@(\d+)$/.exec(n);
  if (at && (n.startsWith('_') || n.startsWith('@'))) {
    paramSize = Number(at[1]);
    n = n.slice(0, at.index);
  }
  if (n.startsWith('_') || n.startsWith('@')) n = n.slice(1);
  return { name: n, paramSize };
}
