import { defineStruct } from '../../../bytes/struct';

/** CONTEXT for 32-bit ARM (winnt.h, _ARM_), 416 bytes. R11 is the frame pointer. */
export const CONTEXT_ARM = defineStruct('CONTEXT_ARM', [
  ['ContextFlags', 'u32'],
  ['R', { bytes: 13 * 4 }], // R0..R12
  ['Sp', 'u32'],
  ['Lr', 'u32'],
  ['Pc', 'u32'],
  ['Cpsr', 'u32'],
  ['Fpscr', 'u32'],
  ['Padding', 'u32'],
  ['D', { bytes: 32 * 8 }], // NEON/VFP D0..D31
  ['Bvr', { bytes: 8 * 4 }],
  ['Bcr', { bytes: 8 * 4 }],
  ['Wvr', { bytes: 1 * 4 }],
  ['Wcr', { bytes: 1 * 4 }],
  ['Padding2', { bytes: 2 * 4 }],
] as const);

/** WinDbg's `r` order on ARM. */
export const ARM_ORDER = [
  ...Array.from({ length: 13 }, (_, i) => `r${i}`),
  'sp', 'lr', 'pc', 'psr',
] as const;
