/**
 * The electron-builder configuration, checked the way electron-builder
 * checks it before packaging (its validateConfiguration over its own
 * scheme.json). `electron-builder --dir` itself cannot run here: the
 * Electron binary is not installed on these offline machines.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../helpers/corpus';

const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  asarUnpack: string[];
  files: string[];
  win: { target: { target: string }[]; requestedExecutionLevel: string; icon: string };
  nsis: { perMachine: boolean; oneClick: boolean };
  linux: { target: string[]; executableName: string };
  mac: { target: string[] };
  fileAssociations: { ext: string[] }[];
  extraMetadata: { main: string };
};
const config = require(join(repoRoot, 'build/electron-builder.config.cjs')) as Config;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
};
const logger = { isEnabled: false, add: () => {} };

describe('build/electron-builder.config.cjs', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    await expect(validateConfiguration(structuredClone(config), logger)).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt option fails the same validation', async () => {
    await expect(validateConfiguration({ ...structuredClone(config), nsis: { ...config.nsis, perMachien: true } }, logger)).rejects.toThrow(/does not match the API schema[\s\S]*configuration\.nsis/);
  });

  it('targets NSIS + portable, AppImage + deb, and dmg, with a per-machine install', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.executableName).toBe('dumpdesk-app');
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.fileAssociations[0]!.ext).toEqual(['dmp', 'mdmp', 'hdmp']);
  });

  it('unpacks regedit\'s scripts and better-sqlite3\'s native module from the asar, and rebuilds for Electron', () => {
    expect(config.asarUnpack).toEqual(['node_modules/regedit/vbs/**/*', 'node_modules/better-sqlite3/**/*.node']);
    expect(config.npmRebuild).toBe(true);
  });

  it('starts the bundled main process and ships the icon it names', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(config.files).toContain('dist/electron/**/*');
    expect(config.files).toContain('dist/renderer/**/*');
    expect(existsSync(join(repoRoot, config.win.icon))).toBe(true);
  });
});
