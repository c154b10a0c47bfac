/** Argument schemas several services share. Limits are generous but finite: every string from a caller has a maximum length. */
import { z } from 'zod';

/** A 64-bit value at the bridge: "0x…" hex (bigint does not survive JSON or structured clone everywhere). */
export const HexSchema = z.string().regex(/^0x[0-9a-fA-F]{1,16}$/, 'expected a hex string like 0x1f');
export type Hex = string;

/** A file or folder on the host. Must be absolute; the web host additionally confines it. */
export const FilePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL character')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'expected an absolute path');

/** Engine session ids are opaque strings the engine hands out ("s1", "s2"…). */
export const SessionIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a session id');

/** History row ids: the store's integer key, as a decimal string. */
export const CrashIdSchema = z.string().regex(/^[0-9]{1,15}$/, 'expected a crash id');

/** ISO-8601 date or date-time. */
export const IsoDateSchema = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date');

/** Any JSON value: used where a shared model owns the detailed validation (settings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string().max(65_536), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema).max(10_000), z.record(z.string().max(256), JsonValueSchema)]),
);
