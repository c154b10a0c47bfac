import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { backupsDir, defaultRegistryFile, userDataDir } from '../../../../../electron/services/paths';

describe('userDataDir', () => {
  it('DUMPDESK_HOME wins on every platform', () => {
    expect(userDataDir({ DUMPDESK_HOME: '/tmp/dd' }, 'win32')).toBe('/tmp/dd');
    expect(defaultRegistryFile({ DUMPDESK_HOME: '/tmp/dd' }, 'linux')).toBe(join('/tmp/dd', 'dumpdesk-registry.reg'));
    expect(backupsDir({ DUMPDESK_HOME: '/tmp/dd' }, 'linux')).toBe(join('/tmp/dd', 'backups'));
  });

  it('%APPDATA%\\DumpDesk on Windows, ~/.config/dumpdesk (or $XDG_CONFIG_HOME) elsewhere', () => {
    expect(userDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\me\\AppData\\Roaming', 'DumpDesk'));
    expect(userDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'dumpdesk'));
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'darwin')).toBe(join('/x', 'dumpdesk'));
  });
});
