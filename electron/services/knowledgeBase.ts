/**
 * The known-issues knowledge base on disk: the shipped file
 * (resources/knowledge/known-issues.json) merged with the user's own entries
 * (known-issues.user.json in the user-data folder; same id replaces a shipped
 * entry). Import validates a file and merges it into the user's; export writes
 * the merged base. Writes are atomic (temp file + rename).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mergeKnowledgeBases, parseKnowledgeBase, type KnowledgeBase } from '../../shared/analysis/knowledge/schema';
import { DumpDeskError } from '../../shared/errors';
import { readPackageInfo } from '../main/packageInfo';
import { userDataDir } from './paths';

export function shippedKnowledgeFile(): string {
  return join(readPackageInfo().root, 'resources', 'knowledge', 'known-issues.json');
}

export function userKnowledgeFile(env?: NodeJS.ProcessEnv): string {
  return join(userDataDir(env), 'known-issues.user.json');
}

function readBase(path: string): KnowledgeBase {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DumpDeskError('Invalid', `${path}: not a JSON file (${(e as Error).message})`);
  }
  try {
    return parseKnowledgeBase(json);
  } catch (e) {
    throw new DumpDeskError('Invalid', `${path}: ${(e as Error).message}`);
  }
}

function writeAtomic(path: string, kb: KnowledgeBase): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(kb, null, 2) + '\n');
  renameSync(tmp, path);
}

/** Shipped entries plus the user's. */
export function loadKnowledgeBase(env?: NodeJS.ProcessEnv): KnowledgeBase {
  const shipped = readBase(shippedKnowledgeFile());
  const userFile = userKnowledgeFile(env);
  return existsSync(userFile) ? mergeKnowledgeBases(shipped, readBase(userFile)) : shipped;
}

/** Validates `file` and merges its entries into the user's base; returns how many were added or replaced. */
export function importKnowledge(file: string, env?: NodeJS.ProcessEnv): { added: number; replaced: number } {
  const incoming = readBase(file);
  const userFile = userKnowledgeFile(env);
  const current = existsSync(userFile) ? readBase(userFile) : { schema: incoming.schema, version: 1, issues: [] };
  const ids = new Set(current.issues.map((i) => i.id));
  const replaced = incoming.issues.filter((i) => ids.has(i.id)).length;
  writeAtomic(userFile, mergeKnowledgeBases(current, incoming));
  return { added: incoming.issues.length - replaced, replaced };
}

/** Writes the merged base (shipped + user) to `file`. */
export function exportKnowledge(file: string, env?: NodeJS.ProcessEnv): number {
  const kb = loadKnowledgeBase(env);
  writeAtomic(file, kb);
  return kb.issues.length;
}
