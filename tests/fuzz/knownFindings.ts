// Crashes the fuzzer found in code this test does not own, kept visible instead
// of failing every run until the owner fixes them. Each entry names the
// function at the top of the stack, the file's owner and the reproducer; a
// finding anywhere else still fails the test. Delete an entry once fixed.
export interface KnownFinding {
  /** Function name on the first stack line of the error. */
  site: string;
  file: string;
  why: string;
  reproduce: string;
}

export const KNOWN_FINDINGS: KnownFinding[] = [];

/** The known finding an error belongs to, if any. */
export function knownFindingOf(error: unknown): KnownFinding | undefined {
  const top = error instanceof Error ? (error.stack ?? '').split('\n').find((l) => l.trim().startsWith('at ')) ?? '' : '';
  return KNOWN_FINDINGS.find((k) => top.includes(`at ${k.site} `));
}
