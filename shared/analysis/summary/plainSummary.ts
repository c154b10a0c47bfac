import type { AnalysisReport, ReportModule } from '../report';
import { culpritName, findReportModule } from '../reportModule';

/** What the history knows about the crash's bucket, when the dump is in it. */
export interface BucketContext {
  count: number;
  firstSeen: string | null;
}

/**
 * The dump view's first sentence, in plain words (BlueScreenView's "caused by
 * driver" told as a sentence): who crashed, because of what, how often.
 */
export function plainSummary(report: AnalysisReport, bucket?: BucketContext, knownIssueTitle?: string): string {
  const parts: string[] = [];
  const culprit = culpritName(report);
  const mod = culprit ? findReportModule(report, culprit) : undefined;
  const described = culprit ? describeModule(culprit, mod) : null;
  const what = report.crash.name ?? report.crash.code ?? 'an unknown error';

  if (report.crash.type === 'bugcheck') {
    parts.push(
      described
        ? `Your PC crashed (${what}) because of ${report.format === 'kernel' && culprit?.match(/\.sys$/i) ? 'the driver ' : ''}${described}.`
        : `Your PC crashed with ${what}; no single driver could be blamed from this dump.`,
    );
  } else if (report.crash.type === 'exception') {
    const proc = report.process?.name ?? 'A program';
    parts.push(described ? `${proc} crashed (${what}) in ${described}.` : `${proc} crashed (${what}).`);
  } else {
    parts.push(`This dump of ${report.process?.name ?? 'a process'} was written on request; it records no crash.`);
  }
  if (bucket && bucket.count > 0) {
    const since = bucket.firstSeen ? ` since ${bucket.firstSeen.slice(0, 10)}` : '';
    parts.push(bucket.count === 1 ? 'This is the first crash of this kind in your history.' : `${bucket.count} crashes in this bucket${since}.`);
  }
  if (knownIssueTitle) parts.push(`Known issue: ${knownIssueTitle}.`);
  return parts.join(' ');
}

function describeModule(name: string, m: ReportModule | undefined): string {
  const facts: string[] = [];
  if (m?.company) facts.push(m.company);
  if (m?.version) facts.push(`version ${m.version}`);
  if (m?.timestamp) facts.push(`dated ${m.timestamp.slice(0, 10)}`);
  return facts.length ? `${name} (${facts.join(', ')})` : name;
}
