// End-to-end harness: the built renderer served by the real web host over a
// temporary crash history made from corpus copies, driven in Debian's
// Chromium through playwright-core (never a downloaded browser).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startServe, type ServeApp } from '../../electron/web/serveApp';
import { corpusPath, repoRoot } from '../helpers/corpus';

export const artifactsDir = join(repoRoot, 'tests', 'e2e', 'artifacts');
export const CHROMIUM = '/usr/bin/chromium';

/** Flags the machine needs: no sandbox as root, no background connections to a closed network. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, headless, with the flags above. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Harness {
  url: string;
  dumpsDir: string;
  /** DUMPDESK_HOME of this run (the registry stand-in is registryFile(home)). */
  home: string;
  app: ServeApp;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Builds the renderer once per run into a temp folder (vite.config.ts at the root when present). */
export async function buildRenderer(outDir: string): Promise<void> {
  const configFile = existsSync(join(repoRoot, 'vite.config.ts')) ? join(repoRoot, 'vite.config.ts') : false;
  await build({
    configFile,
    root: join(repoRoot, 'renderer'),
    base: './',
    logLevel: 'warn',
    ...(configFile ? {} : { plugins: [(await import('@vitejs/plugin-vue')).default()] }),
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
}

export const HISTORY_DUMPS = [
  ['kernel', '083125-14875-01.dmp'], ['kernel', 'rizinorg_triage_arm64.dmp'],
  ['user', 'minidump2.dmp'], ['user', 'test.dmp'], ['user', 'null_read_av.dmp'], ['user', 'null_write_av.dmp'],
  ['user', 'stack_exhaustion.dmp'], ['user', 'tiny-exe-fastfail.dmp'], ['user', 'zuohuiyang_electron.dmp'], ['user', 'UE4Minidump.dmp'],
] as const;

export interface HarnessOptions {
  allowSettings?: boolean;
  /** Corpus files copied into the watched folder; default HISTORY_DUMPS ([] = an empty history). */
  dumps?: readonly (readonly [folder: 'user' | 'kernel', file: string])[];
  /** Text of the .reg file that stands in for the registry (off Windows), written as regedit does. */
  registry?: string;
}

export async function startHarness(rendererDir: string, options: HarnessOptions = {}): Promise<Harness> {
  const work = mkdtempSync(join(tmpdir(), 'dumpdesk-e2e-'));
  const dumpsDir = join(work, 'dumps');
  mkdirSync(dumpsDir);
  for (const [folder, file] of options.dumps ?? HISTORY_DUMPS) copyFileSync(corpusPath(folder, file), join(dumpsDir, basename(file)));
  // A user-data folder of its own (registry stand-in, backups, symbol path): never the real one.
  const home = join(work, 'home');
  mkdirSync(home);
  if (options.registry !== undefined) writeFileSync(registryFile(home), regeditBytes(options.registry));
  const previousHome = process.env.DUMPDESK_HOME;
  process.env.DUMPDESK_HOME = home;
  const app = await startServe({ port: 0, dirs: [dumpsDir], db: join(work, 'history.sqlite'), allowSettings: options.allowSettings ?? false, staticDir: rendererDir });
  await app.historyReady;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    url: app.host.url,
    dumpsDir,
    home,
    app,
    browser,
    page,
    async close() {
      await browser.close();
      await app.close();
      if (previousHome === undefined) delete process.env.DUMPDESK_HOME;
      else process.env.DUMPDESK_HOME = previousHome;
      rmSync(work, { recursive: true, force: true });
      if (errors.length) throw new Error(`uncaught errors in the page: ${errors.join('; ')}`);
    },
  };
}

/** The .reg file the web host uses as the registry off Windows (electron/services/paths.ts). */
export function registryFile(home: string): string {
  return join(home, 'dumpdesk-registry.reg');
}

/** regedit's export encoding: UTF-16LE with a byte-order mark, CRLF line ends. */
function regeditBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
