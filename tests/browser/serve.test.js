// `crosscheck serve` in a real browser: Debian's Chromium, driven by playwright-core.
//
//   node serve.test.js --crosscheck build/crosscheck --source-dir . --out-dir build/browser
//
// Ingests the bundled story and stream (and the hostile fixture) into a temporary
// store, starts `crosscheck serve` on a free loopback port, and walks it like a
// reader: the story list, a search, a story's brief, a citation chip to the
// article page (the cited sentence marked), back to the brief, the same by
// keyboard (Tab to a chip, Enter); then a hostile
// article. On every page nothing from an article runs or loads (no script, no
// Content-Security-Policy violation) and the stylesheet applies. Screenshots go
// to --out-dir (serve-*.png). SIGTERM must stop the server cleanly.
// Exits 0 when all pass, 1 on a failure, 77 (ctest's skip) when Chromium or
// playwright-core is missing.
'use strict';

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { setUp, check, finish, installTraps, launch } = require('./harness');

const { playwright, crosscheck, sourceDir, outDir } = setUp('serve.test.js');

// Nothing from an article ran or loaded on the page shown, and it is styled.
async function checkSafe(page, name) {
  const safety = await page.evaluate(() => ({
    pwned: window.__pwned,
    violations: window.__violations || [],
    scripts: document.querySelectorAll('script').length,
    foreign: document.querySelectorAll('img, iframe, object, embed, video, audio').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    badLinks: [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href'))
      .filter((h) => !(h.startsWith('#') || (h.startsWith('/') && !h.startsWith('//')) || /^https?:\/\//i.test(h))),
    styled: getComputedStyle(document.body).margin,
  }));
  check(safety.pwned === undefined, `${name}: article text ran (window.__pwned = ${safety.pwned})`);
  check(safety.violations.length === 0, `${name}: CSP violations: ${safety.violations.join('; ')}`);
  check(safety.scripts === 0, `${name}: ${safety.scripts} <script> element(s)`);
  check(safety.foreign === 0, `${name}: ${safety.foreign} element(s) that load something`);
  check(safety.handlers.length === 0, `${name}: event handler attributes: ${safety.handlers.join(', ')}`);
  check(safety.badLinks.length === 0, `${name}: links neither local nor http(s): ${safety.badLinks.join(', ')}`);
  check(safety.styled === '0px', `${name}: the stylesheet did not apply (body margin ${safety.styled})`);
}

// Starts the server; resolves with its base URL once it says where it listens.
function startServer(db) {
  const child = spawn(crosscheck, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.stderr.on('data', (d) => { out += d.toString(); });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, ready };
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve('timeout'); }, 10000);
    child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
    child.kill('SIGTERM');
  });
}

async function walk(context, base) {
  const page = await context.newPage();
  await page.addInitScript(installTraps);

  // The story list.
  await page.goto(base + '/');
  const stories = await page.locator('ol.stories li').count();
  check(stories >= 2, `home: ${stories} stories listed`);
  await checkSafe(page, 'home');
  await page.screenshot({ path: path.join(outDir, 'serve-home.png'), fullPage: true });

  // A search from the box in the top bar.
  await page.fill('header.bar input[name=q]', 'spillway');
  await Promise.all([page.waitForNavigation(), page.press('header.bar input[name=q]', 'Enter')]);
  check(new URL(page.url()).searchParams.get('q') === 'spillway', `search: at ${page.url()}`);
  const hits = await page.locator('ol.hits li').count();
  check(hits >= 1, `search: ${hits} hits`);
  check((await page.locator('ol.hits mark').count()) >= 1, 'search: no match marked in the snippets');
  await checkSafe(page, 'search');
  await page.screenshot({ path: path.join(outDir, 'serve-search.png'), fullPage: true });

  // The story of the first hit.
  await Promise.all([page.waitForNavigation(), page.click('ol.hits li .meta a')]);
  const storyUrl = page.url();
  check(/\/story\/\d+$/.test(storyUrl), `story: at ${storyUrl}`);
  const headline = await page.textContent('h1');
  check(headline && headline.length > 0, 'story: no headline');
  const chips = await page.locator('a.chip').count();
  check(chips >= 1, `story: ${chips} citation chips`);
  await checkSafe(page, 'story');
  await page.screenshot({ path: path.join(outDir, 'serve-story.png') });

  // A citation chip leads to the article, its sentence marked.
  const cited = await page.locator('a.chip').first().evaluate((a) => a.parentElement.querySelector('.tip-text').textContent);
  await Promise.all([page.waitForNavigation(), page.click('a.chip >> nth=0')]);
  check(/\/article\/\d+\?cite=/.test(page.url()), `article: at ${page.url()}`);
  const marked = await page.evaluate(() => {
    const p = document.getElementById('cited');
    return p ? { tag: p.tagName, text: p.textContent } : null;
  });
  check(marked && marked.tag === 'P', `article: no paragraph marked as cited (${JSON.stringify(marked)})`);
  check(marked && marked.text.replace(/\s+/g, ' ').includes(cited.replace(/\s+/g, ' ')),
        `article: the marked paragraph lacks the cited sentence "${cited}"`);
  check((await page.locator('.article-text span[class]').count()) >= 3, 'article: fewer than 3 names, dates or quotations marked');
  await checkSafe(page, 'article');
  await page.screenshot({ path: path.join(outDir, 'serve-article.png'), fullPage: true });

  // Back to the brief.
  await page.goBack();
  check(page.url() === storyUrl, `back: at ${page.url()}, not ${storyUrl}`);
  check((await page.textContent('h1')) === headline, 'back: another headline');

  // By keyboard: Tab from the top reaches a chip, Enter opens its article with the
  // cited paragraph in view.
  await page.goto(storyUrl);
  let chip = null;
  for (let presses = 1; presses <= 40 && !chip; presses++) {
    await page.keyboard.press('Tab');
    chip = await page.evaluate(() => (document.activeElement && document.activeElement.matches('a.chip')
      ? document.activeElement.getAttribute('href') : null));
  }
  check(chip !== null, 'keyboard: 40 presses of Tab never reach a citation chip on the story page');
  if (chip) {
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check(/\/article\/\d+\?cite=/.test(page.url()), `keyboard: Enter on a chip leads to ${page.url()}`);
    const inView = await page.evaluate(() => {
      const p = document.getElementById('cited');
      if (!p) return false;
      const r = p.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });
    check(inView, 'keyboard: the cited paragraph is not in view after Enter on a chip');
    await page.goBack();
  }

  // A hostile article and its story.
  await page.goto(base + '/?q=defaced');
  await checkSafe(page, 'hostile search');
  check((await page.locator('ol.hits li').count()) >= 1, 'hostile search: no hit');
  await Promise.all([page.waitForNavigation(), page.click('ol.hits li a.hit')]);
  await checkSafe(page, 'hostile article');
  const title = await page.textContent('h1');
  check(title.includes('<script>'), `hostile article: the title's markup is not shown as text (${title})`);
  await page.screenshot({ path: path.join(outDir, 'serve-hostile-article.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('.kicker a')]);
  await checkSafe(page, 'hostile story');
  await page.screenshot({ path: path.join(outDir, 'serve-hostile-story.png'), fullPage: true });

  // A phone's width needs no sideways scrolling on the list.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(base + '/?sort=new');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `phone: the story list is ${wide}px wide`);
  await page.screenshot({ path: path.join(outDir, 'serve-phone.png'), fullPage: true });
  await page.close();
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-serve-'));
  const db = path.join(tmp, 'news.db');
  execFileSync(crosscheck, ['ingest', '--db', db, 'examples/story/', 'examples/stream/', 'tests/browser/fixtures/hostile/'],
               { cwd: sourceDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const server = startServer(db);
  let context;
  try {
    const base = await server.ready;
    context = await launch(playwright, path.join(tmp, 'profile'));
    await walk(context, base);
  } finally {
    if (context) await context.close();
    const code = await stopServer(server.child);
    check(code === 0, `serve did not stop cleanly on SIGTERM (exit ${code})`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  finish(`screenshots in ${outDir}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
