// Evidence (search, documents, review), the what-if and the About page.

// ---- evidence ------------------------------------------------------------

/** A snippet with the matched words between ** as <mark>, built from text nodes. */
function snippet(s) {
  return String(s).split('**').map((part, i) => (i % 2 ? el('mark', {}, part) : document.createTextNode(part)));
}

/** A document's name for people when it has no title: its file name without the folder and extension. */
function docName(name) {
  if (!name) return '';
  return name.split('/').pop().replace(/\.(txt|html?|pdf|docx)$/i, '').replace(/[_-]+/g, ' ');
}

/** What the highlight colours of a document mean. */
function spanLegend() {
  return el('p', { class: 'span-legend', id: 'span-legend' }, 'Highlighted: ',
    el('mark', { class: 'span actor' }, 'actor (state, organisation, person, place)'), ' ',
    el('mark', { class: 'span date' }, 'date'), ' ', el('mark', { class: 'span quantity' }, 'quantity'), ' ',
    el('mark', { class: 'span relation' }, 'relation or event'), ' ', el('mark', { class: 'span claim' }, 'claim (who said what)'),
    el('span', { class: 'muted' }, ' — hover over a highlight for its value, status and confidence.'));
}

async function evidenceView(_a, _b, q) {
  const query = q.get('q') || '';
  const results = el('div', { id: 'results' });
  const docs = el('div', { id: 'documents', class: 'panel' });
  show(el('h2', {}, 'Evidence'),
    el('p', { class: 'about' }, 'Search the passages of the stored documents (analyses, news, expert comments). Every candidate fact the program extracted points to its exact place in the text.'),
    stateForm([['q', 'words', query, 30], ['actor', 'actor', q.get('actor') || ''], ['from', 'from year', q.get('from') || '', 6], ['to', 'to year', q.get('to') || '', 6]], (v) => {
      const p = new URLSearchParams(Object.entries(v).filter(([, x]) => x)); location.hash = `#/evidence?${p}`;
    }), results, docs, HEALTH.writable ? ingestForm() : el('p', { class: 'muted', id: 'read-only-note' }, 'This server is read-only: documents are added with the token the server was started with.'));
  if (query) {
    try {
      const p = new URLSearchParams({ q: query });
      for (const k of ['actor', 'from', 'to']) if (q.get(k)) p.set(k, q.get(k));
      const r = await api(`/evidence/search?${p}`);
      // SQLite's bm25 is lower for better matches: shown negated, a positive relevance (higher is better).
      clear(results).append(el('p', { class: 'muted' }, `${r.hits.length} passage(s), the most relevant first`), ...r.hits.map((h) => el('div', { class: 'hit' },
        el('a', { href: `#/document/${h.doc}?at=${h.start}` }, h.title || docName(h.name) || `document ${h.doc}`),
        el('span', { class: 'muted' }, ` · relevance `), el('span', { class: 'relevance', title: 'bm25, negated: higher is a better match' }, (-h.score).toFixed(2)),
        el('span', { class: 'muted' }, ` · chars ${h.start}–${h.end}`),
        el('div', { class: 'snippet' }, snippet(h.snippet)))));
    } catch (err) { clear(results).appendChild(errorBox(err)); }
  }
  try {
    const r = await api('/evidence/documents');
    clear(docs).append(el('h3', {}, 'Documents'), el('ul', { id: 'doc-list' }, r.documents.map((d) => el('li', {},
      el('a', { href: `#/document/${d.doc}` }, d.title || docName(d.name)), el('span', { class: 'muted' }, ` ${d.date || ''} · ${d.candidates} candidates`)))));
  } catch (err) { clear(docs).appendChild(errorBox(err)); }
}

/** Adding a document (plain text or HTML) needs the token. */
function ingestForm() {
  const name = el('input', { size: 30, 'aria-label': 'document name', placeholder: 'name, e.g. comment-2016.txt' });
  const text = el('textarea', { rows: 6, cols: 90, 'aria-label': 'document text' });
  const msg = el('p', { class: 'muted', id: 'ingest-msg' });
  const form = el('form', { class: 'panel', id: 'ingest' }, el('h3', {}, 'Add a document'),
    el('p', { class: 'muted' }, 'Paste the text of an article or comment (plain text or HTML). Needs the token (see Review).'),
    el('div', {}, name), el('div', {}, text), el('button', { type: 'submit' }, 'Add'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await api('/evidence/ingest', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body: JSON.stringify({ name: name.value, text: text.value }) });
      msg.textContent = r.outcome === 'stored' ? `stored as document ${r.doc} (version ${r.version}): ${r.candidates} candidates` : `already stored as document ${r.doc}`;
    } catch (err) { msg.textContent = `${err.code}: ${err.message}`; }
  });
  return form;
}

async function documentView(id, _b, q) {
  const at = q && q.get('at') !== null ? Number(q.get('at')) : -1;
  const out = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  show(out);
  try {
    const d = await api(`/evidence/documents/${encodeURIComponent(id)}`);
    const text = d.text;
    const pre = el('pre', { class: 'doc', id: 'doc-text' });
    // Spans in text order, without overlaps (the first wins); offsets are in characters.
    const chars = Array.from(text);
    // Plain text between spans; the passage a search pointed to (?at=) gets an anchor.
    const anchor = el('span', { id: 'passage-at' });
    const plain = (a, b) => {
      if (at >= a && at < b) {
        pre.append(chars.slice(a, at).join(''), anchor, chars.slice(at, b).join(''));
      } else {
        pre.appendChild(document.createTextNode(chars.slice(a, b).join('')));
      }
    };
    let pos = 0;
    const spans = d.spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    for (const s of spans) {
      if (s.start < pos) continue;
      if (s.start > pos) plain(pos, s.start);
      if (at >= s.start && at < s.end) pre.appendChild(anchor);
      pre.appendChild(el('mark', { class: `span ${s.kind}`, 'data-id': s.id, title: `${s.kind}: ${s.value} (${s.status}, confidence ${fmt(s.confidence)})` }, chars.slice(s.start, s.end).join('')));
      pos = s.end;
    }
    if (pos < chars.length) plain(pos, chars.length);
    const docTitle = d.title || docName(d.name);
    document.title = `${docTitle} — hegemony`;
    clear(out).append(el('h2', { id: 'doc-title' }, docTitle), spanLegend(),
      el('p', { class: 'muted' }, `${d.name} · version ${d.version} · ${d.date || 'undated'} · SHA-256 ${d.sha256.slice(0, 12)} · ${d.spans.length} highlighted spans`),
      pre);
    if (anchor.isConnected) anchor.scrollIntoView({ block: 'center' });
  } catch (err) { clear(out).appendChild(errorBox(err)); }
}

function token() { return sessionStorage.getItem('hegemony-token') || ''; }

async function reviewView() {
  const list = el('div', { id: 'queue' }, el('p', { class: 'muted' }, 'Loading…'));
  const tok = el('input', { type: 'password', value: token(), size: 24, 'aria-label': 'token' });
  const writable = HEALTH.writable;
  show(el('h2', {}, 'Review queue'),
    el('p', { class: 'about' }, 'Candidate facts waiting for a person. Accepting one writes it to the knowledge base with the passage as its source, only if the knowledge base still checks; rejecting records the decision. Changes need the token the server was started with.'),
    writable ? el('form', { class: 'bar', onsubmit: (e) => { e.preventDefault(); sessionStorage.setItem('hegemony-token', tok.value); } }, el('label', {}, 'token', tok), el('button', {}, 'Use token'))
      : el('p', { class: 'muted', id: 'read-only-note' }, 'This server is read-only (started without a token): the queue can be read, not decided.'),
    list);
  try {
    // Relations and claims become facts when accepted; actors, dates and quantities are their parts.
    const [rel, cl] = await Promise.all(['relation', 'claim'].map((k) => api(`/evidence/candidates?status=pending&kind=${k}&limit=100`)));
    const cands = rel.candidates.concat(cl.candidates);
    clear(list).append(el('p', { class: 'muted' }, `${rel.total} relations and ${cl.total} claims pending; showing ${cands.length}`),
      ...cands.map((c) => {
        const msg = el('span', { class: 'muted' });
        const decide = async (what) => {
          try {
            const res = await api('/evidence/review', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body: JSON.stringify({ id: c.id, [what]: true }) });
            msg.textContent = `${res.status}${res.fact ? ' as ' + res.fact : ''}`;
          } catch (err) { msg.textContent = `${err.code}: ${err.message}`; }
        };
        return el('div', { class: 'cand', 'data-id': c.id }, el('span', {}, `#${c.id}`), el('span', {}, c.kind),
          el('span', {}, el('a', { href: `#/document/${c.doc}` }, c.span), el('div', { class: 'muted' }, `${c.value} · ${c.actors.join(', ')}`)),
          writable ? el('span', {}, el('button', { onclick: () => decide('accept') }, 'Accept'), ' ', el('button', { onclick: () => decide('reject') }, 'Reject'), ' ', msg) : el('span', { class: 'muted' }, c.status));
      }));
  } catch (err) { clear(list).appendChild(errorBox(err)); }
}

// ---- what-if -------------------------------------------------------------

/** An example of assumed facts, in the knowledge base's TOML (kb/README.md). */
const ASSUME_EXAMPLE = `[[agreement]]
id = "whatif-rus-arm-2020"
title = "Agreement on intelligence sharing and military aid (assumed)"
parties = ["RUS", "ARM"]
signed = "2020-11-10"
provisions = ["intelligence_sharing", "military_aid"]
confidence = 0.6
sources = [{ ref = "general" }]`;

async function whatifView(dom = 'RUS', sub = 'ARM') {
  const chart = el('div', { class: 'chart', id: 'whatif-chart' });
  const diff = el('div', { class: 'panel', id: 'whatif-diff' });
  const facts = el('div', { class: 'panel', id: 'whatif-facts' }, el('p', { class: 'muted' }, 'Loading the facts…'));
  const assume = el('textarea', { id: 'whatif-assume', rows: 9, spellcheck: 'false', 'aria-label': 'assumed facts (knowledge-base TOML)', placeholder: ASSUME_EXAMPLE });
  const assumed = el('div', { class: 'panel', id: 'whatif-assumed' },
    el('h3', {}, 'Assumed facts'),
    el('p', { class: 'about' }, 'Facts to add, in the knowledge base\'s format (TOML; see kb/README.md): an agreement with its provisions, a membership spell, a troop presence… A shipped fact can be replaced by giving its id with override = true. They are checked like any knowledge-base file; nothing is saved.'),
    assume);
  show(el('h2', {}, `What if…? ${sub} under ${dom}`),
    el('p', { class: 'about' }, 'Untick a fact to recompute the profile as if it had never happened, or assume facts that did not happen (the dashed lines). Nothing is saved.'),
    chart, diff, assumed, facts);
  const base = `/relations/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}`;
  try {
    await loadChart(chart, `${base}/chart.svg`);
    const r = await api(`${base}/facts`);
    const boxes = r.facts.map((f) => el('input', { type: 'checkbox', checked: true, value: f.id, 'aria-label': f.id }));
    const recompute = async () => {
      const without = boxes.filter((b) => !b.checked).map((b) => b.value);
      const toml = assume.value.trim();
      if (!without.length && !toml) { clear(diff).append(el('p', { class: 'muted' }, 'Untick a fact or assume one.')); return; }
      clear(diff).append(el('p', { class: 'muted' }, 'Recomputing…'));
      const body = { dominant: dom, subordinate: sub, without };
      if (toml) body.assume = toml;
      try {
        // The chart can draw facts left out (a GET); assumed facts are in the table only.
        const chartUrl = without.length ? `${base}/chart.svg?without=${encodeURIComponent(without.join(','))}` : `${base}/chart.svg`;
        const [w] = await Promise.all([
          api('/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
          loadChart(chart, chartUrl),
        ]);
        const main4 = w.differences.filter((d) => ['composite', 'security', 'economic', 'institutionalisation', 'alignment'].includes(d.measure));
        const exports = tableExports(`${sub}-${dom}-whatif`, () => w.differences);
        clear(diff).append(el('h3', { id: 'diff-count', 'data-count': w.differences.length }, `${w.differences.length} values change`),
          toml ? el('p', { class: 'muted' }, without.length ? 'The chart shows the facts left out; the table shows the assumed facts as well.' : 'The chart shows the knowledge base as it is; the table shows what the assumed facts change.') : null,
          el('p', {}, exports, el('span', { class: 'muted' }, ' (every value that changes, all measures and components)')),
          el('table', { class: 'data', id: 'diff-table' },
            el('tr', {}, el('th', {}, 'year'), el('th', {}, 'measure'), el('th', {}, 'before'), el('th', {}, 'after')),
            main4.map((d) => el('tr', {}, el('td', {}, d.year), el('td', { class: 'text' }, d.measure), el('td', {}, fmt(d.baseline)),
              el('td', { class: (d.scenario ?? 0) > (d.baseline ?? 0) ? 'diff-up' : 'diff-down' }, fmt(d.scenario))))));
      } catch (err) { clear(diff).appendChild(errorBox(err)); }
      diff.scrollIntoView({ block: 'nearest' }); // the result sits above the buttons
    };
    const run = el('button', { id: 'recompute', onclick: recompute }, 'Recompute');
    assumed.append(el('p', {}, el('button', { id: 'recompute-assumed', onclick: recompute }, 'Recompute with these facts'), ' ',
      el('button', { onclick: () => { assume.value = ASSUME_EXAMPLE; } }, 'Use the example')));
    clear(facts).append(el('h3', {}, 'Facts of the relation'), run,
      el('ul', { class: 'facts-list' }, r.facts.map((f, i) => el('li', {}, el('label', {}, boxes[i], ` ${f.start || ''} ${f.title} `, el('span', { class: 'muted' }, `[${f.id}]`))))));
  } catch (err) { clear(facts).appendChild(errorBox(err)); }
}

// ---- about ---------------------------------------------------------------

/** References of the measures and the data. */
const REFERENCES = [
  'Lake, David A. 2009. Hierarchy in International Relations. Ithaca: Cornell University Press. (Security and economic hierarchy.)',
  'Bailey, Michael A., Anton Strezhnev and Erik Voeten. 2017. "Estimating Dynamic State Preferences from United Nations Voting Data." Journal of Conflict Resolution 61 (2): 430–456. (Ideal points, agreement.)',
  'Voeten, Erik, Anton Strezhnev and Michael Bailey. United Nations General Assembly Voting Data. Harvard Dataverse. (The roll calls; the published ideal points and agreement.)',
  'Cohen, Jacob. 1960. "A Coefficient of Agreement for Nominal Scales." Educational and Psychological Measurement 20 (1): 37–46; Signorino, Curtis S. and Jeffrey M. Ritter. 1999. "Tau-b or Not Tau-b." International Studies Quarterly 43 (1): 115–144. (Agreement scores.)',
  'Holzinger, Katharina and Christoph Knill. 2005. "Causes and Conditions of Cross-National Policy Convergence." Journal of European Public Policy 12 (5): 775–796. (Convergence.)',
  'Singer, J. David, Stuart Bremer and John Stuckey. 1972. "Capability Distribution, Uncertainty, and Major Power War, 1820–1965." Correlates of War National Material Capabilities, v6.0. (Population.)',
  'Leeds, Brett Ashley et al. 2002. "Alliance Treaty Obligations and Provisions, 1815–1944." International Interactions 28: 237–260; ATOP v5. (Alliances.)',
  'Barbieri, Katherine, Omar Keshk and Brian Pollins. 2009. "Trading Data." Conflict Management and Peace Science 26 (5): 471–491; Correlates of War Trade v4. (Trade shares.)',
  'Stockholm International Peace Research Institute. SIPRI Arms Transfers Database (trend-indicator values). (Arms-import shares.)',
  'Allen, Michael A., Michael E. Flynn and Carla Martinez Machain. troopdata: US military deployments abroad. (United States troops.)',
  'Okabe, Masataka and Kei Ito. 2008. Color Universal Design; Machado, Gustavo M., Manuel M. Oliveira and Leandro A. F. Fernandes. 2009. "A Physiologically-based Model for Simulation of Color Vision Deficiency." IEEE TVCG 15 (6). (The palette and its check.)',
];

async function aboutView(_a, _b, q) {
  const specs = Object.values(SPECS);
  const list = el('div', { id: 'about-list' }, specs.map((m) => el('section', { class: 'measure-about', id: `m-${m.name}`, 'data-measure': m.name },
    el('h3', {}, m.label), el('p', { class: 'muted' }, `${m.unit}${m.parent ? ` · part of ${(SPECS[m.parent] || {}).label || m.parent}` : ''}${m.weighted ? ', weighted' : ''} · name in the data: ${m.name}`),
    el('p', { class: 'about' }, m.plain),
    el('dl', { class: 'measures' },
      el('dt', {}, 'How it is computed'), el('dd', { class: 'formula' }, m.counts),
      el('dt', {}, 'For a specialist'), el('dd', {}, m.about),
      el('dt', {}, 'Years and states covered'), el('dd', {}, m.coverage),
      el('dt', {}, 'A year without data'), el('dd', {}, m.missing)))));
  const topics = el('dl', { class: 'measures', id: 'about-topics' }, Object.entries(ABOUT).filter(([k]) => !SPECS[k]).map(([k, v]) =>
    [el('dt', {}, { phases: 'Phases', ideal: 'Ideal points', agreement: 'Agreement in UN votes' }[k] || k), el('dd', {}, v)]).flat());
  show(el('h2', {}, 'What the measures mean'),
    el('p', { class: 'about' }, 'Every measure runs from 0 (no sign of hierarchy) to 1 (as much as the most dependent state the bigger power has), unless its unit says otherwise. Each value says which sources it rests on; a year no source reaches is marked "not covered", never counted as zero.'),
    el('h3', {}, 'Measured, predicted, carried'),
    el('dl', { class: 'measures', id: 'about-basis' },
      el('dt', {}, 'Measured'), el('dd', {}, 'From a source that covers the year.'),
      el('dt', {}, 'Predicted (p, dashed, hollow points)'), el('dd', {}, 'Past the end of the UN vote record, alignment is predicted from published figures: the share of votes with the dominant state (to 2023), then the published ideal points (2024), each chained on the year before, so that the switch of source moves nothing by itself. An estimate, drawn apart from measured values.'),
      el('dt', {}, 'Carried (c, dotted, hollow points)'), el('dd', {}, 'No source reaches the year: a combined measure carries the last value of the part whose dataset ended (trade to 2014, arms transfers to 2021 …), and says from which year.'),
      el('dt', {}, 'Rests on a part without data (m)'), el('dd', {}, 'A combined value counts a part without data over its whole range: the value with that part at the middle of its range, the band from 0 to 1 — never as zero, never as its maximum.')),
    el('h3', {}, 'The measures'), list,
    el('h3', {}, 'Other terms'), topics,
    el('h3', {}, 'References'), el('ol', { class: 'references', id: 'references' }, REFERENCES.map((r) => el('li', {}, r))),
    el('h3', {}, 'Data versions'), await citeLine());
  const m = q && q.get('m');
  if (m) { const s = document.getElementById(`m-${m}`); if (s) { s.classList.add('selected'); s.scrollIntoView({ block: 'start' }); } }
}
