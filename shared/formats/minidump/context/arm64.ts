import { defineStruct } from '../../../bytes/struct';

/** ARM64_NT_CONTEXT (winnt.h), 912 bytes. X29 is Fp, X30 is Lr. */
export const CONTEXT_ARM64 = defineStruct('CONTEXT_ARM64', [
  ['ContextFlags', 'u32'],
  ['Cpsr', 'u32'],
  ['X', { bytes: 29 * 8 }], // X0..X28
  ['Fp', 'u64'],
  ['Lr', 'u64'],
  ['Sp', 'u64'],
  ['Pc', 'u64'],
  ['V', { bytes: 32 * 16 }], // ARM64_NT_NEON128[32]
  ['Fpcr', 'u32'],
  ['Fpsr', 'u32'],
  ['Bcr', { bytes: 8 * 4 }],
  ['Bvr', { bytes: 8 * 8 }],
  ['Wcr', { bytes: 2 * 4 }],
  ['Wvr', { bytes: 2 * 8 }],
] as const);

/** WinDbg's `r` order on ARM64. */
export const ARM64_ORDER = [
  ...Array.from({ length: 29 }, (_, i) => `x${i}`),
  'fp', 'lr', 'sp', 'pc', 'cpsr',
] as const;
