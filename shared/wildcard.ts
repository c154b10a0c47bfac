/**
 * WinDbg's module/symbol pattern matching (`lm m PATTERN`, `x mod!PATTERN`):
 * case-insensitive, `*` any run of characters, `?` exactly one; the whole
 * name must match. (WinDbg also knows `[a-z]` sets and `#` repeat; sets are
 * supported here, `#` is taken literally.)
 */
export function wildcardToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end > i + 1) {
        re += '[' + pattern.slice(i + 1, end).replace(/[\\^\]]/g, '\\$&') + ']';
        i = end;
      } else {
        re += '\\[';
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

export function matchesWildcard(name: string, pattern: string): boolean {
  return wildcardToRegExp(pattern).test(name);
}
