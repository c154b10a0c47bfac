/**
 * WinDbg's pattern rules (as in `lm m PATTERN`, `x MODULE!PATTERN`):
 * case-insensitive, `*` matches any run of characters, `?` exactly one.
 */
export function wildcardToRegExp(pattern: string): RegExp {
  return new RegExp(
    '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$',
    'is',
  );
}

export function wildcardMatch(pattern: string, text: string): boolean {
  return wildcardToRegExp(pattern).test(text);
}
