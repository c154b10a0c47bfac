/**
 * Several summarizers working at once (engine worker threads, see
 * electron/engine/launchWorkerThread.ts), seen as one: each call goes to the
 * member with the fewest calls in flight. Use with the indexer's
 * `concurrency` set to about twice the member count so no worker waits.
 */
import type { CrashSummary, Summarizer } from './crashSummary';

export interface SummarizerMember {
  summarize(path: string): Promise<CrashSummary>;
}

export function summarizerPool(members: readonly SummarizerMember[], analyzerVersion: number): Summarizer {
  if (members.length === 0) throw new Error('summarizerPool needs at least one member');
  const inFlight = members.map(() => 0);
  return {
    analyzerVersion,
    async summarize(path: string): Promise<CrashSummary> {
      let pick = 0;
      for (let i = 1; i < members.length; i++) if (inFlight[i]! < inFlight[pick]!) pick = i;
      inFlight[pick]!++;
      try {
        return await members[pick]!.summarize(path);
      } finally {
        inFlight[pick]!--;
      }
    },
  };
}
