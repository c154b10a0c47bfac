/** history.*: the crash history the indexer builds from watched folders (BlueScreenView's columns plus bucket). */
import { z } from 'zod';
import { call, returns } from './define';
import { CrashIdSchema, IsoDateSchema, type Hex } from './common';

/** One indexed dump: a row of the history table. Unknown facts are null, never guessed. */
export interface CrashRow {
  id: string;
  path: string;
  fileName: string;
  fileSize: number;
  /** Crash time, ISO-8601 UTC. */
  crashTime: string | null;
  kind: string;
  /** Bugcheck code (kernel) or exception code (user), and its name. */
  crashCode: Hex | null;
  crashName: string | null;
  parameters: Hex[];
  /** "Caused by driver" (kernel) / faulting module (user). */
  culprit: string | null;
  culpritVersion: string | null;
  culpritCompany: string | null;
  crashAddress: Hex | null;
  processor: string | null;
  cpuCount: number | null;
  osBuild: string | null;
  processName: string | null;
  bucket: string;
  note: string | null;
  indexedAt: string;
}

export const HistorySortColumnSchema = z.enum(['crashTime', 'fileName', 'crashName', 'culprit', 'bucket', 'fileSize', 'osBuild', 'indexedAt']);

export const HistoryQuerySchema = z.object({
  /** Free text over file name, names, culprit, bucket and notes. */
  text: z.string().max(512).optional(),
  bucket: z.string().max(1024).optional(),
  culprit: z.string().max(512).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  sort: z.object({ column: HistorySortColumnSchema, direction: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(500),
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
  crashName: string | null;
}

export const TimelineQuerySchema = z.object({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  groupBy: z.enum(['bucket', 'culprit']).default('bucket'),
});
export type TimelineQuery = z.input<typeof TimelineQuerySchema>;

/** Crashes per day per group key. */
export interface TimelinePoint {
  day: string; // YYYY-MM-DD (UTC)
  key: string;
  count: number;
}

/** A driver/module that appeared or changed version shortly before a bucket started. */
export interface ModuleChange {
  module: string;
  change: 'appeared' | 'version-changed' | 'disappeared';
  before: string | null;
  after: string | null;
  /** First crash (any bucket) where the new state was seen. */
  seenAt: string | null;
}

export interface WhatChanged {
  bucket: string;
  firstSeen: string | null;
  changes: ModuleChange[];
}

export const historyApi = {
  list: call({
    summary: 'One page of crash rows matching a query.',
    args: z.tuple([HistoryQuerySchema]),
    result: returns<HistoryPage>(),
    effect: 'read',
  }),
  get: call({
    summary: 'One crash row by id.',
    args: z.tuple([CrashIdSchema]),
    result: returns<CrashRow>(),
    effect: 'read',
  }),
  buckets: call({
    summary: 'Crashes grouped by bucket, with counts and first/last seen.',
    args: z.tuple([]),
    result: returns<BucketSummary[]>(),
    effect: 'read',
  }),
  timeline: call({
    summary: 'Crashes per day, grouped by bucket or culprit.',
    args: z.tuple([TimelineQuerySchema]),
    result: returns<TimelinePoint[]>(),
    effect: 'read',
  }),
  whatChanged: call({
    summary: 'Drivers/modules that appeared or changed version before a bucket started.',
    args: z.tuple([z.string().min(1).max(1024)]),
    result: returns<WhatChanged>(),
    effect: 'read',
  }),
  setNote: call({
    summary: 'Attach a note to a crash (empty text removes it).',
    args: z.tuple([CrashIdSchema, z.string().max(10_000)]),
    result: returns<void>(),
    effect: 'local',
  }),
};
