/**
 * Seam for type information (TPI stream 2, IPI stream 4), not implemented yet.
 * A reader would decode LF_PROCEDURE / LF_MFUNCTION / LF_ARGLIST records to
 * print full signatures ("f(int,char *)", as dump_syms does) and LF_STRUCTURE /
 * LF_FIELDLIST for `dt`-style structure offsets. `PdbFile.types` returns
 * undefined until then; callers must cope with that.
 */
export interface PdbTypeInfo {
  /** "(int,char const *)" for a function type index, or undefined if unknown. */
  argumentList(typeIndex: number): string | undefined;
  /** Byte offset of `field` inside the named structure, or undefined. */
  fieldOffset(structName: string, field: string): number | undefined;
}
