import type { RegValue } from '../registry/types';
import { KNOWN_KEYS } from './catalog';
import { findKeySpec } from './checkChanges';
import { formatRegValue } from './formatValue';
import { findValueDef } from './keySpec';

/**
 * A value as people read it: `7 (automatic memory dump)`,
 * `1 (restart automatically)`, `0x121 (MiniDumpWithDataSegs | …)`. Values
 * DumpDesk does not know are shown plain; an absent value is `(not set)`.
 */
export function describeValue(key: string, name: string, value: RegValue | undefined): string {
  const spec = findKeySpec(KNOWN_KEYS, key);
  const def = spec ? findValueDef(spec, name) : undefined;
  if (!value) return def?.whenAbsent ? `(not set: Windows uses ${def.whenAbsent})` : '(not set)';
  if (!def || !def.types.includes(value.type)) return formatRegValue(value);
  const text = formatRegValue(value, { hex: def.hex && value.type === 'REG_DWORD' });
  const meaning = def.meaning(value);
  return meaning ? `${text} (${meaning})` : text;
}

/** The plain-words help of a known value, for tooltips; undefined when unknown. */
export function explainValue(key: string, name: string): { label: string; help: string } | undefined {
  const spec = findKeySpec(KNOWN_KEYS, key);
  const def = spec ? findValueDef(spec, name) : undefined;
  return def ? { label: def.label, help: def.help } : undefined;
}
