// What the browser tests share: their flags, the skip when Chromium or
// playwright-core is missing (exit 77, ctest's skip), a check that counts
// failures, the traps a page gets before any of its scripts could run, and
// Debian's Chromium launched headless with a fresh profile and no background
// networking (this machine's network is closed).
'use strict';

const fs = require('fs');
const path = require('path');

const kSkip = 77;
const kChromium = process.env.CROSSCHECK_CHROMIUM || '/usr/bin/chromium';

function flag(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(kSkip);
}

// The flags of a test script named `script`, playwright-core, and the exit with a
// skip or a usage error when something is missing.
function setUp(script) {
  const crosscheck = flag('--crosscheck');
  const sourceDir = path.resolve(flag('--source-dir', path.join(__dirname, '..', '..')));
  const outDir = path.resolve(flag('--out-dir', path.join(sourceDir, 'build', 'browser')));
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch (e) {
    skip(`playwright-core is not installed (run 'npm ci' in tests/browser): ${e.message.split('\n')[0]}`);
  }
  if (!fs.existsSync(kChromium)) skip(`no Chromium at ${kChromium} (apt-get install chromium)`);
  if (!crosscheck || !fs.existsSync(crosscheck)) {
    console.error(`${script}: --crosscheck must name the built crosscheck binary (got ${crosscheck})`);
    process.exit(2);
  }
  return { playwright, crosscheck, sourceDir, outDir };
}

let failures = 0;
function check(condition, message) {
  if (!condition) {
    failures++;
    console.error(`FAIL: ${message}`);
  }
}

// Exits 1 when a check failed, else says where the artefacts are.
function finish(artefacts) {
  if (failures > 0) {
    console.error(`${failures} check(s) failed; ${artefacts}`);
    process.exit(1);
  }
  console.log(`all checks passed; ${artefacts}`);
}

// Before any page script could run: a trap for anything that runs, and a record of
// every Content-Security-Policy violation.
function installTraps() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
  window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };
}

function launch(playwright, profile) {
  return playwright.chromium.launchPersistentContext(profile, {
    executablePath: kChromium,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

module.exports = { setUp, check, finish, installTraps, launch };
