import type { RegValue, RegValueType } from '../registry/types';
import { formatRegValue, hex } from './formatValue';
import { absolutePathProblem, hasEnvReference } from './windowsPath';

/**
 * One registry value DumpDesk knows: its type, what it means in plain words,
 * how to check it and how to convert it to and from the model's field type.
 * Every settings model is a list of these; describe.ts and validate.ts look
 * them up by key and name.
 */
export interface ValueDef<T> {
  name: string;
  /** Types Windows reads for this value; the first is the one DumpDesk writes. */
  types: readonly RegValueType[];
  /** Short label for a form field. */
  label: string;
  /** What the option does, in plain words, for the UI. */
  help: string;
  /** What Windows does when the value is absent. */
  whenAbsent?: string;
  /** Shown in hex (bit masks). */
  hex?: boolean;
  /** Why a value of an accepted type is still wrong, or undefined. */
  check(value: RegValue): string | undefined;
  /** The meaning of one value, e.g. "automatic memory dump"; undefined when plain. */
  meaning(value: RegValue): string | undefined;
  /** Model field from a registry value; undefined when the type does not fit. */
  decode(value: RegValue): T | undefined;
  encode(field: T): RegValue;
}

/** Any ValueDef, for lookups that do not care about the field type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyValueDef = ValueDef<any>;

interface Common {
  name: string;
  label: string;
  help: string;
  whenAbsent?: string;
}

const DWORD_MAX = 0xffffffff;

/** Type mismatch first, then the value's own check. */
export function valueProblem(def: AnyValueDef, value: RegValue): string | undefined {
  if (!def.types.includes(value.type)) {
    return `must be ${def.types.join(' or ')}, not ${value.type}`;
  }
  // Models are built by hand too: a number that is no DWORD must not reach the range checks.
  if (value.type === 'REG_DWORD' && (!Number.isInteger(value.data) || value.data < 0 || value.data > DWORD_MAX)) {
    return `is not a DWORD (a whole number from 0 to ${DWORD_MAX})`;
  }
  return def.check(value);
}

/** `CrashDumpEnabled = 5: …` — the message format every problem uses. */
export function problemText(def: AnyValueDef, value: RegValue, reason: string): string {
  return `${def.name} = ${formatRegValue(value, { hex: def.hex && value.type === 'REG_DWORD' })}: ${reason}`;
}

/** A DWORD that picks one of a few documented codes. */
export function dwordChoice<T extends string>(
  c: Common & { choices: readonly { code: number; id: T; meaning: string }[] },
): ValueDef<T> {
  const byCode = new Map(c.choices.map((x) => [x.code, x]));
  const list = c.choices.map((x) => `${x.code} ${x.meaning}`).join('; ');
  return {
    ...c,
    types: ['REG_DWORD'],
    check: (v) => (v.type === 'REG_DWORD' && !byCode.has(v.data) ? `not a value Windows knows here (${list})` : undefined),
    meaning: (v) => (v.type === 'REG_DWORD' ? byCode.get(v.data)?.meaning : undefined),
    decode: (v) => (v.type === 'REG_DWORD' ? byCode.get(v.data)?.id : undefined),
    encode: (id) => {
      const found = c.choices.find((x) => x.id === id);
      if (!found) throw new RangeError(`${c.name}: '${id}' is not one of ${c.choices.map((x) => x.id).join(', ')}`);
      return { type: 'REG_DWORD', data: found.code };
    },
  };
}

/** A DWORD switch: 1 = on, 0 = off. Windows treats any non-zero as on, but only 0 and 1 are documented. */
export function dwordSwitch(c: Common & { on: string; off: string }): ValueDef<boolean> {
  return {
    ...c,
    types: ['REG_DWORD'],
    check: (v) => (v.type === 'REG_DWORD' && v.data !== 0 && v.data !== 1 ? `only 0 (${c.off}) and 1 (${c.on}) are defined` : undefined),
    meaning: (v) => (v.type === 'REG_DWORD' ? (v.data === 0 ? c.off : v.data === 1 ? c.on : undefined) : undefined),
    decode: (v) => (v.type === 'REG_DWORD' ? v.data !== 0 : undefined),
    encode: (on) => ({ type: 'REG_DWORD', data: on ? 1 : 0 }),
  };
}

/** dwordSwitch with positional arguments, for the long tables of switches in the settings models. */
export function dwordSwitchOf(name: string, label: string, help: string, on: string, off: string, whenAbsent?: string): ValueDef<boolean> {
  return dwordSwitch({ name, label, help, on, off, whenAbsent });
}

/** A switch stored as the string "0" or "1" (AeDebug's Auto is one). */
export function stringSwitch(c: Common & { on: string; off: string }): ValueDef<boolean> {
  return {
    ...c,
    types: ['REG_SZ'],
    check: (v) => (v.type === 'REG_SZ' && v.data !== '0' && v.data !== '1' ? `must be the string "0" (${c.off}) or "1" (${c.on})` : undefined),
    meaning: (v) => (v.type === 'REG_SZ' ? (v.data === '0' ? c.off : v.data === '1' ? c.on : undefined) : undefined),
    decode: (v) => (v.type === 'REG_SZ' ? v.data.trim() === '1' : undefined),
    encode: (on) => ({ type: 'REG_SZ', data: on ? '1' : '0' }),
  };
}

/** A DWORD count or size within documented bounds. */
export function dwordNumber(c: Common & { min: number; max?: number; unit?: string }): ValueDef<number> {
  const max = c.max ?? DWORD_MAX;
  const unit = c.unit ? ` ${c.unit}` : '';
  return {
    ...c,
    types: ['REG_DWORD'],
    check: (v) => (v.type === 'REG_DWORD' && (v.data < c.min || v.data > max) ? `must be between ${c.min} and ${max}${unit}` : undefined),
    meaning: (v) => (v.type === 'REG_DWORD' && unit ? `${v.data}${unit}` : undefined),
    decode: (v) => (v.type === 'REG_DWORD' ? v.data : undefined),
    encode: (n) => ({ type: 'REG_DWORD', data: n }),
  };
}

/** A DWORD bit mask whose bits have names (MINIDUMP_TYPE, Dump1Keys). */
export function dwordBits(c: Common & { bits: readonly { mask: number; name: string }[]; zero?: string }): ValueDef<number> {
  const known = c.bits.reduce((acc, b) => acc | b.mask, 0) >>> 0;
  return {
    ...c,
    hex: true,
    types: ['REG_DWORD'],
    check: (v) => {
      if (v.type !== 'REG_DWORD') return undefined;
      const unknown = (v.data & ~known) >>> 0;
      return unknown ? `bits ${hex(unknown)} have no documented meaning here` : undefined;
    },
    meaning: (v) => {
      if (v.type !== 'REG_DWORD') return undefined;
      if (v.data === 0) return c.zero;
      return c.bits.filter((b) => b.mask && (v.data & b.mask) === b.mask).map((b) => b.name).join(' | ') || undefined;
    },
    decode: (v) => (v.type === 'REG_DWORD' ? v.data >>> 0 : undefined),
    encode: (n) => ({ type: 'REG_DWORD', data: n >>> 0 }),
  };
}

/**
 * A path Windows reads later without a current folder. REG_EXPAND_SZ values
 * may start with %VAR%; a REG_SZ holding %VAR% is rejected because Windows
 * would take the percent signs literally.
 */
export function pathValue(c: Common & { type: 'REG_SZ' | 'REG_EXPAND_SZ'; maxLength?: number }): ValueDef<string> {
  const types: RegValueType[] = c.type === 'REG_EXPAND_SZ' ? ['REG_EXPAND_SZ', 'REG_SZ'] : ['REG_SZ'];
  return {
    ...c,
    types,
    check: (v) => {
      if (v.type !== 'REG_SZ' && v.type !== 'REG_EXPAND_SZ') return undefined;
      if (c.maxLength && v.data.length > c.maxLength) return `is ${v.data.length} characters long; Windows accepts at most ${c.maxLength}`;
      if (v.type === 'REG_SZ' && hasEnvReference(v.data)) {
        return c.type === 'REG_EXPAND_SZ'
          ? 'uses an environment variable in a REG_SZ value, which Windows does not expand (store it as REG_EXPAND_SZ)'
          : 'uses an environment variable, but this value is REG_SZ and Windows does not expand it';
      }
      const problem = absolutePathProblem(v.data, { allowEnv: v.type === 'REG_EXPAND_SZ' });
      return problem ? `the path ${problem}` : undefined;
    },
    meaning: () => undefined,
    decode: (v) => (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? v.data : undefined),
    encode: (s) => ({ type: c.type, data: s }),
  };
}

/** Free text (a command line, a GUID), with an optional check. */
export function stringValue(
  c: Common & { type?: 'REG_SZ' | 'REG_EXPAND_SZ'; check?: (s: string) => string | undefined; meaning?: (s: string) => string | undefined },
): ValueDef<string> {
  const type = c.type ?? 'REG_SZ';
  return {
    ...c,
    types: type === 'REG_EXPAND_SZ' ? ['REG_EXPAND_SZ', 'REG_SZ'] : ['REG_SZ', 'REG_EXPAND_SZ'],
    check: (v) => (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? c.check?.(v.data) : undefined),
    meaning: (v) => (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? c.meaning?.(v.data) : undefined),
    decode: (v) => (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? v.data : undefined),
    encode: (s) => ({ type, data: s }),
  };
}

/** A REG_MULTI_SZ list; `checkItem` explains what is wrong with one entry. */
export function multiString(c: Common & { checkItem?: (s: string) => string | undefined }): ValueDef<string[]> {
  return {
    ...c,
    types: ['REG_MULTI_SZ'],
    check: (v) => {
      if (v.type !== 'REG_MULTI_SZ' || !c.checkItem) return undefined;
      for (const [i, item] of v.data.entries()) {
        const p = c.checkItem(item);
        if (p) return `entry ${i + 1} "${item}" ${p}`;
      }
      return undefined;
    },
    meaning: () => undefined,
    decode: (v) => (v.type === 'REG_MULTI_SZ' ? [...v.data] : undefined),
    encode: (list) => ({ type: 'REG_MULTI_SZ', data: [...list] }),
  };
}
