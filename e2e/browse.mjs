// Browser checks on a generated site: screenshots, click-through, axe on every page, search,
// no horizontal scroll on phones, no seed file name outside the build report, no outside requests.
// Usage: node browse.mjs SITE_DIR OUT_DIR      (CHROMIUM_PATH overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [site, out] = process.argv.slice(2, 4).map((p) => path.resolve(p));
if (!process.argv[3]) { console.error('usage: node browse.mjs SITE_DIR OUT_DIR'); process.exit(2); }
fs.mkdirSync(out, { recursive: true });
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const topicLink = 'a[href*="topics/"][href$=".html"]:visible';
const articleLink = 'a[href*="articles/"][href$=".html"]:visible';
const resultLink = process.env.SEARCH_RESULT || 'main a[href*="articles/"]:visible';

let failed = 0;
async function check(name, fn) {
  try {
    const detail = await fn();
    console.log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message.split('\n').join('\n     ')}`);
  }
}
const warn = (msg) => console.log(`WARN ${msg}`);
const rel = (u) => decodeURIComponent(u).replace(base, '');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// Every page comes from here, so every request, failure and script error is recorded.
const requests = [], problems = [];
async function newPage(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(10_000);
  // Each request with the page it came from: a file:// page may still fetch its icon late.
  page.on('request', (r) => requests.push({ url: r.url(), page: page.url() }));
  // A request cut short because the page navigated away (ERR_ABORTED) is not a failure.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText} (page ${page.url()})`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
  return page;
}

// Click the first visible link matching selector and wait until the browser has left the page.
async function follow(page, selector, want) {
  const before = page.url();
  const link = page.locator(selector).first();
  if (!(await link.count())) throw new Error(`no link ${selector} on ${rel(before)}`);
  await link.click();
  await page.waitForURL((u) => u.href !== before);
  await page.waitForLoadState('load');
  if (!want.test(page.url())) throw new Error(`clicked ${selector} on ${rel(before)}, landed on ${rel(page.url())}`);
  return page.url();
}

async function clickThrough(page, index) {
  await page.goto(index);
  const topic = await follow(page, topicLink, /\/topics\/[^/]+\.html$/);
  const article = await follow(page, articleLink, /\/articles\/[^/]+\.html$/);
  const back = await follow(page, topicLink, /\/topics\/[^/]+\.html$/);
  return { topic, article, back };
}

async function axeCheck(page, url) {
  await page.goto(url);
  await page.addScriptTag({ content: axeSource });
  // preload off: over file:// axe's re-fetch of the stylesheets fails (file: is an opaque origin)
  const { violations } = await page.evaluate(() => axe.run(document, { preload: false }));
  if (violations.length) {
    throw new Error(violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n  `
      + v.nodes.map((n) => n.target.join(' ')).join('\n  ')).join('\n'));
  }
}

// Type the longest 6+ letter word of the article's <h1> into search.html and follow the first result.
async function searchCheck(page, searchUrl, word) {
  await page.goto(searchUrl);
  await page.locator('input[type=search]').first().pressSequentially(word, { delay: 20 });
  const first = page.locator(resultLink).first();
  await first.waitFor().catch(() => { throw new Error(`no result link (${resultLink}) after typing "${word}"`); });
  const href = await first.getAttribute('href');
  await follow(page, resultLink, /\/articles\/[^/]+\.html$/);
  return `"${word}" -> ${href}`;
}

async function wordFrom(page, articleUrl) {
  await page.goto(articleUrl);
  const h1 = (await page.locator('h1').first().textContent()) ?? '';
  const words = h1.match(/\p{L}{6,}/gu) ?? [];
  if (!words.length) throw new Error(`no word of 6+ letters in <h1> "${h1.trim()}" of ${rel(articleUrl)}`);
  return words.reduce((a, b) => (b.length > a.length ? b : a));
}

function outsideRequests(allowed, fromPage = () => true) {
  const bad = requests.filter((r) => fromPage(r.page) && !allowed(r.url)).map((r) => r.url);
  if (bad.length) throw new Error(`${bad.length} outside request(s):\n${[...new Set(bad)].join('\n')}`);
  if (problems.length) throw new Error([...new Set(problems)].join('\n'));
  return `${requests.length} requests`;
}

// ---- 1. file:// ---------------------------------------------------------------------------------
let base = pathToFileURL(site).href + '/';
const exists = (f) => fs.existsSync(path.join(site, f));
const firstFile = (dir) => (fs.existsSync(path.join(site, dir))
  ? fs.readdirSync(path.join(site, dir)).filter((f) => f.endsWith('.html')).sort()[0] : undefined);
let visited = {}, word;

const wide = await newPage(1280, 800);
await check('file: click-through index -> topic -> article -> topic', async () => {
  visited = await clickThrough(wide, base + 'index.html');
  return Object.values(visited).map(rel).join(' -> ');
});
// One page of each kind, by the path it has in the site.
const topicFile = firstFile('topics'), articleFile = firstFile('articles');
const allHtml = (dir = '') => fs.readdirSync(path.join(site, dir), { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? allHtml(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []).sort();
// 404.html carries <base href="base_url">, for GitHub Pages: opened from disk it would load the
// stylesheet from that host, so the Nu checker checks it and the browser does not open it.
const pages = allHtml().filter((p) => p !== '404.html');
const firstOf = (re) => pages.find((p) => re.test(p));
const kinds = {
  front: 'index.html',
  edition: firstOf(/^editions\/\d{4}-\d\d-\d\d\.html$/),
  editions: firstOf(/^editions\/index\.html$/),
  topic: visited.topic ? rel(visited.topic) : topicFile && `topics/${topicFile}`,
  'topic page 2': firstOf(/^topics\/[^/]+\/page\/2\.html$/),
  article: visited.article ? rel(visited.article) : articleFile && `articles/${articleFile}`,
  cluster: firstOf(/^stories\//),
  people: firstOf(/^people\/index\.html$/),
  person: pages.find((p) => p.startsWith('people/') && !p.endsWith('index.html')),
  quotes: 'quotes.html', figures: 'figures.html', timeline: 'timeline.html', briefing: 'briefing.html',
  search: 'search.html', report: 'report.html', offline: 'offline.html',
};

await check('file: screenshots (390 and 1280 px: front page, topic, article, cluster, briefing)', async () => {
  const narrow = await newPage(390, 844);
  for (const [page, size] of [[narrow, '390x844'], [wide, '1280x800']]) {
    for (const kind of ['front', 'topic', 'article', 'cluster', 'briefing']) {
      if (!kinds[kind] || !exists(kinds[kind])) continue;
      await page.goto(base + kinds[kind]);
      await page.screenshot({ path: path.join(out, `${kind}-${size}.png`), fullPage: true });
    }
  }
  await narrow.close();
  return fs.readdirSync(out).filter((f) => f.endsWith('.png')).join(' ');
});

// Phones: no page kind scrolls sideways at 360 or 390 px (long words and paths wrap).
for (const width of [360, 390]) {
  await check(`file: no horizontal scroll at ${width} px on any kind of page`, async () => {
    const phone = await newPage(width, 800);
    const wider = [];
    for (const [kind, file] of Object.entries(kinds)) {
      if (!file || !exists(file)) { if (!['topic page 2', 'cluster', 'person', 'edition'].includes(kind)) wider.push(`${kind}: missing`); continue; }
      await phone.goto(base + file);
      const w = await phone.evaluate(() => document.documentElement.scrollWidth);
      if (w > width) wider.push(`${file} is ${w} px wide`);
    }
    await phone.close();
    if (wider.length) throw new Error(wider.join('\n'));
    return `${Object.values(kinds).filter(Boolean).length} kinds`;
  });
}

// Every page once: axe, and seed file names, which are provenance: only report.html and an
// article's collapsed provenance may show them.
const report = exists('report.html') ? fs.readFileSync(path.join(site, 'report.html'), 'utf8') : '';
const seedNames = [...new Set([...report.matchAll(/<h2 id="file-\d+"><code>([^<]+)<\/code>/g)]
  .map((m) => m[1].replace(/&#x2F;|&#47;/g, '/').split('/').pop()))];
if (!seedNames.length) warn('seed names: report.html lists no file (built with --no-ingest?), not looked for');
const named = [], axeFailures = [];
for (const file of pages) {
  try { await axeCheck(wide, base + file); } catch (e) { axeFailures.push(`${file}: ${e.message}`); }
  if (file === 'report.html') continue;
  const text = await wide.evaluate(() => document.body.innerText);
  for (const name of seedNames) if (text.includes(name)) named.push(`${file}: ${name}`);
}
await check(`axe on every page (${pages.length})`, async () => {
  if (axeFailures.length) throw new Error(axeFailures.slice(0, 10).join('\n'));
  return `${pages.length} pages, 0 violations`;
});
await check(`file: no visible text outside report.html names a seed file (${seedNames.length} names)`, async () => {
  if (named.length) throw new Error(named.slice(0, 20).join('\n'));
  return `${pages.length - 1} pages`;
});
const axePages = { article: kinds.article && base + kinds.article };

if (!exists('search.html')) warn('search: no search.html yet, skipped');
else if (!axePages.article) warn('search: no article page to take a word from, skipped');
else {
  await check('file: search', async () => {
    word = await wordFrom(wide, axePages.article);
    return searchCheck(wide, base + 'search.html', word);
  });
  // One letter left out of a word of six letters or more still finds the story, highlighted.
  await check('file: search forgives a typo and highlights what it matched', async () => {
    const typo = word.slice(0, 3) + word.slice(4);
    await wide.goto(base + 'search.html');
    await wide.locator('input[type=search]').first().fill(typo);
    const first = wide.locator(resultLink).first();
    await first.waitFor().catch(() => { throw new Error(`no result for "${typo}" (from "${word}")`); });
    const marks = await wide.locator('#search-results mark').count();
    if (!marks) throw new Error(`results for "${typo}" highlight nothing`);
    return `"${typo}" -> ${await first.getAttribute('href')}, ${marks} marks`;
  });
}
await check('file: no request outside file:/data:/blob:', () => outsideRequests((u) => /^(file|data|blob):/.test(u)));

// ---- 2. http://127.0.0.1:PORT/digest/ (as under a GitHub Pages project path) -------------------
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.xml': 'application/xml', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let file = url.pathname.startsWith('/digest/')
    && path.join(site, decodeURIComponent(url.pathname.slice('/digest/'.length)));
  if (file && file !== site && !file.startsWith(site + path.sep)) file = null;   // no way out of the site folder
  if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!file || !fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
base = `http://127.0.0.1:${server.address().port}/digest/`;
requests.length = problems.length = 0;

await check('http: click-through index -> topic -> article -> topic', async () => {
  const v = await clickThrough(wide, base + 'index.html');
  return Object.values(v).map(rel).join(' -> ');
});
if (word) await check('http: search', () => searchCheck(wide, base + 'search.html', word));
await check('http: no request outside 127.0.0.1', () => outsideRequests((u) =>
  /^(data|blob):/.test(u) || new URL(u).hostname === '127.0.0.1', (p) => !p.startsWith('file:')));

await browser.close();
server.close();
console.log(failed ? `browse: ${failed} check(s) FAILED` : 'browse: all checks passed');
process.exit(failed ? 1 : 0);
