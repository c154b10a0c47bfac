/** dump.*: open a dump in the engine, analyze it, run debugger commands in its session. */
import { z } from 'zod';
import type { PrivacyReport } from '../analysis/privacy/scan';
import type { AnalysisReport } from '../analysis/report';
import type { CpuArch, DumpKind } from '../dump/types';
import { call, returns } from './define';
import { FilePathSchema, HexSchema, SessionIdSchema, type Hex } from './common';

export interface DumpSessionInfo {
  sessionId: string;
  file: { path: string; name: string; size: number };
  format: 'minidump' | 'kernel';
  kind: DumpKind;
  is64: boolean;
  system: { os: string; osVersion: string; build: number | null; cpuArch: CpuArch; cpuCount: number };
  /** Crash time, ISO-8601 UTC, when the dump records it. */
  time: string | null;
  /** Soft problems found while opening. */
  diagnostics: { level: string; code: string; message: string }[];
}

/**
 * A clickable piece of command output: `start`/`length` index into `text`
 * (UTF-16 units). `command` is the natural follow-up the UI runs on click
 * (`u fffff800\`12345678`, `lmv m nt`, `!thread …`).
 */
export interface OutputSpan {
  start: number;
  length: number;
  kind: 'address' | 'module' | 'symbol' | 'thread' | 'process' | 'register' | 'error' | (string & {});
  command?: string;
}

export interface CommandOutput {
  /** The command line as run. */
  line: string;
  text: string;
  spans: OutputSpan[];
  /** Set by `.cls`: the UI clears its output pane. */
  clear?: boolean;
}

export interface MemoryBytes {
  address: Hex;
  /** Two hex digits per byte; null when the dump does not hold all of the range. */
  hex: string | null;
}

export const dumpApi = {
  open: call({
    summary: 'Open a dump file in the engine; returns the new session.',
    args: z.tuple([FilePathSchema]),
    result: returns<DumpSessionInfo>(),
    effect: 'local',
    paths: ([path]) => [path],
  }),
  close: call({
    summary: 'Close a session and free its memory.',
    args: z.tuple([SessionIdSchema]),
    result: returns<void>(),
    effect: 'local',
  }),
  analyze: call({
    summary: 'Run the automatic analysis (what `!analyze -v` shows) and return the report document.',
    args: z.tuple([SessionIdSchema]),
    result: returns<AnalysisReport>(),
    effect: 'read',
  }),
  privacy: call({
    summary: 'What the dump reveals about the person and machine it came from, and where in the file (before sharing it).',
    args: z.tuple([SessionIdSchema]),
    result: returns<PrivacyReport>(),
    effect: 'read',
  }),
  runCommand: call({
    summary: 'Run one WinDbg-style command line against the session.',
    args: z.tuple([SessionIdSchema, z.string().max(4096)]),
    result: returns<CommandOutput>(),
    effect: 'read',
  }),
  completeSymbols: call({
    summary:
      'Names of a module\'s symbols starting with a prefix (case-insensitive, as WinDbg matches), sorted by lower-cased name, at most `limit`: console completion after `mod!`. Empty when the module is unknown or has no listable symbols.',
    // module as `lm` shows it ("ntdll") or its file name; the prefix is what follows `!`.
    args: z.tuple([SessionIdSchema, z.string().min(1).max(256), z.string().max(256), z.number().int().min(1).max(1000)]),
    result: returns<string[]>(),
    effect: 'read',
  }),
  readMemory: call({
    summary: 'Read up to 64 KiB of the dump\'s virtual memory (hex view).',
    args: z.tuple([SessionIdSchema, HexSchema, z.number().int().min(1).max(65_536)]),
    result: returns<MemoryBytes>(),
    effect: 'read',
  }),
  cancel: call({
    summary: 'Cancel whatever the session is doing (open, analysis, a long command).',
    args: z.tuple([SessionIdSchema]),
    result: returns<void>(),
    effect: 'local',
  }),
  list: call({
    summary: 'The sessions open now.',
    args: z.tuple([]),
    result: returns<DumpSessionInfo[]>(),
    effect: 'read',
  }),
};
