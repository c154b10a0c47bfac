/**
 * A Dr. Watson log (drwtsn32.log, Windows NT 4 – XP) as DumpDesk reads it:
 * one entry per "Application exception occurred:", each with the sections
 * drwtsn32 writes (reference §1.4 "Layout of a drwtsn32.log entry").
 * Addresses and register values are bigint, as everywhere in shared/.
 */

export interface DrWatsonLog {
  entries: DrWatsonEntry[];
}

export interface DrWatsonEntry {
  /** Application exception header. */
  app?: string;
  /** undefined when the log holds a placeholder such as "(<process ID>)". */
  pid?: number;
  /** "10/31/1997 @ 20:2:35.562" as written. */
  when?: string;
  exceptionCode?: number;
  /** "access violation". */
  exceptionName?: string;
  /** `Name: value` lines of "System Information", in order. */
  systemInformation: { name: string; value: string }[];
  taskList: DrWatsonTask[];
  moduleList: DrWatsonModule[];
  /** One per "State Dump for Thread Id"; the faulting thread has a `fault` line. */
  threads: DrWatsonThread[];
  /** Lines of "Symbol Table" (only when DumpSymbols was on). */
  symbolTable: string[];
  /** True when the text marks parts as left out ("..", "[....]", "omitted"): an excerpt. */
  excerpt: boolean;
}

export interface DrWatsonTask {
  /** undefined for placeholders like "<process ID>". */
  pid?: number;
  name: string;
}

export interface DrWatsonModule {
  base: bigint;
  end: bigint;
  path: string;
}

export interface DrWatsonThread {
  /** undefined when the log does not say (excerpts). */
  threadId?: number;
  /** eax, ebx, …, eip, esp, ebp, efl (or fl), cs, ss, ds, es, fs, gs, iopl. */
  registers: Record<string, bigint>;
  /** The flag mnemonics after iopl: nv up ei pl nz na pe nc. */
  flags: string[];
  /** The symbol named by "function:". */
  function?: string;
  disassembly: DrWatsonInstruction[];
  /** The instruction marked "FAULT ->". */
  fault?: DrWatsonInstruction;
  stackBackTrace: DrWatsonFrame[];
  /** "Raw Stack Dump" lines: address and the rest of the line (hex words and ASCII). */
  rawStack: { address: bigint; text: string }[];
}

export interface DrWatsonInstruction {
  address: bigint;
  /** Opcode bytes as hex text ("8b06"). */
  bytes: string;
  /** "mov eax,[esi]" (wrapped lines joined). */
  text: string;
  /** Memory operand shown after it: "ds:4300b84a=????????". */
  memory?: string;
  fault: boolean;
}

export interface DrWatsonFrame {
  framePointer: bigint;
  returnAddress: bigint;
  params: [bigint, bigint, bigint, bigint];
  /** "ntvdm!DpmiFreeXmem [omap]  (FPO: [0,0,0])" as written (wrapped lines joined). */
  functionText: string;
  /** "ntvdm!DpmiFreeXmem": the first word of functionText. */
  symbol?: string;
}
