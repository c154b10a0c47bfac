/**
 * Reads drwtsn32.log text into entries. Real logs reach us mostly as
 * excerpts pasted into KB articles and forums: indented, with lines wrapped
 * at 70–80 columns, banners stripped of their "*---->" decoration and parts
 * cut out. The parser therefore works line by line on content patterns
 * (a register assignment, an address followed by opcode bytes, six hex
 * words of a stack frame) rather than on columns, and joins wrapped lines
 * to the item they continue.
 */
import { DumpFormatError } from '../../errors';
import { decodeAnsi, decodeUtf16le, decodeUtf8Strict } from '../regfile/textCodecs';
import type { DrWatsonEntry, DrWatsonFrame, DrWatsonInstruction, DrWatsonLog, DrWatsonThread } from './model';

type Section = 'header' | 'system' | 'tasks' | 'modules' | 'registers' | 'disassembly' | 'stack' | 'rawStack' | 'symbols' | 'other';

const ENTRY_START = /^Application exception occurred:?\s*$/i;
/** "*----> Task List <----*", also the "*---- Stack Back Trace ----*" variant. */
const BANNER = /^\*-{2,}>?\s*(.*?)\s*<?-{2,}\*$/;
const THREAD_HEADER = /^State Dump for Thread Id\s*(0x[0-9a-f]+)?/i;
const REGISTER = /\b([a-z]{2,4})=([0-9a-f]+)\b/gi;
const REGISTER_LINE = /^(?:[a-z]{2,4}=[0-9a-f]+\b\s*)+/i;
const FLAG = /^(nv|ov|up|dn|di|ei|pl|ng|nz|zr|na|ac|po|pe|nc|cy)$/i;
const INSTRUCTION = /^(FAULT\s*->\s*)?([0-9a-f]{8}|[0-9a-f]{16})(?:\s+(.*))?$/i;
const MEMORY_NOTE = /((?:cs|ds|es|fs|gs|ss):[0-9a-f]{8,16}=[0-9a-f?]+)\s*$/i;
const FRAME = /^([0-9a-f]{8,16})\s+([0-9a-f]{8,16})\s+([0-9a-f]{8,16})\s+([0-9a-f]{8,16})\s+([0-9a-f]{8,16})\s+([0-9a-f]{8,16})(?:\s+(.*))?$/i;
const OMISSION = /^(\.\.+|\[\s*\.+\s*\]|\(.*omitted.*\))$/i;

/**
 * drwtsn32 wrote ANSI; a copy saved by Notepad may be UTF-16LE with a BOM or
 * UTF-8. (The plain decoders are shared with the .reg reader.)
 */
export function decodeDrWatsonLog(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16le(bytes, 2);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decodeUtf8Strict(bytes, bom) ?? decodeAnsi(bytes.subarray(bom));
}

function newEntry(): DrWatsonEntry {
  return { systemInformation: [], taskList: [], moduleList: [], threads: [], symbolTable: [], excerpt: false };
}

function newThread(threadId?: number): DrWatsonThread {
  return { threadId, registers: {}, flags: [], disassembly: [], stackBackTrace: [], rawStack: [] };
}

const big = (hex: string) => BigInt('0x' + hex);

/** Splits "mov eax,[esi]   ds:4300b84a=????????" into text and memory note. */
function splitMemory(rest: string): { text: string; memory?: string } {
  const m = MEMORY_NOTE.exec(rest);
  if (!m) return { text: rest.trim() };
  return { text: rest.slice(0, m.index).trim(), memory: m[1] };
}

function parseInstruction(m: RegExpExecArray): DrWatsonInstruction {
  let rest = (m[3] ?? '').trim();
  let bytes = '';
  const first = /^([0-9a-f]+)(\s+|$)/i.exec(rest);
  // Opcode bytes come in pairs; mnemonics that happen to be hex ("add") have odd length.
  if (first && first[1]!.length % 2 === 0) {
    bytes = first[1]!.toLowerCase();
    rest = rest.slice(first[0].length);
  }
  const { text, memory } = splitMemory(rest);
  return { address: big(m[2]!), bytes, text: text.replace(/\s+/g, ' '), memory, fault: Boolean(m[1]) };
}

/** Adds a wrapped line to the instruction it continues. */
function continueInstruction(ins: DrWatsonInstruction, line: string): void {
  const { text, memory } = splitMemory(line);
  if (memory && !ins.memory) ins.memory = memory;
  if (text) ins.text = (ins.text ? `${ins.text} ${text}` : text).replace(/\s+/g, ' ');
}

function sectionOf(title: string): Section {
  const t = title.toLowerCase();
  if (t.startsWith('system information')) return 'system';
  if (t.startsWith('task list')) return 'tasks';
  if (t.startsWith('module list')) return 'modules';
  if (t.startsWith('stack back trace')) return 'stack';
  if (t.startsWith('raw stack dump')) return 'rawStack';
  if (t.startsWith('symbol table')) return 'symbols';
  return 'other';
}

/** Parses every entry of a Dr. Watson log. Throws BadSignature when the text has none. */
export function parseDrWatsonLog(text: string): DrWatsonLog {
  const entries: DrWatsonEntry[] = [];
  let entry: DrWatsonEntry | undefined;
  let section: Section = 'other';
  let thread: DrWatsonThread | undefined;
  let frame: DrWatsonFrame | undefined;

  const currentThread = (): DrWatsonThread => {
    if (!thread) {
      // Excerpts often start with the registers or "function:" without a thread header.
      thread = newThread();
      entry!.threads.push(thread);
    }
    return thread;
  };
  const startThread = (id?: number) => {
    thread = newThread(id);
    entry!.threads.push(thread);
    section = 'registers';
    frame = undefined;
  };

  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (ENTRY_START.test(line)) {
      entry = newEntry();
      entries.push(entry);
      section = 'header';
      thread = undefined;
      frame = undefined;
      continue;
    }
    if (!entry) continue; // the log's own title lines before the first entry
    if (OMISSION.test(line)) {
      entry.excerpt = true;
      continue;
    }

    const banner = BANNER.exec(line);
    const threadHeader = THREAD_HEADER.exec(banner ? banner[1]! : line);
    if (threadHeader) {
      startThread(threadHeader[1] ? Number.parseInt(threadHeader[1], 16) : undefined);
      continue;
    }
    if (banner) {
      section = sectionOf(banner[1]!);
      frame = undefined;
      if (section === 'stack' || section === 'rawStack') currentThread();
      else if (section !== 'other' && section !== 'symbols') thread = undefined;
      continue;
    }
    if (/^function:\s*/i.test(line)) {
      currentThread().function = line.replace(/^function:\s*/i, '');
      section = 'disassembly';
      continue;
    }
    // Registers can appear without a thread header (excerpts), right after other sections.
    if (REGISTER_LINE.test(line) && /\b(eax|eip|rax|rip|cs|efl)=/i.test(line) && section !== 'disassembly' && section !== 'stack') {
      if (section !== 'registers') {
        if (!thread || thread.disassembly.length || Object.keys(thread.registers).length) startThread();
        section = 'registers';
      }
    }

    switch (section) {
      case 'header': {
        const kv = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
        if (!kv) break;
        const [, key, value] = kv;
        const k = key!.trim().toLowerCase();
        if (k === 'app') {
          const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(value!);
          entry.app = (m ? m[1]! : value!).trim();
          const pid = m && /^pid=(\d+)$/i.exec(m[2]!.trim());
          if (pid) entry.pid = Number(pid[1]);
        } else if (k === 'when') {
          entry.when = value!.trim();
        } else if (k === 'exception number') {
          const m = /^([0-9a-f]{8})\s*(?:\((.*)\))?/i.exec(value!.trim());
          if (m) {
            entry.exceptionCode = Number.parseInt(m[1]!, 16);
            if (m[2]) entry.exceptionName = m[2].trim();
          }
        }
        break;
      }
      case 'system': {
        const kv = /^([^:]+):\s*(.*)$/.exec(line);
        if (kv) entry.systemInformation.push({ name: kv[1]!.trim(), value: kv[2]!.trim() });
        break;
      }
      case 'tasks': {
        const m = /^(\d+|<[^>]*>)\s+(\S.*)$/.exec(line);
        if (m) entry.taskList.push({ pid: /^\d+$/.test(m[1]!) ? Number(m[1]) : undefined, name: m[2]!.trim() });
        break;
      }
      case 'modules': {
        const m = /^\(?([0-9a-f]{8,16})\s*-\s*([0-9a-f]{8,16})\)?\s*:?\s*(.*)$/i.exec(line);
        if (m) entry.moduleList.push({ base: big(m[1]!), end: big(m[2]!), path: m[3]!.trim() });
        break;
      }
      case 'registers': {
        const t = currentThread();
        for (const m of line.matchAll(REGISTER)) t.registers[m[1]!.toLowerCase()] = big(m[2]!);
        const rest = line.replace(REGISTER, ' ').split(/\s+/).filter((w) => FLAG.test(w));
        t.flags.push(...rest.map((f) => f.toLowerCase()));
        break;
      }
      case 'disassembly': {
        const t = currentThread();
        const m = INSTRUCTION.exec(line);
        if (m) {
          const ins = parseInstruction(m);
          t.disassembly.push(ins);
          if (ins.fault) t.fault = ins;
        } else {
          const last = t.disassembly[t.disassembly.length - 1];
          if (last) continueInstruction(last, line);
        }
        break;
      }
      case 'stack': {
        const t = currentThread();
        if (/^FramePtr\b/i.test(line) || /^Function Name$/i.test(line)) break;
        const m = FRAME.exec(line);
        if (m) {
          frame = {
            framePointer: big(m[1]!),
            returnAddress: big(m[2]!),
            params: [big(m[3]!), big(m[4]!), big(m[5]!), big(m[6]!)],
            functionText: (m[7] ?? '').trim(),
          };
          frame.symbol = frame.functionText.split(/\s+/)[0] || undefined;
          t.stackBackTrace.push(frame);
        } else if (frame) {
          frame.functionText = frame.functionText ? `${frame.functionText} ${line}` : line;
          frame.symbol = frame.functionText.split(/\s+/)[0] || undefined;
        }
        break;
      }
      case 'rawStack': {
        const m = /^([0-9a-f]{8,16})\s+(.*)$/i.exec(line);
        if (m) currentThread().rawStack.push({ address: big(m[1]!), text: m[2]! });
        break;
      }
      case 'symbols':
        entry.symbolTable.push(line);
        break;
      case 'other':
        break;
    }
  }

  if (entries.length === 0) {
    throw new DumpFormatError('BadSignature', 'not a Dr. Watson log: no "Application exception occurred:" line');
  }
  return { entries };
}

/** The value of one System Information line, by name (case-insensitive). */
export function systemInformationValue(entry: DrWatsonEntry, name: string): string | undefined {
  return entry.systemInformation.find((s) => s.name.toLowerCase() === name.toLowerCase())?.value;
}
