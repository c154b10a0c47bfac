/** sources.*: the folders DumpDesk watches for new dumps (discovered defaults plus the user's). */
import { z } from 'zod';
import { call, returns } from './define';
import { FilePathSchema } from './common';

export interface SourceStatus {
  id: string;
  path: string;
  /** `default`: found by discovery (Minidump, LocalDumps…); `user`: added by the user. */
  origin: 'default' | 'user';
  /** What the folder is, in words: "Kernel minidumps (CrashControl MinidumpDir)". */
  label: string;
  reachable: boolean;
  /** Why it is not reachable (missing, access denied…), null when it is. */
  reason: string | null;
  dumpCount: number;
  lastScan: string | null;
}

export const sourcesApi = {
  list: call({
    summary: 'Every watched folder, reachable or not, and why.',
    args: z.tuple([]),
    result: returns<SourceStatus[]>(),
    effect: 'read',
  }),
  add: call({
    summary: 'Watch one more folder and index the dumps in it.',
    args: z.tuple([FilePathSchema]),
    result: returns<SourceStatus>(),
    effect: 'local',
    paths: ([path]) => [path],
  }),
  remove: call({
    summary: 'Stop watching a folder the user added (its history stays).',
    args: z.tuple([z.string().min(1).max(256)]),
    result: returns<void>(),
    effect: 'local',
  }),
};
