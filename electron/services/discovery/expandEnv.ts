/**
 * Windows `%NAME%` expansion as REG_EXPAND_SZ values use it: names are
 * case-insensitive, an unknown name is left as written (like
 * ExpandEnvironmentStrings) and reported, so the UI can say why a path looks odd.
 */
export function expandWindowsEnv(value: string, env: Readonly<Record<string, string | undefined>>): { path: string; unknown: string[] } {
  const byUpper = new Map(Object.entries(env).filter(([, v]) => v !== undefined).map(([k, v]) => [k.toUpperCase(), v!]));
  const unknown: string[] = [];
  const path = value.replace(/%([^%]+)%/g, (whole, name: string) => {
    const v = byUpper.get(name.toUpperCase());
    if (v === undefined) unknown.push(name);
    return v ?? whole;
  });
  return { path, unknown };
}
