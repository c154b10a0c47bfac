/** The dumps opened recently (File ▸ Recent), newest first, kept in the user-data folder. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MAX_RECENT = 10;

export class RecentFiles {
  private items: string[];

  constructor(private readonly file: string) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      this.items = Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      this.items = [];
    }
  }

  list(): readonly string[] {
    return this.items;
  }

  add(path: string): void {
    this.items = [path, ...this.items.filter((p) => p !== path)].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.items, null, 2));
  }

  clear(): void {
    this.items = [];
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, '[]');
  }
}
