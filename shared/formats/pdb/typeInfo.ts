/**
 * What a PDB's type information (TPI stream 2) answers, as the rest of the
 * code asks it: structure layouts (for kernel structure offsets when the nt
 * PDB is on the symbol path, as WinDbg takes them) and function types (for
 * argument lists). `PdbFile.types` is undefined when the PDB has no TPI
 * stream; a corrupt one throws `DumpFormatError` (from the getter for a bad
 * header, else from the question that reaches the damage); callers must cope
 * with both. Implemented by `PdbTypeStream` (typeStream.ts).
 */
export interface PdbTypeInfo {
  /** Size in bytes of the structure, class or union named `name` ("_KTHREAD"), from its full definition. */
  structSize(name: string): number | undefined;
  /**
   * A field of the structure, class or union named `structName`, by a dotted
   * path through nested members ("ApcState.Process"): its offset from the
   * start of the outer structure. Members of anonymous unions and structures
   * are found by their own names, as `dt` shows them.
   */
  field(structName: string, path: string): PdbField | undefined;
  /** "(int,char const *)" for an LF_PROCEDURE / LF_MFUNCTION type index, or undefined if unknown. */
  argumentList(typeIndex: number, opts?: { tagKeywords?: boolean }): string | undefined;
  /** The C name of a type index ("unsigned long", "_CONTEXT *", "char [16]"), or undefined if unknown. */
  typeName(typeIndex: number, opts?: { tagKeywords?: boolean }): string | undefined;
}

export interface PdbField {
  /** Byte offset from the start of the outer structure. */
  offset: number;
  /** Size in bytes of the field's type (of the underlying integer for bit fields), when known. */
  size?: number;
  /** Bit fields: the first bit and the width, within the integer at `offset`. */
  bitPosition?: number;
  bitLength?: number;
  /** The field's type name ("_KAPC_STATE", "void *", "unsigned char"), without the member's own const/volatile, as `dt` shows it. */
  typeName?: string;
}
