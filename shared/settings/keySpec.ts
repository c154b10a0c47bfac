import type { RegKeyValues } from '../registry/types';
import type { AnyValueDef } from './valueDef';

/**
 * The values DumpDesk knows in one key. `key` is the long form; a segment `*`
 * stands for any subkey (LocalDumps\app.exe). A value def named `*` applies to
 * every value of the key (AutoExclusionList: one DWORD per image name).
 */
export interface KeySpec {
  key: string;
  /** What the key is for, in plain words. */
  title: string;
  values: readonly AnyValueDef[];
  /**
   * Problems that involve more than one value of the key, given the values
   * as they would be after a change. Returns [value name, reason] pairs.
   */
  crossCheck?(values: RegKeyValues): [string, string][];
}

/** The def for `name` in a key spec, matching case-insensitively, `*` last. */
export function findValueDef(spec: KeySpec, name: string): AnyValueDef | undefined {
  const lower = name.toLowerCase();
  return spec.values.find((d) => d.name.toLowerCase() === lower) ?? spec.values.find((d) => d.name === '*');
}
