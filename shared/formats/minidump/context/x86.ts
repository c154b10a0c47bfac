import { defineStruct } from '../../../bytes/struct';

/**
 * CONTEXT for x86 (WOW64_CONTEXT in winnt.h), 716 bytes when it carries
 * ExtendedRegisters; the integer part ends at 0xcc, which is all we need.
 */
export const CONTEXT_X86 = defineStruct('CONTEXT_X86', [
  ['ContextFlags', 'u32'],
  ['Dr0', 'u32'],
  ['Dr1', 'u32'],
  ['Dr2', 'u32'],
  ['Dr3', 'u32'],
  ['Dr6', 'u32'],
  ['Dr7', 'u32'],
  ['FloatSave', { bytes: 112 }], // FLOATING_SAVE_AREA
  ['SegGs', 'u32'],
  ['SegFs', 'u32'],
  ['SegEs', 'u32'],
  ['SegDs', 'u32'],
  ['Edi', 'u32'],
  ['Esi', 'u32'],
  ['Ebx', 'u32'],
  ['Edx', 'u32'],
  ['Ecx', 'u32'],
  ['Eax', 'u32'],
  ['Ebp', 'u32'],
  ['Eip', 'u32'],
  ['SegCs', 'u32'],
  ['EFlags', 'u32'],
  ['Esp', 'u32'],
  ['SegSs', 'u32'],
  ['ExtendedRegisters', { bytes: 512 }],
] as const);

/** The integer part (up to ExtendedRegisters): some writers stop there. */
export const CONTEXT_X86_MIN_SIZE = CONTEXT_X86.offsetOf('ExtendedRegisters');

/** Register name → CONTEXT field, in WinDbg's `r` order. */
export const X86_REGISTERS = [
  ['eax', 'Eax'], ['ebx', 'Ebx'], ['ecx', 'Ecx'], ['edx', 'Edx'], ['esi', 'Esi'], ['edi', 'Edi'],
  ['eip', 'Eip'], ['esp', 'Esp'], ['ebp', 'Ebp'],
  ['cs', 'SegCs'], ['ss', 'SegSs'], ['ds', 'SegDs'], ['es', 'SegEs'], ['fs', 'SegFs'], ['gs', 'SegGs'],
  ['efl', 'EFlags'],
  ['dr0', 'Dr0'], ['dr1', 'Dr1'], ['dr2', 'Dr2'], ['dr3', 'Dr3'], ['dr6', 'Dr6'], ['dr7', 'Dr7'],
] as const;
