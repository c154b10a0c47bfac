import { z } from 'zod';

/**
 * The known-issues knowledge base (resources/knowledge/known-issues.json and
 * user files next to it): bucket patterns, each with an explanation, a fix
 * and the source it was taken from. Versioned so old files can be migrated.
 */
const hexCode = z.string().regex(/^0x[0-9a-fA-F]{1,8}$/, 'a code like "0x124"');
const version = z.string().regex(/^\d+(\.\d+){0,3}$/, 'a version like "10.0.19041.1"');

export const KnownIssueMatch = z
  .object({
    /** Kernel bug check code. */
    bugcheck: hexCode.optional(),
    /** User-mode exception code. */
    exception: hexCode.optional(),
    /** Parameter 1 of the bug check / first exception parameter, when the sub-type matters. */
    parameter1: hexCode.optional(),
    /** Culprit module name; `*` and `?` wildcards, case-insensitive. */
    module: z.string().min(1).optional(),
    /** Culprit module version range: from (inclusive) … below (exclusive). */
    versionFrom: version.optional(),
    versionBelow: version.optional(),
    /** Symbol in the bucket / culprit, wildcards allowed. */
    symbol: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => m.bugcheck || m.exception || m.module, 'a match needs at least a bugcheck, exception or module');

export const KnownIssue = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase words joined by dashes'),
    title: z.string().min(3),
    match: KnownIssueMatch,
    /** What is going on, in plain words. */
    explanation: z.string().min(10),
    /** What the user should do. */
    fix: z.string().min(10),
    /** Where this knowledge comes from (document title and/or URL). */
    source: z.string().min(5),
  })
  .strict();

export const KnowledgeBase = z
  .object({
    schema: z.literal('dumpdesk.known-issues/1'),
    version: z.number().int().positive(),
    issues: z.array(KnownIssue),
  })
  .strict()
  .superRefine((kb, ctx) => {
    const seen = new Set<string>();
    kb.issues.forEach((i, n) => {
      if (seen.has(i.id)) ctx.addIssue({ code: 'custom', message: `duplicate id '${i.id}'`, path: ['issues', n, 'id'] });
      seen.add(i.id);
    });
  });

export type KnownIssue = z.infer<typeof KnownIssue>;
export type KnowledgeBase = z.infer<typeof KnowledgeBase>;

/** Parses and validates a knowledge-base document; throws with every problem listed. */
export function parseKnowledgeBase(json: unknown): KnowledgeBase {
  const r = KnowledgeBase.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid knowledge base:\n${lines.join('\n')}`);
  }
  return r.data;
}

/** Merges user entries over the shipped ones (same id replaces). */
export function mergeKnowledgeBases(base: KnowledgeBase, ...extra: KnowledgeBase[]): KnowledgeBase {
  const byId = new Map(base.issues.map((i) => [i.id, i]));
  for (const kb of extra) for (const i of kb.issues) byId.set(i.id, i);
  return { schema: base.schema, version: base.version, issues: [...byId.values()] };
}
