// Browser checks of the dashboard in headless Chromium (Debian's, through
// playwright-core): starts the built `hegemony serve` on a free loopback
// port with a temporary evidence store (one document carries a script tag)
// and an empty user knowledge base (the shipped facts are compiled in),
// then walks the pages as a person would. Screenshots go to
// $CARGO_TARGET_DIR/browser-shots/ (or $SHOTS). Exits 1 if a check fails.
//
//   HEGEMONY_BIN=target/debug/hegemony DATA_DIR=../shared/data node run.mjs

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../../../..');
const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const bin = process.env.HEGEMONY_BIN || path.join(target, 'debug', 'hegemony');
const dataDir = process.env.DATA_DIR || '';
const shots = process.env.SHOTS || path.join(target, 'browser-shots');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const deadline = Date.now() + 8 * 60 * 1000; // the whole run, at most

fs.mkdirSync(shots, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hegemony-browser-'));
const kbDir = path.join(tmp, 'kb');
fs.mkdirSync(kbDir);
const store = path.join(tmp, 'evidence.sqlite');
const tokenFile = path.join(tmp, 'token');
const TOKEN = 'browser-test-token-' + process.pid;
fs.writeFileSync(tokenFile, TOKEN + '\n');
const XSS = '<script>window.__xss=1</script>';
fs.writeFileSync(path.join(tmp, 'xss-note.txt'),
  'Yerevan, 14 November 2016. Russia and Armenia signed the agreement on the joint group of forces.\n\n' +
  `A commentator pasted ${XSS} and <img src=x onerror="window.__xss=2"> into this note; ` +
  'the Collective Security Treaty Organization met in Yerevan.\n');
const env = { ...process.env, HEGEMONY_KB: kbDir, HEGEMONY_KB_DB: path.join(tmp, 'kb.sqlite') };
const docs = [path.join(tmp, 'xss-note.txt')];
const sharedDoc = path.join(root, '..', 'shared', 'documents', '001_faa3d106a0f3d9e8.txt');
if (fs.existsSync(sharedDoc)) docs.push(sharedDoc);
execFileSync(bin, ['--quiet', 'evidence', '--store', store, 'ingest', ...docs], { env, stdio: ['ignore', 'ignore', 'inherit'] });

// ---- the server ----------------------------------------------------------
const args = ['serve', '--addr', '127.0.0.1:0', '--store', store, '--token-file', tokenFile,
  '--kb-file', path.join(kbDir, 'evidence.toml'), '--timeout', '120'];
if (dataDir) args.unshift('--data-dir', dataDir);
/** Starts `hegemony serve` with `args`; resolves to its base URL and the process. */
async function startServer(args) {
  const server = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let serverLog = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start in 120 s:\n' + serverLog)), 120000);
    server.stderr.on('data', (d) => {
      serverLog += d;
      const m = /serving (http:\/\/[^/\s]+)\//.exec(serverLog);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${serverLog}`)));
  });
  return { url, server };
}
const { url: base, server } = await startServer(args);
console.log(`server: ${base}`);

let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
}
async function step(name, fn) {
  if (Date.now() > deadline) { check(name, false, '(out of time)'); return; }
  try { await fn(); } catch (e) { check(name, false, String(e && e.stack || e)); }
}
const api = async (p, opts) => (await fetch(base + '/api/v1' + p, opts)).json();

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
const problems = [];
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
// Error answers the checks provoke on purpose: a search naming a hostile actor (400), a what-if
// with invalid TOML (400) and a review without the token (401). One more is the browser's own:
// it asks for /favicon.ico, which the dashboard does not have (404). Any other error answer (a
// 404 for an asset, a 500 from the API) or a request that got no answer is a problem.
const PROVOKED = [
  { method: 'GET', path: '/api/v1/evidence/search', status: 400 },
  { method: 'POST', path: '/api/v1/whatif', status: 400 },
  { method: 'POST', path: '/api/v1/evidence/review', status: 401 },
  // Playwright does not report the browser's own favicon request as a response: only its console line.
  { method: 'GET', path: '/favicon.ico', status: 404, browserOwn: true },
];
const provokedUrls = new Set();
page.on('response', (r) => {
  if (r.status() < 400) return;
  const method = r.request().method();
  const pathname = new URL(r.url()).pathname;
  if (PROVOKED.some((e) => e.method === method && e.path === pathname && e.status === r.status())) provokedUrls.add(r.url());
  else problems.push(`HTTP ${r.status()} for ${method} ${r.url()}`);
});
// A request cut short by the next navigation (net::ERR_ABORTED) is the test moving on, not a fault.
page.on('requestfailed', (r) => {
  const why = r.failure() ? r.failure().errorText : '?';
  if (why !== 'net::ERR_ABORTED') problems.push(`no answer to ${r.method()} ${r.url()}: ${why}`);
});
// Chromium logs every error answer as "Failed to load resource"; those are judged at the end,
// once every answer has been seen: only the provoked ones are allowed.
const failedLoads = [];
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  if (m.text().startsWith('Failed to load resource')) failedLoads.push({ text: m.text(), url: m.location().url });
  else problems.push('console: ' + m.text());
});
page.on('dialog', (d) => { problems.push('dialog opened: ' + d.message()); d.dismiss(); });
page.setDefaultTimeout(90000);

async function open(hash, ready) {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector(`body[data-ready="${ready}"]`);
}

// ---- relation page: series, bands, phases, facts; a click on a point ------
await step('relation page', async () => {
  await open('#/relation/RUS/ARM', 'relation');
  const series = await page.$$eval('#chart g.series', (gs) => gs.map((g) => g.dataset.measure));
  for (const m of ['composite', 'security', 'economic', 'institutionalisation', 'alignment']) {
    check(`chart has the ${m} series`, series.includes(m), JSON.stringify(series));
  }
  const periods = await api('/relations/RUS/ARM/periods');
  const phases = await page.$$eval('#chart rect.phase', (rs) => rs.map((r) => `${r.dataset.from}-${r.dataset.to}`));
  check('chart shades every phase of the relation', phases.length >= 2 && phases.length === periods.periods.length,
    `${phases} vs ${periods.periods.length}`);
  check('phase list explains the phases', (await page.$$('#phase-list > li')).length === periods.periods.length);
  // A phase that starts with a break says what moved: the components and the facts behind them.
  const driven = periods.breaks.find((b) => b.drivers && b.drivers.length && periods.periods.some((ph) => ph.from === b.year));
  if (driven) {
    const text = await page.$eval(`#phase-list > li[data-from="${driven.year}"] .moved`, (n) => n.textContent).catch(() => '');
    check('a phase lists what moved at its start', text.includes(driven.drivers[0].label), `${driven.year}: "${text}"`);
  } else {
    check('the profile has a break with drivers at a phase start', false, JSON.stringify(periods.breaks.map((b) => b.year)));
  }
  check('composite has an uncertainty band', (await page.$$('#chart g.series[data-measure="composite"] path.band')).length > 0);
  check('key facts on the timeline', (await page.$$('#chart g.facts path.fact')).length > 5);
  await page.screenshot({ path: path.join(shots, 'relation.png'), fullPage: true });

  await page.click('#chart circle.pt[data-measure="institutionalisation"][data-year="2016"]');
  await page.waitForSelector('#details-title');
  const title = await page.textContent('#details-title');
  check('clicking a point opens its year', title.includes('2016'), title);
  const facts = await page.$$eval('#facts-list > li', (ls) => ls.map((l) => l.dataset.id));
  check('the facts behind the point are listed', facts.includes('arm-csto'), JSON.stringify(facts));
  const sources = await page.$$eval('#details ul.sources li', (ls) => ls.map((l) => l.textContent));
  check('the point lists its sources', sources.some((s) => s.startsWith('kb:')), JSON.stringify(sources.slice(0, 3)));
  check('each fact links to its passages in the documents', (await page.$$('#facts-list a.passages')).length === facts.length);
  check('the other facts of the year are folded away', (await page.$$('#details details.more-facts li')).length > 0);
  await page.screenshot({ path: path.join(shots, 'relation-point.png'), fullPage: true });
  if (dataDir) {
    await page.click('#load-votes');
    await page.waitForSelector('#votes-table table tr:nth-child(10)');
    const cells = await page.$$eval('#votes-table tr:nth-child(20) td', (tds) => tds.map((t) => t.textContent));
    check('UN agreement and ideal points by year', cells.length === 7 && cells.every((c) => c !== ''), JSON.stringify(cells));
    await (await page.$('#votes')).screenshot({ path: path.join(shots, 'relation-votes.png') });
  }
});

// ---- evidence: a search, and the document with its spans -----------------
await step('evidence search', async () => {
  await open('#/evidence', 'evidence');
  await page.fill('input[name="q"]', 'joint forces');
  await page.press('input[name="q"]', 'Enter');
  await page.waitForSelector('#results .hit');
  const hits = await page.$$('#results .hit');
  check('a search finds passages', hits.length > 0);
  check('matched words are highlighted', (await page.$$('#results .hit mark')).length > 0);
  await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
  await page.click('#results .hit a');
  await page.waitForSelector('body[data-ready="document"] #passage-at', { state: 'attached' });
  check('a hit opens its document at the passage', (await page.$$('#doc-text mark.span')).length > 0);
  await page.screenshot({ path: path.join(shots, 'document.png') });
});

await step('untrusted text is shown, never run', async () => {
  const list = await api('/evidence/documents');
  const doc = list.documents.find((d) => d.name.includes('xss-note'));
  await open(`#/document/${doc.doc}`, 'document');
  const text = await page.textContent('#doc-text');
  check('the document shows the script tag as text', text.includes(XSS), text.slice(0, 200));
  check('the script in the document did not run', await page.evaluate(() => window.__xss === undefined));
  check('no element was created from the document', (await page.$$('#doc-text script, #doc-text img')).length === 0);
  check('candidate spans are highlighted', (await page.$$('#doc-text mark.span')).length > 0);
  await page.screenshot({ path: path.join(shots, 'xss-document.png'), fullPage: true });
  // User input goes back to the page as text too.
  const evil = '<img src=x onerror="window.__xss=3">';
  await page.goto(`${base}/#/evidence?q=${encodeURIComponent(evil)}&actor=${encodeURIComponent(evil)}`);
  await page.waitForSelector('body[data-ready="evidence"]');
  check('a hostile query did not run', await page.evaluate(() => window.__xss === undefined));
  check('a hostile query is shown as text', (await page.textContent('#results')).includes(evil));
  await page.screenshot({ path: path.join(shots, 'xss-query.png'), fullPage: true });
});

// ---- comparison, map, what-if, review ------------------------------------
await step('comparison', async () => {
  await open('#/compare/RUS?states=all&year=2016', 'compare');
  await page.waitForSelector('#compare-table tr[data-state]');
  const rows = await page.$$eval('#compare-table tr[data-state]', (rs) => rs.map((r) => r.dataset.state));
  check('all subordinates compared', rows.length >= 10 && rows.includes('ARM') && rows.includes('BLR'), JSON.stringify(rows));
  await page.click('#compare-table th[data-key="security"]');
  // Values carry a marker letter (p, c, m): parse the number in front of it.
  const sorted = await page.$$eval('#compare-table tr[data-state] td:nth-child(4)', (tds) => tds.map((t) => parseFloat(t.textContent)).filter((x) => !Number.isNaN(x)));
  check('sorting by a column', sorted.length === rows.length && sorted.every((v, i) => i === 0 || sorted[i - 1] >= v), JSON.stringify(sorted));
  await page.screenshot({ path: path.join(shots, 'compare.png'), fullPage: true });
  // Past the vote record alignment is predicted: marked, never shown like a measured value.
  await open('#/compare/RUS?states=all&year=2023', 'compare');
  await page.waitForSelector('#compare-table tr[data-state]');
  const predicted = await page.$$eval('#compare-table td.basis-predicted', (tds) => tds.map((t) => t.textContent));
  check('predicted values are marked p', predicted.length >= 10 && predicted.every((t) => t.endsWith('p')), JSON.stringify(predicted));
});

await step('map', async () => {
  await open('#/map/RUS/2016', 'map');
  await page.waitForSelector('#map svg.geomap path.sub[data-state]');
  const compare = await api('/compare?dominant=RUS&states=all&year=2016');
  const withData = compare.rows.filter((r) => r.values.composite && r.values.composite.value !== null).map((r) => r.state);
  const drawn = await page.$$eval('#map svg.geomap path.sub[data-state]', (ps) => ps.map((p) => p.dataset.state));
  check('a country shape per subordinate with data', withData.length >= 10 && withData.every((c) => drawn.includes(c)),
    JSON.stringify({ withData, drawn }));
  check('the dominant state is drawn', (await page.$$('#map svg.geomap path.dominant[data-state="RUS"]')).length === 1);
  const fill = await page.getAttribute('#map path[data-state="ARM"]', 'fill');
  const rgb = (/rgb\((\d+),(\d+),(\d+)\)/.exec(fill || '') || []).slice(1).map(Number);
  check('ARM is coloured by its composite', rgb.length === 3 && !(rgb[0] === rgb[1] && rgb[1] === rgb[2]), fill);
  const tip = await page.textContent('#map path[data-state="ARM"] title');
  check('a country says its composite and rank', /Armenia: composite [0-9.]+, rank \d+/.test(tip), tip);
  check('the table ranks the subordinates', (await page.$$('#map-table tr[data-state]')).length === compare.rows.length);
  await page.screenshot({ path: path.join(shots, 'map.png'), fullPage: true });
  await page.click('#map path[data-state="ARM"]');
  await page.waitForSelector('body[data-ready="relation"]');
  check('clicking a country opens its relation', page.url().endsWith('#/relation/RUS/ARM'), page.url());
  // On the world-wide map of the US's allies, small states are a few pixels: a marker makes them
  // clickable. Click the first marker nothing covers (neighbouring markers may overlap in Europe).
  await open('#/map/USA/2016', 'map');
  const small = await page.$$eval('#map circle.marker', (ms) => {
    const free = ms.find((m) => { const r = m.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m; });
    return free ? free.dataset.marker : null;
  });
  check('small states have markers', small !== null);
  await page.click(`#map circle.marker[data-marker="${small}"]`);
  await page.waitForSelector('body[data-ready="relation"]');
  check('a small state is clickable through its marker', page.url().endsWith(`#/relation/USA/${small}`), page.url());
});

await step('what-if', async () => {
  await open('#/whatif/RUS/ARM', 'whatif');
  await page.uncheck('input[type="checkbox"][value="arm-csto"]');
  await page.click('#recompute');
  await page.waitForSelector('#diff-table');
  check('the profile changes without the CSTO membership', (await page.$$('#diff-table tr')).length > 1);
  check('the what-if is drawn', (await page.$$('#whatif-chart g.scenario')).length > 0);
  await page.screenshot({ path: path.join(shots, 'whatif.png'), fullPage: true });
});

await step('what-if with assumed facts', async () => {
  await open('#/about', 'about'); // a fresh what-if page (the same hash would keep the last one)
  await open('#/whatif/RUS/ARM', 'whatif');
  await page.waitForSelector('#recompute-assumed');
  check('the assumed-facts box shows an example in the knowledge-base format',
    (await page.getAttribute('#whatif-assume', 'placeholder')).includes('[[agreement]]'));
  // A hypothetical 2020 defence agreement with provisions the relation does not have yet.
  await page.fill('#whatif-assume', [
    '[[agreement]]', 'id = "whatif-browser-2020"', 'title = "Assumed defence agreement"',
    'parties = ["RUS", "ARM"]', 'signed = "2020-06-01"', 'provisions = ["intelligence_sharing", "military_aid"]',
    'confidence = 0.6', 'sources = [{ ref = "general" }]'].join('\n'));
  await page.click('#recompute-assumed');
  await page.waitForSelector('#diff-count');
  const changed = Number(await page.getAttribute('#diff-count', 'data-count'));
  check('an assumed agreement changes the profile', changed > 0, String(changed));
  const years = await page.$$eval('#diff-table tr td:first-child', (tds) => tds.map((t) => Number(t.textContent)));
  check('… from its year on', years.length > 0 && years.every((y) => y >= 2020), JSON.stringify(years));
  await page.screenshot({ path: path.join(shots, 'whatif-assumed.png'), fullPage: true });

  // Invalid TOML: the error is shown as text, the page keeps working.
  await page.fill('#whatif-assume', '[[agreement]\nid = "x" <img src=x onerror="window.__xss=5">');
  await page.click('#recompute-assumed');
  await page.waitForSelector('#whatif-diff .error');
  const err = await page.textContent('#whatif-diff .error');
  check('invalid TOML shows the error', err.includes('bad_request') && /line|TOML|expected/i.test(err), err);
  check('… as text', (await page.$$('#whatif-diff img')).length === 0 && !(await page.evaluate(() => window.__xss)));
  await (await page.$('#whatif-diff')).screenshot({ path: path.join(shots, 'whatif-error.png') });
  await page.fill('#whatif-assume', '');
  await page.uncheck('input[type="checkbox"][value="arm-csto"]');
  await page.click('#recompute');
  await page.waitForSelector('#diff-table');
  check('… and the page still recomputes', (await page.$$('#diff-table tr')).length > 1);
});

await step('review queue', async () => {
  await open('#/review', 'review');
  await page.waitForSelector('#queue .cand');
  const first = await page.$('#queue .cand');
  await (await first.$('button:has-text("Reject")')).click();
  await page.waitForFunction((el) => el.querySelector('span.muted:last-child').textContent.length > 0, first);
  const refused = await first.evaluate((el) => el.querySelector('span.muted:last-child').textContent);
  check('a change without the token is refused', refused.startsWith('unauthorized'), refused);
  await page.fill('input[aria-label="token"]', TOKEN);
  await page.click('button:has-text("Use token")');
  await (await first.$('button:has-text("Reject")')).click();
  await page.waitForFunction((el) => el.querySelector('span.muted:last-child').textContent.startsWith('rejected'), first);
  check('with the token a decision is recorded', true);
  await page.screenshot({ path: path.join(shots, 'review.png'), fullPage: true });
});

await step('an accepted fact shows at once', async () => {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const cands = (await api('/evidence/candidates?kind=relation&status=pending')).candidates
    .filter((x) => x.actors.includes('RUS') && x.actors.includes('ARM') && /^(agreement|provision)\./.test(x.value));
  // One with a date of its own, else the note's agreement with the date its text gives.
  const c = cands.find((x) => x.detail && x.detail.date) || cands[0];
  if (!c) { check('an accepted fact shows at once (no candidate to accept)', false); return; }
  const edits = c.detail && c.detail.date ? [] : ['date=2016-11-14'];
  const before = await api('/relations/RUS/ARM/facts');
  const done = await api('/evidence/review', { method: 'POST', headers: auth, body: JSON.stringify({ id: c.id, accept: true, edits }) });
  const after = await api('/relations/RUS/ARM/facts');
  const ids = (r) => r.facts.map((f) => f.id);
  check('an accepted fact shows at once', done.status === 'accepted' && !ids(before).includes(done.fact) && ids(after).includes(done.fact),
    JSON.stringify(done));
});

await step('ingest from the page', async () => {
  await open('#/evidence', 'evidence');
  await page.fill('#ingest input', 'pasted-comment.txt');
  await page.fill('#ingest textarea', 'On 2 February 2024 Armenia froze its participation in the CSTO. <b onmouseover="window.__xss=4">bold</b>');
  await page.click('#ingest button');
  await page.waitForFunction(() => document.getElementById('ingest-msg').textContent.length > 0);
  const msg = await page.textContent('#ingest-msg');
  check('a pasted document is stored (with the token)', msg.startsWith('stored as document'), msg);
  await page.screenshot({ path: path.join(shots, 'ingest.png'), fullPage: true });
});

await step('regional security complexes', async () => {
  await open('#/rsc/2005?state=ARM&years=2015-2025', 'rsc');
  const map = await page.$$eval('#rsc-map-svg path[data-state]', (ps) => ps.map((p) => ({
    state: p.dataset.state, kind: p.dataset.kind, complex: p.dataset.complex || '', fill: p.getAttribute('fill'),
    outlined: p.getAttribute('stroke') === '#111111', dash: p.getAttribute('stroke-dasharray') || '' })));
  const inComplex = map.filter((m) => m.kind === 'complex');
  check('the map colours states by their complex', inComplex.length >= 100 && new Set(inComplex.map((m) => m.fill)).size >= 6,
    `${inComplex.length} states in complexes`);
  const arm = map.find((m) => m.state === 'ARM');
  check('Armenia is in the complex centred on Russia', arm && arm.complex === 'rsc-RUS', JSON.stringify(arm));
  const insulators = map.filter((m) => m.kind === 'insulator');
  check('insulators are hatched', insulators.length >= 1 && insulators.every((m) => m.fill === 'url(#rsc-hatch)'), JSON.stringify(insulators));
  const outlined = inComplex.filter((m) => m.outlined);
  check('subcomplexes are outlined, each with its own dash pattern', outlined.length >= 10 && new Set(outlined.map((m) => m.dash)).size >= 3,
    `${outlined.length} outlined`);
  check('the legend lists complexes, subcomplexes and insulators',
    (await page.$$('#rsc-legend li[data-complex]')).length >= 5 && (await page.$$('#rsc-legend li[data-subcomplex]')).length >= 3
    && (await page.textContent('#rsc-legend li[data-kind="insulator"]')).includes('insulators'));
  await page.waitForSelector('#rsc-network-svg');
  const lines = await page.$$eval('#rsc-network-svg line[data-kind]', (ls) => ls.map((l) => ({
    kind: l.dataset.kind, a: l.dataset.a, b: l.dataset.b, dash: l.getAttribute('stroke-dasharray') })));
  check('amity and enmity are told apart without colour (solid against dashed)',
    lines.some((l) => l.kind === 'amity') && lines.filter((l) => l.kind === 'amity').every((l) => !l.dash)
    && lines.filter((l) => l.kind === 'enmity').every((l) => l.dash), JSON.stringify(lines.slice(0, 5)));
  check('the enmity of Armenia and Azerbaijan is drawn', lines.some((l) => l.kind === 'enmity' && [l.a, l.b].sort().join() === 'ARM,AZE'));
  const legend = await page.textContent('#rsc-network-svg');
  check('the network says which line is which', legend.includes('amity (solid line)') && legend.includes('enmity (dashed line)'));
  await page.waitForSelector('#rsc-path-strip');
  const cells = await page.$$eval('#rsc-path-strip rect[data-year]', (rs) => rs.map((r) => r.dataset.complex));
  check("the state's path has one cell a year", cells.length === 11, JSON.stringify(cells));
  check("Armenia's path stays with Russia's complex", cells.every((c) => c === 'rsc-RUS'), JSON.stringify(cells));
  const pathText = await page.textContent('#rsc-path-table');
  check('the path table names partners (names, not codes)', pathText.includes('Azerbaijan') && !/\bAZE\b/.test(pathText), pathText.slice(0, 200));
  // Names, not codes: the legend, the network's labels, the path's heading.
  const caucasus = await page.$$eval('#rsc-legend li[data-subcomplex]', (ls) => ls.map((l) => l.textContent).find((t) => t.includes('Armenia')));
  check('the legend names the subcomplexes\' members', caucasus && caucasus.includes('Azerbaijan') && !/\bARM\b/.test(caucasus), caucasus);
  const nodes = await page.$$eval('#rsc-network-svg g.rsc-node', (gs) => gs.map((g) => [g.dataset.state, g.querySelector('text').textContent]));
  check('the network labels its states by name', nodes.some(([c, t]) => c === 'ARM' && t === 'Armenia') && nodes.every(([c, t]) => t !== c), JSON.stringify(nodes.slice(0, 4)));
  const netCropped = await page.$$eval('#rsc-network-svg g.rsc-node text', (ts) => { const vb = ts[0].ownerSVGElement.viewBox.baseVal; return ts.filter((t) => { const b = t.getBBox(); return b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height; }).map((t) => t.textContent); });
  check('… no name cropped', netCropped.length === 0, JSON.stringify(netCropped));
  check("the path's heading names the state", (await page.textContent('#rsc-path h3')).startsWith('Armenia between complexes'));
  // Downloads: the year's placements and the path as CSV, the network as SVG.
  const get = async (sel) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
    return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path()).toString('utf8') };
  };
  const year = await api('/rsc/years/2005');
  const placed = year.complexes.reduce((n, c) => n + c.members.length, 0) + year.insulators.length + year.unstructured.length;
  const complexes = await get('[data-exports="rsc-2005-complexes"] button[data-format="csv"]');
  const rows = complexes.body.trim().split(/\r?\n/);
  const armRow = rows.find((r) => r.startsWith('2005,ARM,Armenia,complex,rsc-RUS,'));
  check('a CSV of the year\'s complexes, a row a state', complexes.name === 'rsc-2005-complexes.csv' && rows[0].startsWith('year,state,name,placement,complex,complex_name') && rows.length === placed + 1 && armRow,
    `${complexes.name}: ${rows[0]} (${rows.length - 1} rows of ${placed}) ${armRow}`);
  const pathCsv = await get('[data-exports="ARM-complexes-2015-2025"] button[data-format="csv"]');
  const pathRows = pathCsv.body.trim().split(/\r?\n/);
  check("a CSV of the state's path, a row a year", pathRows.length === 12 && pathRows[1].startsWith('2015,ARM,Armenia,complex,rsc-RUS,') && pathRows[1].includes('AZE'), pathRows.slice(0, 2).join(' / '));
  const netSvg = await get('#rsc-network [data-exports] button[data-format="svg"]');
  check('an SVG of the network', netSvg.name.endsWith('-network.svg') && netSvg.body.includes('id="rsc-network-svg"'), netSvg.name);
  check('a button copies the link to this view (the URL holds year, state, years and complex)', (await page.$$('#copy-link')).length === 1);
  await page.screenshot({ path: path.join(shots, 'rsc.png'), fullPage: true });
  // The permalink: a complex named in the URL opens its network.
  const other = year.complexes.find((c) => !c.members.includes('ARM'));
  await open('#/about', 'about');
  await open(`#/rsc/2005?state=ARM&years=2015-2025&complex=${encodeURIComponent(other.id)}`, 'rsc');
  await page.waitForSelector('#rsc-network-svg');
  check('a permalink opens the complex it names', (await page.textContent('#rsc-network h3')) === `Network of ${other.name}`, await page.textContent('#rsc-network h3'));
  await page.click('#rsc-map-svg path[data-state="GEO"]');
  await page.waitForFunction(() => location.hash.includes('state=GEO') && document.body.dataset.ready === 'rsc');
  check("a click on the map shows that state's path", (await page.textContent('#rsc-path h3')).startsWith('Georgia'));
  // A name typed in the form is taken as its code: its complex's network opens.
  await page.fill('input[name="state"]', 'Belarus');
  await page.click('form.bar button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('state=BELARUS') && document.body.dataset.ready === 'rsc');
  check('a state typed by name opens its path and its complex', (await page.textContent('#rsc-path h3')).startsWith('Belarus between complexes')
    && (await page.$$('#rsc-network-svg g.rsc-node[data-state="BLR"]')).length === 1);
});

await step('about', async () => {
  await open('#/about', 'about');
  check('plain-language explanations', (await page.$$('#about-list dt')).length >= 10);
});


// ---- what a reader sees first: headline, chart marks, exports, keyboard, narrow screens ----
await step('relation headline and chart marks', async () => {
  await open('#/about', 'about');
  await open('#/relation/RUS/ARM', 'relation');
  const h = await api('/relations/RUS/ARM/headline');
  const shown = await page.textContent('#headline-value');
  check('the headline shows the composite of the last year', shown === h.composite.toFixed(2), `${shown} vs ${h.composite}`);
  const band = await page.textContent('#headline-band');
  check('… with its 90% band', band.includes(h.lo.toFixed(2)) && band.includes(h.hi.toFixed(2)), band);
  const head = await page.textContent('#headline');
  check('… the rank and its interval', head.includes(`between ${h.rank_best} and ${h.rank_worst}`), head.slice(0, 300));
  const parts = await page.$$eval('#headline li[data-part]', (ls) => ls.map((l) => `${l.dataset.part}:${l.dataset.basis}`));
  check('… and how each part was obtained', parts.length === 4 && parts.join() === h.parts.map((p) => `${p.name}:${p.basis}`).join(), JSON.stringify(parts));
  check('… and what changed at the last break', (await page.textContent('#last-break')).includes(String(h.last_break.year)));
  check('the title names the states', (await page.textContent('#title')) === 'Armenia under Russia');
  check('the chart has a y-axis title', (await page.$$('#chart text.y-title')).length === 1);
  check('the band has a legend entry', (await page.$$('#chart g.legend-band')).length === 1);
  const phaseLabels = await page.$$eval('#chart text.phase-label', (ts) => ts.map((t) => { const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width, t.ownerSVGElement.viewBox.baseVal.width]; }));
  check('phase labels are whole and apart', phaseLabels.length > 1 && phaseLabels.every(([, x0, x1, w], i) => x0 >= 0 && x1 <= w && (i === 0 || phaseLabels[i - 1][2] <= x0)), JSON.stringify(phaseLabels));
  const dash = await page.$$eval('#chart path.line.predicted', (ps) => ps.map((p) => p.getAttribute('stroke-dasharray')));
  check('predicted segments are dashed', dash.length > 0 && dash.every((d) => d && d.split(' ').length === 2), JSON.stringify(dash));
  const dotted = await page.$$eval('#chart path.line.carried', (ps) => ps.map((p) => p.getAttribute('stroke-dasharray')));
  check('carried segments are dotted, apart from the predicted dashes', dotted.length > 0 && dotted.every((d) => d && !dash.includes(d)), JSON.stringify(dotted));
  const hollow = await page.$$eval('#chart circle.pt[data-basis="predicted"]', (cs) => cs.map((c) => c.getAttribute('fill')));
  check('… their points hollow', hollow.length > 0 && hollow.every((f) => f === '#fff'), JSON.stringify(hollow.slice(0, 3)));
  const labels = await page.$$eval('#chart g.fact', (gs) => gs.map((g) => [g.dataset.n, g.querySelector('text.fact-label').textContent, g.querySelector('title').textContent]));
  check('key facts are labelled', labels.length > 5 && labels.every(([n, l]) => n === l), JSON.stringify(labels.slice(0, 2)));
  check('… the full fact on hover', labels.every(([n, , t]) => t.startsWith(`${n}. `) && t.length > 20));
  check('… and listed under the chart', (await page.$$('#key-facts li')).length === labels.length);
  await page.waitForSelector('#panels figure svg.multiple[data-measure="ideal_distance"]');
  const panels = await page.$$eval('#panels svg.multiple', (ss) => ss.map((s) => s.dataset.measure));
  check('small multiples of the four parts, troops and the ideal-point distance', ['security', 'economic', 'institutionalisation', 'alignment', 'troops', 'ideal_distance'].every((m) => panels.includes(m)), JSON.stringify(panels));
  const ideal = await page.$eval('#panels svg.multiple[data-measure="ideal_distance"] text.y-title', (t) => t.textContent);
  check('… the ideal-point distance on its own scale', ideal === '|Δθ|', ideal);

  // Keyboard: a key fact takes the focus and Enter opens it; a value of the table by year likewise.
  await page.focus('#chart g.fact');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details-title');
  check('a key fact opens from the keyboard', /Facts of \d{4}/.test(await page.textContent('#details-title')));
  await page.waitForSelector('#year-table a[data-measure="security"][data-year="2016"]');
  // The table by year marks estimates too: in italics, the basis said on hover.
  const marked = await page.$$eval('#year-table td.basis-predicted, #year-table td.basis-carried', (tds) => tds.map((t) => [t.className, t.textContent, t.title, getComputedStyle(t).fontStyle]));
  check('predicted and carried values are marked in the table by year', marked.some(([c]) => c === 'basis-predicted') && marked.some(([c]) => c === 'basis-carried')
    && marked.every(([c, text, title, style]) => style === 'italic' && /[pc]$/.test(text) && title.length > 5), JSON.stringify(marked.slice(0, 3)));
  await page.focus('#year-table a[data-measure="security"][data-year="2016"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('#details-title') || {}).textContent === 'Security hierarchy, 2016');
  check('a value opens from the keyboard', true);
  check('… and the URL holds it (a permalink)', page.url().includes('point=security%3A2016') || page.url().includes('point=security:2016'), page.url());
  // The permalink opens the same view.
  await open('#/about', 'about');
  await page.goto(page.url().replace(/#.*/, '') + '#/relation/RUS/ARM?point=alignment:2021');
  await page.waitForFunction(() => (document.querySelector('#details-title') || {}).textContent === 'Alignment in UN votes, 2021');
  check('a permalink opens the value it names', (await page.textContent('#details')).includes('predicted'));
});

await step('downloads: CSV and JSON of tables, SVG and PNG of charts', async () => {
  await open('#/about', 'about');
  await open('#/relation/RUS/ARM', 'relation');
  await page.waitForSelector('[data-exports="ARM-RUS-profile"] button[data-format="csv"]');
  const get = async (sel) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
    return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path()) };
  };
  const csv = await get('[data-exports="ARM-RUS-profile"] button[data-format="csv"]');
  const lines = csv.body.toString('utf8').trim().split(/\r?\n/);
  check('a CSV download of the profile', csv.name === 'ARM-RUS-profile.csv' && lines[0] === 'basis,coverage,dominant,hi,lo,measure,source,subordinate,value,year' && lines.length > 300,
    `${csv.name}: ${lines[0]} (${lines.length} lines)`);
  const composite2016 = lines.find((l) => l.includes(',composite,') && l.endsWith(',2016'));
  const p = await api('/relations/RUS/ARM/profile');
  const want = p.measures[0].series.find((x) => x.year === 2016).value;
  check('… with the values at full precision', composite2016 && composite2016.includes(String(want)), composite2016);
  const json = await get('[data-exports="ARM-RUS-profile"] button[data-format="json"]');
  check('a JSON download of the profile', JSON.parse(json.body.toString('utf8')).length === lines.length - 1);
  const svg = await get('[data-exports="ARM-RUS-chart"] button[data-format="svg"]');
  check('an SVG download of the chart', svg.name.endsWith('.svg') && svg.body.toString('utf8').includes('<svg') && svg.body.toString('utf8').includes('class="profile-chart"'));
  const png = await get('[data-exports="ARM-RUS-chart"] button[data-format="png"]');
  check('a PNG download of the chart', png.name.endsWith('.png') && png.body.subarray(1, 4).toString() === 'PNG' && png.body.length > 10000, `${png.name} ${png.body.length}`);
  const cite = await page.textContent('#cite-foot');
  check('the footer says how to cite, with the data versions', cite.includes('How to cite') && /SHA-256 [0-9a-f]{12}/.test(cite), cite.slice(0, 200));
});

await step('comparison: dot plot, names, year, links', async () => {
  const r = await api('/compare?dominant=RUS&states=all');
  await open('#/compare/RUS?states=all', 'compare');
  await page.waitForSelector('#dotplot g.dot-row');
  const chosen = await page.$eval('#year-choice', (s) => Number(s.value));
  check('the year chooser defaults to the latest complete year', r.complete_year && chosen === r.complete_year, `${chosen} vs ${r.complete_year}`);
  const names = await page.$$eval('#dotplot g.dot-row text', (ts) => ts.map((t) => t.textContent));
  check('the dot plot names the states', names.includes('Armenia') && names.includes('Belarus') && !names.includes('ARM'), JSON.stringify(names.slice(0, 4)));
  const ranks = await page.$$eval('#dotplot g.dot-row text.rank', (ts) => ts.map((t) => t.textContent));
  check('… with rank intervals', ranks.filter((t) => /^\d+ \(\d+–\d+\)$/.test(t)).length >= 10, JSON.stringify(ranks.slice(0, 3)));
  const firstState = await page.$eval('#compare-table tr[data-state] td:first-child', (t) => t.textContent);
  check('the table names the states', /^[A-Z][a-z]/.test(firstState) && firstState.length > 3, firstState);
  const link = await page.getAttribute('#compare-table tr[data-state="ARM"] td:nth-child(4) a', 'href');
  check('each number links to its explanation', link && link.includes('#/relation/RUS/ARM?point=security:'), link);
  await page.click('#compare-table tr[data-state="ARM"] td:nth-child(4) a');
  await page.waitForFunction(() => /^Security hierarchy, \d{4}$/.test((document.querySelector('#details-title') || {}).textContent || ''));
  check('… which opens on that value', true);
  await open('#/compare/RUS?states=all&year=2016', 'compare');
  check('a chosen year is kept in the URL', (await page.$eval('#year-choice', (s) => s.value)) === '2016');
});

await step('map: labels, occupation, no value', async () => {
  await open('#/map/RUS/2016', 'map');
  await page.waitForSelector('#map svg.geomap');
  const arm = await page.$eval('#map text[data-label="ARM"]', (t) => t.textContent).catch(() => null);
  check('Armenia is labelled on the map', arm === 'Armenia', arm);
  const labelled = await page.$$eval('#map text[data-label]', (ts) => ts.map((t) => t.dataset.label));
  const compare = await api('/compare?dominant=RUS&states=all&year=2016');
  check('every subordinate is labelled', compare.rows.every((r) => labelled.includes(r.state)), JSON.stringify(labelled));
  const crimea = await page.$eval('#map path.occupied[data-state="UKR"]', (p) => ({ fill: p.getAttribute('fill'), name: p.dataset.occupied, title: p.querySelector('title').textContent })).catch(() => null);
  check('Crimea is hatched as occupied', crimea && crimea.fill === 'url(#hatch)' && crimea.name.startsWith('Crimea') && crimea.title.includes('68/262'), JSON.stringify(crimea));
  // Crimea's interior is inside Ukraine's shape and outside Russia's.
  const inside = await page.evaluate(() => {
    const occ = document.querySelector('#map path.occupied[data-state="UKR"]');
    const b = occ.getBBox();
    const pt = new DOMPoint(b.x + b.width * 0.5, b.y + b.height * 0.6);
    const ukr = document.querySelector('#map path[data-state="UKR"]:not(.occupied)');
    const rus = document.querySelector('#map path[data-state="RUS"]');
    return { occ: occ.isPointInFill(pt), ukr: ukr ? ukr.isPointInFill(pt) : null, rus: rus.isPointInFill(pt) };
  });
  check('… drawn as Ukraine\'s territory, not Russia\'s', inside.occ && inside.ukr === true && inside.rus === false, JSON.stringify(inside));
  const occupied = await page.$$eval('#map [data-occupied]', (os) => os.map((o) => o.dataset.occupied));
  check('… with the other occupied territories marked', ['Abkhazia', 'Transnistria'].every((n) => occupied.some((o) => o.startsWith(n))) && occupied.length >= 4, JSON.stringify(occupied));
  const noValue = await page.$eval('#map-legend .no-value', (s) => getComputedStyle(s).backgroundColor);
  const pal = await api('/palette');
  const hex = (h) => `rgb(${[1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)).join(', ')})`;
  check('the "no value" swatch is coloured', noValue === hex(pal.no_value), `${noValue} vs ${pal.no_value}`);
  const before = await page.$eval('#map svg.geomap', (s) => s.querySelectorAll('path.other').length);
  await page.click('#zoom-in');
  await page.waitForFunction((n) => document.querySelector('#map svg.geomap').querySelectorAll('path.other').length < n, before);
  check('zoom shows less of the world', page.url().includes('zoom=2'), page.url());
  await page.click('#zoom-all');
  const all = await page.$$('#map path.dominant[data-state="RUS"]');
  check('… and the whole dominant state on demand', all.length === 1);
  // Nothing cropped: every label inside the map.
  const cropped = await page.$$eval('#map text[data-label]', (ts) => { const vb = ts[0].ownerSVGElement.viewBox.baseVal; return ts.filter((t) => { const b = t.getBBox(); return b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height; }).map((t) => t.dataset.label); });
  check('no label is cropped', cropped.length === 0, JSON.stringify(cropped));
});

await step('evidence legend, relevance, titles; about', async () => {
  await open('#/evidence?q=joint%20forces', 'evidence');
  await page.waitForSelector('#results .hit');
  const rel = await page.$$eval('#results .relevance', (rs) => rs.map((r) => Number(r.textContent)));
  check('search relevance is a positive score, best first', rel.length > 0 && rel.every((x) => x > 0) && rel.every((x, i) => i === 0 || rel[i - 1] >= x), JSON.stringify(rel));
  const docs = await page.$$eval('#doc-list li a', (as) => as.map((a) => a.textContent));
  check('every document has a title', docs.length > 0 && docs.every((t) => t.trim().length > 0 && !/\.(txt|html?|pdf|docx)$/.test(t) && !t.includes('tmp/')), JSON.stringify(docs));
  await page.click('#doc-list li a');
  await page.waitForSelector('body[data-ready="document"] #span-legend');
  const legend = await page.$$eval('#span-legend mark', (ms) => ms.map((m) => m.className));
  check('the highlight colours have a legend', ['span actor', 'span relation', 'span claim'].every((c) => legend.includes(c)), JSON.stringify(legend));
  await open('#/about', 'about');
  const heads = await page.$$eval('#about-list h3', (hs) => hs.map((h) => h.textContent));
  check('About: headings in words', heads[0] === 'Hierarchy (composite)' && heads.every((h) => !/^[a-z_]+$/.test(h)), JSON.stringify(heads.slice(0, 3)));
  check('… how each measure is computed', (await page.$$('#about-list dd.formula')).length === heads.length);
  check('… references', (await page.textContent('#references')).includes('Lake') && (await page.textContent('#references')).includes('Strezhnev'));
  check('… what carried and predicted mean', /Carried/.test(await page.textContent('#about-basis')) && /Predicted/.test(await page.textContent('#about-basis')));
  check('… and the data versions', (await page.$$('main #cite table tr')).length > 2);
});

await step('screenshots at 1400 and 400 px', async () => {
  for (const width of [1400, 400]) {
    await page.setViewportSize({ width, height: 1000 });
    for (const [name, hash, ready, wait] of [['relation', '#/relation/RUS/ARM', 'relation', '#panels svg.multiple[data-measure="ideal_distance"]'],
      ['compare', '#/compare/RUS?states=all', 'compare', '#dotplot'], ['map', '#/map/RUS', 'map', '#map svg.geomap'],
      ['rsc', '#/rsc/2005?state=ARM&years=1991-2025', 'rsc', '#rsc-path-strip']]) {
      await open('#/about', 'about');
      await open(hash, ready);
      await page.waitForSelector(wait);
      const overflow = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.scroll, .chart'))
          .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className && e.className.baseVal === undefined ? e.className : ''}`);
        return { by: document.documentElement.scrollWidth - w, wide };
      });
      check(`${name} at ${width} px: the page does not scroll sideways`, overflow.by <= 1, JSON.stringify(overflow));
      await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: width === 400 ? false : true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 1000 });
});

// ---- a read-only server: no button it would refuse -----------------------
await step('read-only server', async () => {
  const ro = await startServer(['serve', '--addr', '127.0.0.1:0', '--store', store, ...(dataDir ? ['--data-dir', dataDir] : [])]);
  try {
    const p2 = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errs = [];
    p2.on('pageerror', (e) => errs.push(e.message));
    p2.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errs.push(`HTTP ${r.status()} ${r.url()}`); });
    await p2.goto(`${ro.url}/#/review`);
    await p2.waitForSelector('body[data-ready="review"]');
    check('read-only: the queue shows no Accept or Reject', (await p2.$$('#queue button')).length === 0 && (await p2.$$('#queue .cand')).length > 0);
    check('… and no token form', (await p2.$$('input[aria-label="token"]')).length === 0 && (await p2.$$('#read-only-note')).length === 1);
    await p2.goto(`${ro.url}/#/evidence`);
    await p2.waitForSelector('body[data-ready="evidence"]');
    check('read-only: no form to add a document', (await p2.$$('#ingest')).length === 0);
    await p2.screenshot({ path: path.join(shots, 'read-only-review.png') });
    check('read-only: no error on its pages', errs.length === 0, errs.join('\n'));
    await p2.close();
  } finally {
    ro.server.kill('SIGINT');
  }
});

const browserOwn = (f) => {
  const status = Number((/status of (\d+)/.exec(f.text) || [])[1]);
  const pathname = f.url ? new URL(f.url).pathname : '';
  return PROVOKED.some((e) => e.browserOwn && e.path === pathname && e.status === status);
};
for (const f of failedLoads) {
  if (!provokedUrls.has(f.url) && !browserOwn(f)) problems.push(`console: ${f.text} (${f.url || 'no URL'})`);
}
check('no script error, no CSP violation and no failed request on any page', problems.length === 0, problems.join('\n'));

await browser.close();
server.kill('SIGINT');
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
