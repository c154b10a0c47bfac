import { guidString } from './codeView';
import type { MinidumpFile } from './minidumpFile';
import {
  MD_BREAKPAD_INFO, MD_CRASHPAD_ANNOTATION, MD_CRASHPAD_DICTIONARY_ENTRY, MD_CRASHPAD_INFO, MD_CRASHPAD_MODULE_INFO,
  MD_CRASHPAD_MODULE_INFO_2, MD_CRASHPAD_MODULE_LINK,
} from './structs';
import { StreamType } from './streamTypes';

export interface BreakpadInfo {
  /** Thread that wrote the dump (Breakpad's handler thread), when valid. */
  dumpThreadId?: number;
  /** Thread that asked for the dump (the crashing one), when valid. */
  requestingThreadId?: number;
  validity: number;
}

/** Breakpad's MDRawBreakpadInfo stream. Validity bit 1: dump thread, bit 2: requesting thread. */
export function readBreakpadInfo(file: MinidumpFile): BreakpadInfo | undefined {
  const entry = file.stream(StreamType.BreakpadInfo);
  if (!entry) return undefined;
  if (entry.dataSize < MD_BREAKPAD_INFO.size) file.fail(entry, `${entry.dataSize} bytes, MDRawBreakpadInfo needs ${MD_BREAKPAD_INFO.size}`, 'Truncated');
  const b = MD_BREAKPAD_INFO.read(file.reader, entry.rva);
  return {
    validity: b.Validity,
    dumpThreadId: b.Validity & 1 ? b.DumpThreadId : undefined,
    requestingThreadId: b.Validity & 2 ? b.RequestingThreadId : undefined,
  };
}

export interface CrashpadInfo {
  version: number;
  reportId: string;
  clientId: string;
  annotations: Record<string, string>;
  /** Per-module annotations, keyed by index into the ModuleList. */
  modules: {
    moduleIndex: number;
    listAnnotations: string[];
    annotations: Record<string, string>;
    /** Typed annotation objects; string ones (type 1) decoded, others as hex. */
    annotationObjects: { name: string; type: number; value: string }[];
  }[];
}

/** Caps on vendor lists, so a hostile count cannot make us loop for long. */
const MAX_ENTRIES = 4096;

/** A MinidumpUTF8String {length u32, bytes, NUL}. */
function utf8String(file: MinidumpFile, rva: number): string {
  file.reader.check(rva, 4, 'Crashpad string');
  const len = file.reader.u32(rva);
  file.reader.check(rva + 4, len, 'Crashpad string');
  return file.utf8(rva + 4, len);
}

function dictionary(file: MinidumpFile, rva: number, size: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (size < 4) return out;
  const r = file.reader;
  const n = Math.min(r.count(r.u32(rva), MD_CRASHPAD_DICTIONARY_ENTRY.size, rva + 4, 'Crashpad dictionary count'), MAX_ENTRIES);
  for (let i = 0; i < n; i++) {
    const e = MD_CRASHPAD_DICTIONARY_ENTRY.read(r, rva + 4 + i * MD_CRASHPAD_DICTIONARY_ENTRY.size);
    out[utf8String(file, e.KeyRva)] = utf8String(file, e.ValueRva);
  }
  return out;
}

function annotationList(file: MinidumpFile, m: { AnnotationObjectsDataSize: number; AnnotationObjectsRva: number }): { name: string; type: number; value: string }[] {
  if (m.AnnotationObjectsDataSize < 4) return [];
  const r = file.reader;
  const at = m.AnnotationObjectsRva;
  const n = Math.min(r.count(r.u32(at), MD_CRASHPAD_ANNOTATION.size, at + 4, 'Crashpad annotation objects'), MAX_ENTRIES);
  const out: { name: string; type: number; value: string }[] = [];
  for (let i = 0; i < n; i++) {
    const a = MD_CRASHPAD_ANNOTATION.read(r, at + 4 + i * MD_CRASHPAD_ANNOTATION.size);
    const name = utf8String(file, a.NameRva);
    r.check(a.ValueRva, 4, 'Crashpad annotation value');
    const len = r.u32(a.ValueRva);
    const bytes = r.bytes(a.ValueRva + 4, len, 'Crashpad annotation value');
    const value = a.Type === 1 ? file.utf8(a.ValueRva + 4, len) : Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    out.push({ name, type: a.Type, value });
  }
  return out;
}

/** Crashpad's MinidumpCrashpadInfo stream: report/client ids and annotations. */
export function readCrashpadInfo(file: MinidumpFile): CrashpadInfo | undefined {
  const entry = file.stream(StreamType.CrashpadInfo);
  if (!entry) return undefined;
  if (entry.dataSize < MD_CRASHPAD_INFO.size) file.fail(entry, `${entry.dataSize} bytes, MinidumpCrashpadInfo needs ${MD_CRASHPAD_INFO.size}`, 'Truncated');
  const r = file.reader;
  const c = MD_CRASHPAD_INFO.read(r, entry.rva);
  const modules: CrashpadInfo['modules'] = [];
  if (c.ModuleListDataSize >= 4) {
    const n = Math.min(r.count(r.u32(c.ModuleListRva), MD_CRASHPAD_MODULE_LINK.size, c.ModuleListRva + 4, 'Crashpad module list count'), MAX_ENTRIES);
    for (let i = 0; i < n; i++) {
      const link = MD_CRASHPAD_MODULE_LINK.read(r, c.ModuleListRva + 4 + i * MD_CRASHPAD_MODULE_LINK.size);
      if (link.DataSize < MD_CRASHPAD_MODULE_INFO.size) continue;
      const m = MD_CRASHPAD_MODULE_INFO.read(r, link.Rva);
      const listAnnotations: string[] = [];
      if (m.ListAnnotationsDataSize >= 4) {
        const k = Math.min(r.count(r.u32(m.ListAnnotationsRva), 4, m.ListAnnotationsRva + 4, 'Crashpad list annotations'), MAX_ENTRIES);
        for (let j = 0; j < k; j++) listAnnotations.push(utf8String(file, r.u32(m.ListAnnotationsRva + 4 + j * 4)));
      }
      const annotationObjects = link.DataSize >= MD_CRASHPAD_MODULE_INFO_2.size
        ? annotationList(file, MD_CRASHPAD_MODULE_INFO_2.read(r, link.Rva))
        : [];
      modules.push({
        moduleIndex: link.MinidumpModuleListIndex,
        listAnnotations,
        annotations: dictionary(file, m.SimpleAnnotationsRva, m.SimpleAnnotationsDataSize),
        annotationObjects,
      });
    }
  }
  return {
    version: c.Version,
    reportId: guidString(c.ReportId),
    clientId: guidString(c.ClientId),
    annotations: dictionary(file, c.SimpleAnnotationsRva, c.SimpleAnnotationsDataSize),
    modules,
  };
}
