import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../electron/cli/command';
import { parseServeArgs } from '../../../../electron/cli/commands/serve';
import { PathConfinement } from '../../../../electron/web/confinePaths';
import { resolveStatic } from '../../../../electron/web/staticFiles';

describe('dumpdesk serve arguments', () => {
  it('reads every option, --dir repeatable, defaults otherwise', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, dirs: [], open: false, allowSettings: false });
    expect(parseServeArgs(['--port', '8080', '--dir', 'a', '--dir', 'b', '--db', 'h.sqlite', '--open', '--allow-settings'])).toEqual({
      port: 8080,
      dirs: ['a', 'b'],
      db: 'h.sqlite',
      open: true,
      allowSettings: true,
    });
  });

  it('refuses bad ports, missing values and unknown options as usage errors', () => {
    for (const args of [['--port', 'x'], ['--port', '70000'], ['--port', '-1'], ['--dir'], ['--host', '0.0.0.0']]) {
      expect(() => parseServeArgs(args), args.join(' ')).toThrow(UsageError);
    }
  });
});

describe('PathConfinement', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dd-confine-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  writeFileSync(join(tmp, 'outside.txt'), 'x');
  const served = join(tmp, 'served');
  symlinkSync(tmp, join(tmp, 'link-to-parent'));

  it('allows paths inside a root (existing or not yet) and nothing else', () => {
    const c = new PathConfinement(() => [served]);
    expect(c.allows(join(served, 'a.dmp'))).toBe(true);
    expect(c.allows(join(served, 'new', 'deeper', 'b.reg'))).toBe(true);
    expect(c.allows(served)).toBe(true);
    expect(c.allows(`${served}/../outside.txt`)).toBe(false);
    expect(c.allows(`${served}-sibling/a.dmp`)).toBe(false);
    expect(c.allows('served/a.dmp')).toBe(false);
    expect(c.allows(`${served}/a\0.dmp`)).toBe(false);
  });

  it('follows symlinks before deciding', () => {
    expect(new PathConfinement(() => [join(tmp, 'link-to-parent')]).allows(join(tmp, 'outside.txt'))).toBe(true);
    expect(new PathConfinement(() => [served]).allows(join(tmp, 'link-to-parent', 'outside.txt'))).toBe(false);
  });

  it('reads the roots at every check, so new sources count at once', () => {
    const roots = [served];
    const c = new PathConfinement(() => roots);
    expect(c.allows(join(tmp, 'outside.txt'))).toBe(false);
    roots.push(tmp);
    expect(c.allows(join(tmp, 'outside.txt'))).toBe(true);
  });
});

describe('resolveStatic', () => {
  it('maps URL paths into the renderer folder and refuses any way out', () => {
    expect(resolveStatic('/srv/r', '/assets/app.js')).toBe('/srv/r/assets/app.js');
    for (const p of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc', '/a%00b', '/%E0%A4%A']) {
      expect(resolveStatic('/srv/r', p), p).toBeUndefined();
    }
  });
});
