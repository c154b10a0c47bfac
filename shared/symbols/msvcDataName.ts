/**
 * The qualified name of a decorated C++ variable, as WinDbg shows data
 * symbols (name only, no type): "?instance_count_@ExceptionHandler@google_breakpad@@0JC"
 * → "google_breakpad::ExceptionHandler::instance_count_". Only plain scopes
 * are read (storage classes 0-3: static members and globals); templates,
 * back-references and function-local statics ("?x@?1??f@@9@4HA") return
 * undefined so the caller keeps the decorated name.
 */
export function msvcDataName(decorated: string): string | undefined {
  const m = /^\?([A-Za-z_$][\w$]*)@((?:[A-Za-z_$][\w$]*@)*)@[0-3]/.exec(decorated);
  if (!m) return undefined;
  const scopes = m[2]!.split('@').filter(Boolean).reverse();
  return [...scopes, m[1]!].join('::');
}
