/**
 * Renders resources/icons/dumpdesk.svg to the PNG sizes electron-builder
 * needs (512 for Linux/macOS/Windows; it derives .ico and .icns from it),
 * in headless Chromium: `node bin/run-ts.js build/renderIcon.ts`.
 * The PNGs are committed; run this again after changing the SVG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const icons = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const svg = readFileSync(join(icons, 'dumpdesk.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  for (const size of [512, 256]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    const name = size === 512 ? 'dumpdesk.png' : `dumpdesk-${size}.png`;
    writeFileSync(join(icons, name), png);
    process.stdout.write(`wrote resources/icons/${name}\n`);
    await page.close();
  }
} finally {
  await browser.close();
}
