// Measures pages of a generated site: height at 1280 px and 390 px, printed A4 page count
// (Chromium's own PDF), and the widest page width at 360 and 390 px.
// Usage: node measure.mjs SITE_DIR [PAGE...]        e.g. node measure.mjs ../public index.html briefing.html
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [site, ...pages] = process.argv.slice(2);
if (!site) { console.error('usage: node measure.mjs SITE_DIR [PAGE...]'); process.exit(2); }
const base = pathToFileURL(path.resolve(site)).href + '/';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const name of pages.length ? pages : ['index.html', 'briefing.html']) {
  const row = { page: name };
  for (const width of [1280, 390, 360]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(base + name);
    const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    row[`height@${width}`] = size.h;
    row[`width@${width}`] = size.w;
    if (width === 1280) {
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      row.printed_pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    }
    await page.close();
  }
  console.log(JSON.stringify(row));
}
await browser.close();
