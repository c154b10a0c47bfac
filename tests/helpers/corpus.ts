// Paths into the team's read-only corpus beside the repo (../shared/corpus).
// Tests read dumps from there by relative path; nothing is copied into the repo.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusRoot = resolve(repoRoot, '../shared/corpus');

export function corpusPath(...parts: string[]): string {
  return join(corpusRoot, ...parts);
}

export function readCorpus(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(...parts)));
}

export function readExpected(name: string): string {
  return readFileSync(corpusPath('expected', name), 'utf8');
}

export function hasExpected(name: string): boolean {
  return existsSync(corpusPath('expected', name));
}

/** File names in a corpus folder, sorted, optionally filtered by extension. */
export function listCorpus(folder: string, ext?: string): string[] {
  return readdirSync(corpusPath(folder))
    .filter((f) => !ext || f.toLowerCase().endsWith(ext))
    .sort();
}
