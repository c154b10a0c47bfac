/**
 * history.*: the crash history the indexer builds from watched folders
 * (BlueScreenView's columns plus bucket). Shapes follow the history store
 * (electron/services/history); facts the store does not record yet are null.
 */
import { z } from 'zod';
import { call, returns } from './define';
import { CrashIdSchema, IsoDateSchema, type Hex } from './common';

/** One indexed dump: a row of the history table. Unknown facts are null, never guessed. */
export interface CrashRow {
  id: string;
  path: string;
  fileName: string;
  fileSize: number;
  /** The file is gone from disk; its row stays in the history. */
  missing: boolean;
  /** `error`: the dump could not be read; `error` says why. */
  state: 'ok' | 'error';
  error: string | null;
  /** DumpKind: "user-minidump", "kernel-small", … */
  kind: string | null;
  /** Crash time, ISO-8601 UTC. */
  crashTime: string | null;
  codeType: 'exception' | 'bugcheck' | 'none' | (string & {}) | null;
  /** Bugcheck code (kernel) or exception code (user), and its name. */
  code: Hex | null;
  codeName: string | null;
  parameters: Hex[];
  /** "Caused by driver" (kernel) / faulting module (user). */
  culprit: string | null;
  culpritVersion: string | null;
  culpritCompany: string | null;
  crashAddress: Hex | null;
  processor: string | null;
  osBuild: number | null;
  osVersion: string | null;
  machineName: string | null;
  processName: string | null;
  uptimeSeconds: number | null;
  bucket: string | null;
  /** The watched folder it was found in. */
  source: string | null;
  /** The WER report filed with it, if any. */
  wer: { eventType: string | null; appName: string | null; faultModule: string | null; reportPath: string } | null;
}

export const HistorySortSchema = z.enum(['crashTime', 'code', 'culprit', 'bucket', 'processName', 'fileSize', 'path']);
export type HistorySort = z.infer<typeof HistorySortSchema>;

export const HistoryQuerySchema = z.object({
  /** Free text over path, process, culprit, bucket and code name. */
  text: z.string().max(512).optional(),
  bucket: z.string().max(1024).optional(),
  culprit: z.string().max(512).optional(),
  /** Exception or bugcheck code. */
  code: z.string().regex(/^0x[0-9a-fA-F]{1,8}$/).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  /** Hide rows whose file is gone. */
  hideMissing: z.boolean().optional(),
  sort: HistorySortSchema.default('crashTime'),
  descending: z.boolean().default(true),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(10_000).default(500),
});
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export interface HistoryPage {
  rows: CrashRow[];
  /** Rows matching the query, before offset/limit. */
  total: number;
}

export interface BucketSummary {
  bucket: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  culprit: string | null;
  code: Hex | null;
  codeName: string | null;
}

export const TimelineQuerySchema = z.object({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  groupBy: z.enum(['bucket', 'culprit']).default('bucket'),
  period: z.enum(['day', 'week']).default('day'),
});
export type TimelineQuery = z.input<typeof TimelineQuerySchema>;

/** Crashes per period per group key. */
export interface TimelinePoint {
  /** YYYY-MM-DD (UTC): the day, or the Monday of the week. */
  period: string;
  key: string;
  count: number;
}

/** A module whose version first appeared shortly before a bucket started. */
export interface ModuleChange {
  module: string;
  /** 'new': never loaded before; 'updated': loaded before with another version/timestamp. */
  change: 'new' | 'updated';
  version: string | null;
  timestamp: number | null;
  previousVersion: string | null;
  previousTimestamp: number | null;
  /** Earliest crash time (ISO) at which this version was seen. */
  firstSeen: string;
}

export interface WhatChanged {
  bucket: string;
  firstCrash: { id: number; time: string } | null;
  /** The machine compared ("source #3" when dumps carry no machine name). */
  machine: string;
  /** Dumps before the window: the comparison base (0 = nothing to compare with). */
  baselineDumps: number;
  windowDumps: number;
  changes: ModuleChange[];
}

/** A note on some crash of a bucket: what the user learnt about that kind of crash. */
export interface BucketNote {
  id: number;
  text: string;
  createdAt: string;
  crashId: string;
  fileName: string;
}

export interface CrashNote {
  id: number;
  text: string;
  createdAt: string;
}

/** One row of "who is to blame" (shared/analysis/blame): the class, its label, how many crashes and their share. */
export interface BlameRow {
  class: string;
  label: string;
  count: number;
  /** 0–100, one decimal. */
  percent: number;
}

export const historyApi = {
  list: call({
    summary: 'One page of crash rows matching a query.',
    args: z.tuple([HistoryQuerySchema]),
    result: returns<HistoryPage>(),
    effect: 'read',
  }),
  buckets: call({
    summary: 'Crashes grouped by bucket, with counts and first/last seen.',
    args: z.tuple([]),
    result: returns<BucketSummary[]>(),
    effect: 'read',
  }),
  breakdown: call({
    summary: 'Who is to blame: crashes per class (third-party drivers, unknown, hardware, Microsoft, …), as in the OCA statistics.',
    args: z.tuple([]),
    result: returns<BlameRow[]>(),
    effect: 'read',
  }),
  timeline: call({
    summary: 'Crashes per day or week, grouped by bucket or culprit.',
    args: z.tuple([TimelineQuerySchema]),
    result: returns<TimelinePoint[]>(),
    effect: 'read',
  }),
  whatChanged: call({
    summary: 'Modules that appeared or changed version in the days before a bucket started.',
    args: z.tuple([z.string().min(1).max(1024), z.number().int().min(1).max(365).default(7)]),
    result: returns<WhatChanged>(),
    effect: 'read',
  }),
  notes: call({
    summary: 'The notes attached to a crash, oldest first.',
    args: z.tuple([CrashIdSchema]),
    result: returns<CrashNote[]>(),
    effect: 'read',
  }),
  trash: call({
    summary: 'Move a crash\'s dump file to the recycle bin after the user confirms; the history row stays, marked missing.',
    args: z.tuple([CrashIdSchema]),
    result: returns<'trashed' | 'cancelled' | 'already-gone' | 'unknown-crash'>(),
    effect: 'system',
  }),
  bucketNotes: call({
    summary: 'The notes on every crash of a bucket (shown with a matching known issue).',
    args: z.tuple([z.string().min(1).max(1024)]),
    result: returns<BucketNote[]>(),
    effect: 'read',
  }),
  addNote: call({
    summary: 'Attach a note to a crash.',
    args: z.tuple([CrashIdSchema, z.string().min(1).max(10_000)]),
    result: returns<CrashNote>(),
    effect: 'local',
  }),
};
