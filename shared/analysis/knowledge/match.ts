import { matchesWildcard } from '../../wildcard';
import type { AnalysisReport } from '../report';
import { culpritName, findReportModule } from '../reportModule';
import type { KnowledgeBase, KnownIssue } from './schema';

/** Compares dotted numeric versions; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function sameCode(a: string | null | undefined, b: string): boolean {
  return a != null && BigInt(a) === BigInt(b);
}

function culpritVersion(report: AnalysisReport): string | null {
  const name = culpritName(report);
  return (name && findReportModule(report, name)?.version) || null;
}

/** Whether one knowledge-base entry applies to a crash. */
export function matchesIssue(issue: KnownIssue, report: AnalysisReport): boolean {
  const m = issue.match;
  if (m.bugcheck && !(report.crash.type === 'bugcheck' && sameCode(report.crash.code, m.bugcheck))) return false;
  if (m.exception && !(report.crash.type === 'exception' && sameCode(report.crash.code, m.exception))) return false;
  if (m.parameter1 && !sameCode(report.crash.parameters[0], m.parameter1)) return false;
  if (m.module) {
    const names = [report.culprit?.image, report.culprit?.module].filter((x): x is string => !!x);
    if (!names.some((n) => matchesWildcard(n, m.module!))) return false;
  }
  if (m.versionFrom || m.versionBelow) {
    const v = culpritVersion(report);
    if (!v) return false;
    if (m.versionFrom && compareVersions(v, m.versionFrom) < 0) return false;
    if (m.versionBelow && compareVersions(v, m.versionBelow) >= 0) return false;
  }
  if (m.symbol) {
    const sym = report.culprit?.symbol ?? '';
    if (!matchesWildcard(sym, m.symbol) && !matchesWildcard(report.bucket, `*${m.symbol}*`)) return false;
  }
  return true;
}

/** Every entry that applies, most specific first (more match fields = more specific). */
export function findKnownIssues(kb: KnowledgeBase, report: AnalysisReport): KnownIssue[] {
  const specificity = (i: KnownIssue) => Object.keys(i.match).length;
  return kb.issues.filter((i) => matchesIssue(i, report)).sort((a, b) => specificity(b) - specificity(a));
}
