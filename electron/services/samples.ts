/**
 * The sample dumps DumpDesk ships (resources/samples/, built by the project's
 * own synthetic-dump builders): offered by the empty history as "open a
 * sample", so a new user can look around before their first crash.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPackageInfo } from '../main/packageInfo';

export function samplesDir(): string {
  return join(readPackageInfo().root, 'resources', 'samples');
}

/** Absolute paths of the shipped .dmp samples, sorted; empty when the folder is missing. */
export function sampleDumps(dir = samplesDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.dmp')).sort().map((f) => join(dir, f));
}
