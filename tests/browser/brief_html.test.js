// The HTML brief in a real browser: Debian's Chromium, driven by playwright-core.
//
//   node brief_html.test.js --crosscheck build/crosscheck --source-dir . --out-dir build/browser
//
// For the bundled example story and for a hostile fixture (markup, event handlers,
// javascript: addresses and a huge headline in titles, outlets and text) it writes
// the page with `crosscheck brief --format html`, opens it and checks that every
// citation chip leads to an element holding the sentence its tooltip shows, that
// the tooltip appears on hover and on keyboard focus and stays inside the window,
// that Tab from the top reaches a chip and Enter follows it to its sentence, that
// the source matrix has one row per fact and one column per outlet of the JSON
// brief (its articles named in the head), that the timeline draws one mark per event, that nothing from an article runs or loads (no script,
// no event handler, no Content-Security-Policy violation: the stylesheet's hash is
// right), that a phone's width needs no sideways scrolling, and it saves
// screenshots (light, dark, print, tooltip, phone) into --out-dir.
// Exits 0 when all pass, 1 on a failure, 77 (ctest's skip) when Chromium or
// playwright-core is missing.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { setUp, check, finish, installTraps, launch } = require('./harness');

const { playwright, crosscheck, sourceDir, outDir } = setUp('brief_html.test.js');

// The brief of `inputs` as HTML (a file in outDir) and as parsed JSON.
function brief(name, inputs) {
  const html = path.join(outDir, `${name}.html`);
  execFileSync(crosscheck, ['brief', '--format', 'html', '-o', html, ...inputs], { cwd: sourceDir, stdio: ['ignore', 'ignore', 'ignore'] });
  const json = execFileSync(crosscheck, ['brief', '--format', 'json', ...inputs], { cwd: sourceDir, stdio: ['ignore', 'pipe', 'ignore'] });
  return { html, json: JSON.parse(json.toString('utf8')) };
}

async function checkPage(context, name, { html, json }) {
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.addInitScript(installTraps);
  await page.goto('file://' + html);
  await page.waitForLoadState('load');

  // Nothing from an article runs, and nothing is fetched.
  const safety = await page.evaluate(() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*'))
      for (const a of el.attributes) if (a.name.toLowerCase().startsWith('on')) handlers.push(`${el.tagName} ${a.name}`);
    const badLinks = [...document.querySelectorAll('[href]')]
      .map((a) => a.getAttribute('href'))
      .filter((h) => !(h.startsWith('#') || /^https?:\/\//i.test(h)));
    return {
      pwned: window.__pwned,
      violations: window.__violations,
      scripts: document.querySelectorAll('script').length,
      foreign: document.querySelectorAll('img, iframe, object, embed, form, input, link, base, video, audio').length,
      handlers,
      badLinks,
      styled: getComputedStyle(document.querySelector('h2')).textTransform,
    };
  });
  check(safety.pwned === undefined, `${name}: article text ran (window.__pwned = ${safety.pwned})`);
  check(safety.violations.length === 0, `${name}: CSP violations: ${safety.violations.join('; ')}`);
  check(safety.scripts === 0, `${name}: ${safety.scripts} <script> element(s) on the page`);
  check(safety.foreign === 0, `${name}: ${safety.foreign} element(s) that load or submit`);
  check(safety.handlers.length === 0, `${name}: event handler attributes: ${safety.handlers.join(', ')}`);
  check(safety.badLinks.length === 0, `${name}: links that are neither #anchors nor http(s): ${safety.badLinks.join(', ')}`);
  check(safety.styled === 'uppercase', `${name}: the stylesheet did not apply (h2 text-transform ${safety.styled})`);
  check(requests.length === 0, `${name}: the page fetched ${requests.join(', ')}`);

  // Every chip leads to an element holding the sentence its tooltip shows.
  const chips = await page.evaluate(() =>
    [...document.querySelectorAll('a.chip')].map((a) => {
      const id = a.getAttribute('href').slice(1);
      const target = document.getElementById(id);
      const tip = a.parentElement.querySelector('.tip-text');
      return { id, found: !!target, target: target ? target.textContent.trim() : null, tip: tip ? tip.textContent.trim() : null };
    }));
  const summaryChips = json.summary.reduce((n, s) => n + s.sources.length, 0);
  check(chips.length >= summaryChips, `${name}: ${chips.length} chips, fewer than the ${summaryChips} summary citations`);
  for (const c of chips) {
    check(c.found, `${name}: chip #${c.id} leads nowhere`);
    check(c.found && c.tip && c.target === c.tip, `${name}: chip #${c.id} shows "${c.tip}" but leads to "${c.target}"`);
  }
  // Each summary sentence's chips show the cited sentences of the JSON, source by source.
  const summary = await page.evaluate(() =>
    [...document.querySelectorAll('#summary p.sentence')].map((p) =>
      [...p.querySelectorAll('.cite')].map((c) => [c.querySelector('a.chip').textContent, c.querySelector('.tip-text').textContent])));
  check(summary.length === json.summary.length, `${name}: ${summary.length} summary sentences on the page, ${json.summary.length} in JSON`);
  json.summary.forEach((s, i) => {
    const shown = (summary[i] || []).map(([id]) => id).join(',');
    check(shown === s.sources.join(','), `${name}: summary sentence ${i + 1} cites ${shown}, JSON ${s.sources.join(',')}`);
    for (const c of s.cited) {
      const tip = (summary[i] || []).find(([id]) => id === c.source);
      check(tip && tip[1] === c.text, `${name}: summary sentence ${i + 1}, ${c.source}: tooltip differs from its cited sentence`);
    }
  });

  // From the top of the page, Tab reaches a citation chip (its sentence shows), and
  // Enter follows it: the cited sentence is the target, scrolled into the window.
  if (chips.length > 0) {
    let reached = null;
    for (let presses = 1; presses <= 40 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || !a.matches('a.chip')) return null;
        const tip = a.parentElement.querySelector('.tip');
        return { href: a.getAttribute('href'), tip: a.parentElement.querySelector('.tip-text').textContent,
                 tipShown: getComputedStyle(tip).display !== 'none' };
      });
    }
    check(reached !== null, `${name}: 40 presses of Tab never reach a citation chip`);
    if (reached) {
      check(reached.tipShown, `${name}: the chip reached by Tab does not show its sentence`);
      await page.keyboard.press('Enter');
      await page.waitForFunction((h) => window.location.hash === h, reached.href, { timeout: 5000 }).catch(() => {});
      const followed = await page.evaluate(() => {
        const t = document.querySelector(':target');
        if (!t) return null;
        const r = t.getBoundingClientRect();
        return { id: t.id, text: t.textContent.trim(), shown: r.top >= 0 && r.top < window.innerHeight };
      });
      check(followed && '#' + followed.id === reached.href, `${name}: Enter on a chip leads to ${followed && followed.id}, not ${reached.href}`);
      check(followed && followed.text === reached.tip.trim(), `${name}: Enter on a chip lands on "${followed && followed.text}"`);
      check(followed && followed.shown, `${name}: the sentence Enter led to is not scrolled into the window`);
      await page.screenshot({ path: path.join(outDir, `${name}-keyboard.png`) });
      await page.evaluate(() => { window.location.hash = ''; window.scrollTo(0, 0); });
    }
  }

  // The tooltip shows on hover and on keyboard focus; a click lands on the sentence.
  if (chips.length > 0) {
    const first = page.locator('#summary a.chip').first();
    const tipOf = page.locator('#summary .cite').first().locator('.tip');
    check(!(await tipOf.isVisible()), `${name}: a tooltip shows before any hover`);
    await first.hover();
    check(await tipOf.isVisible(), `${name}: hovering a chip does not show its sentence`);
    await page.screenshot({ path: path.join(outDir, `${name}-tooltip.png`) });
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await first.focus();
    check(await tipOf.isVisible(), `${name}: focusing a chip with the keyboard does not show its sentence`);
    await first.click();
    const landed = await page.evaluate(() => {
      const t = document.querySelector(':target');
      return t ? t.id : null;
    });
    check(landed === chips[0].id, `${name}: clicking the first chip lands on ${landed}, not ${chips[0].id}`);
    await page.evaluate(() => { window.location.hash = ''; window.scrollTo(0, 0); });
    // Wherever a chip falls on its line, its tooltip stays inside the window.
    const all = page.locator('a.chip');
    const width = page.viewportSize().width;
    for (let i = 0; i < Math.min(await all.count(), 80); i++) {
      await page.mouse.move(0, 0);
      await all.nth(i).hover({ timeout: 5000 });
      const box = await all.nth(i).locator('xpath=following-sibling::span[@class="tip"]').boundingBox();
      check(box !== null, `${name}: chip ${i + 1} shows no tooltip on hover`);
      if (box) check(box.x >= 0 && box.x + box.width <= width, `${name}: chip ${i + 1}'s tooltip leaves the window`);
    }
    await page.mouse.move(0, 0);
  }

  // The source matrix: one row per fact, one column per outlet (an article naming
  // none: its independent source), each head naming its articles, each cell a mark
  // or silent; a fact's own sources never show silent.
  const matrix = await page.evaluate(() => {
    const table = document.querySelector('table.matrix');
    if (!table) return null;
    return {
      heads: [...table.querySelectorAll('thead th.outlet')].map((th) => [...th.querySelectorAll('.ids a')].map((a) => a.textContent)),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => (td.children.length === 0 ? 'silent' : td.firstElementChild.className))),
      deadLinks: [...table.querySelectorAll('a[href^="#"]')].filter((a) => !document.getElementById(a.getAttribute('href').slice(1))).length,
    };
  });
  if (json.facts.length === 0) {
    check(matrix === null, `${name}: a matrix without facts`);
  } else {
    check(matrix !== null, `${name}: no source matrix`);
    if (matrix) {
      const columns = new Map();
      for (const a of json.articles) {
        const key = a.outlet ? 'outlet ' + a.outlet.replace(/[A-Z]/g, (c) => c.toLowerCase()) : 'source ' + (a.source || a.id);
        if (!columns.has(key)) columns.set(key, []);
        columns.get(key).push(a.id);
      }
      const expected = [...columns.values()];
      check(matrix.rows.length === json.facts.length, `${name}: matrix has ${matrix.rows.length} rows, the brief ${json.facts.length} facts`);
      check(matrix.heads.length === expected.length, `${name}: matrix has ${matrix.heads.length} columns, the brief ${expected.length} outlets`);
      matrix.heads.forEach((ids, c) => {
        const want = (expected[c] || []).slice(0, ids.length).join(',');
        check(ids.length > 0 && ids.join(',') === want, `${name}: column ${c + 1} names ${ids.join(',')}, not ${want}`);
      });
      matrix.rows.forEach((cells, r) => {
        check(cells.length === expected.length, `${name}: matrix row ${r + 1} has ${cells.length} cells for ${expected.length} outlets`);
        check(cells.every((c) => ['states', 'differs', 'silent'].includes(c)), `${name}: matrix row ${r + 1}: ${cells.join(' ')}`);
        expected.forEach((ids, c) => {
          if (ids.some((id) => json.facts[r].sources.includes(id)))
            check(cells[c] !== 'silent', `${name}: matrix row ${r + 1} shows ${ids.join(',')} silent on its own fact`);
        });
      });
      check(matrix.deadLinks === 0, `${name}: ${matrix.deadLinks} matrix link(s) lead nowhere`);
    }
  }

  // The timeline: one mark per event, each linked to its line in the list.
  const timeline = await page.evaluate(() => ({
    marks: document.querySelectorAll('svg.timeline circle.event').length,
    events: document.querySelectorAll('ol.events li').length,
  }));
  check(timeline.events === json.timeline.length, `${name}: ${timeline.events} timeline events, JSON ${json.timeline.length}`);
  check(timeline.marks === json.timeline.length, `${name}: ${timeline.marks} timeline marks for ${json.timeline.length} events`);

  // Conflicts: each claim's sentence is on the page with its value marked.
  const marks = await page.evaluate(() => [...document.querySelectorAll('#conflicts mark')].map((m) => m.textContent));
  const claims = json.conflicts.flatMap((c) => c.claims).filter((c) => c.text.includes(c.value));
  check(marks.length === claims.length, `${name}: ${marks.length} marked values for ${claims.length} conflict claims`);

  await page.screenshot({ path: path.join(outDir, `${name}-light.png`), fullPage: true });
  // On a phone's width the page does not scroll sideways (wide tables scroll inside).
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `${name}: at 390 px the page is ${overflow} px too wide`);
  await page.screenshot({ path: path.join(outDir, `${name}-phone.png`) });
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  check(dark !== 'rgb(251, 250, 247)', `${name}: the dark theme keeps the light background`);
  await page.screenshot({ path: path.join(outDir, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
  const print = await page.evaluate(() => ({
    nav: getComputedStyle(document.querySelector('nav.contents')).display,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
  check(print.nav === 'none', `${name}: the contents bar is printed`);
  check(print.background === 'rgb(255, 255, 255)', `${name}: print background is ${print.background}, not white`);
  await page.screenshot({ path: path.join(outDir, `${name}-print.png`), fullPage: true });
  await page.close();
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-chromium-'));
  let context;
  try {
    context = await launch(playwright, profile);
    await checkPage(context, 'example', brief('example', ['examples/story/']));
    await checkPage(context, 'hostile', brief('hostile', ['tests/browser/fixtures/hostile/']));
  } finally {
    if (context) await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  finish(`pages and screenshots in ${outDir}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
