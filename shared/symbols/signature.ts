/**
 * "ns::C::f(int,char const *) const" → { name: "ns::C::f", params: "(int, char const *)" }:
 * a function's name and its argument list as WinDbg's `x` prints them ("mod!name (params)").
 * Breakpad and the demangler spell lists without spaces ("(int,char *)"); WinDbg puts ", "
 * between arguments and "(void)" for none. Names without a list keep `params` undefined.
 */
export function splitSignature(full: string): { name: string; params?: string } {
  let end = full.length;
  // A trailing cv-qualifier of a member function ("f() const") belongs to the signature.
  const cv = / (const|volatile)( (const|volatile))?$/.exec(full);
  if (cv) end = cv.index;
  if (full[end - 1] !== ')') return { name: full };
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const c = full[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) {
      // "`anonymous namespace'" and operator() names: a '(' right after "operator" is not a list.
      if (i === 0) return { name: full };
      return { name: full.slice(0, i), params: formatParams(full.slice(i + 1, end - 1)) };
    }
  }
  return { name: full };
}

/** "int,char const *" → "(int, char const *)"; "" → "(void)". Commas inside <> or () stay as they are. */
function formatParams(inner: string): string {
  if (!inner.trim()) return '(void)';
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(inner.slice(start).trim());
  return `(${parts.join(', ')})`;
}
