// The hegemony dashboard: plain JavaScript, no library, no build step.
// Every text from the server or the user is set with textContent (el() and
// text nodes); nothing is ever assigned to innerHTML.
'use strict';

const API = '/api/v1';
const main = () => document.getElementById('main');
let ABOUT = {};

// ---- small helpers -------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) { return build(document.createElement(tag), attrs, children); }

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The same for an SVG element (the map). */
function sel(tag, attrs, ...children) { return build(document.createElementNS(SVG_NS, tag), attrs, children); }

function build(e, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

/** Escapes text for HTML (for the rare string that must be built as markup; the page itself never does). */
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
window.esc = esc;

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function show(...children) { const m = clear(main()); for (const c of children.flat()) if (c) m.appendChild(c); }

function fmt(v, digits = 2) {
  if (v === null || v === undefined) return '–';
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(digits);
}

/** A point's value for a table: marked p (predicted), c (carried) or m (rests on a part without data), as in the CLI. */
function pointCell(p) {
  if (!p) return el('td', {}, '–');
  const mark = p.basis === 'predicted' ? 'p' : p.basis === 'carried' ? 'c' : (p.missing && p.missing.length ? 'm' : '');
  const why = { p: 'predicted from a published figure', c: `carried from ${p.carried_from || 'an earlier year'} (the source ends earlier)`, m: `rests on parts without data: ${(p.missing || []).join(', ')}` }[mark];
  return el('td', why ? { title: why, class: `basis-${p.basis}` } : {}, fmt(p.value) + mark);
}

async function api(path, opts) {
  const res = await fetch(API + path, opts);
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (body && body.error) || { code: 'http_' + res.status, message: String(body) };
    const err = new Error(e.message);
    err.code = e.code;
    throw err;
  }
  return body;
}

function errorBox(err) {
  return el('div', { class: 'error', role: 'alert' }, el('b', {}, err.code || 'error'), ': ', err.message || String(err));
}

function about(name) {
  return ABOUT[name] ? el('p', { class: 'about' }, ABOUT[name]) : null;
}

/** Fetches an SVG chart and inserts it as DOM nodes (parsed as XML; scripts never run). */
async function loadChart(container, url) {
  const text = await api(url);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true);
  for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
  clear(container).appendChild(svg);
  return svg;
}

function stateForm(fields, onsubmit) {
  const inputs = {};
  const form = el('form', { class: 'bar' });
  for (const [name, label, value, size] of fields) {
    inputs[name] = el('input', { name, value: value ?? '', size: size || 8, 'aria-label': label });
    form.appendChild(el('label', {}, label, inputs[name]));
  }
  form.appendChild(el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); onsubmit(Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()]))); });
  return form;
}

// ---- relation page -------------------------------------------------------

async function relationView(dom = 'RUS', sub = 'ARM', q) {
  const years = q.get('years') || '';
  const chart = el('div', { class: 'chart', id: 'chart' }, el('p', { class: 'muted' }, 'Computing the profile…'));
  const details = el('div', { class: 'panel', id: 'details' },
    el('h3', {}, 'Click a point'),
    el('p', { class: 'muted' }, 'Click a point of the chart to see the facts and data behind it; a diamond on the bottom row is a key fact; a shaded band is a phase.'));
  const phases = el('div', { class: 'panel', id: 'phases' });
  const measures = el('div', { class: 'panel' }, el('h3', {}, 'What the lines mean'),
    el('dl', { class: 'measures' }, ['composite', 'security', 'economic', 'institutionalisation', 'alignment', 'phases']
      .map((m) => [el('dt', {}, m), el('dd', {}, ABOUT[m] || '')]).flat()));
  show(
    el('h2', { id: 'title' }, `${sub} under ${dom}`),
    stateForm([['dom', 'dominant', dom], ['sub', 'subordinate', sub], ['years', 'years', years]],
      (v) => { location.hash = `#/relation/${encodeURIComponent(v.dom)}/${encodeURIComponent(v.sub)}` + (v.years ? `?years=${encodeURIComponent(v.years)}` : ''); }),
    el('p', {},
      el('a', { href: `${API}/relations/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}/report.html` + (years ? `?years=${encodeURIComponent(years)}` : ''), download: `${sub}-${dom}-report.html` }, 'Download the report (one HTML file)'),
      ' · ', el('a', { href: `#/whatif/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}` }, 'What if…?')),
    chart, details, phases, votesPanel(dom, sub, years), measures);
  const base = `/relations/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}`;
  const yq = years ? `years=${encodeURIComponent(years)}` : '';
  nameTitle(dom, sub);
  try {
    const svg = await loadChart(chart, `${base}/chart.svg?${yq}`);
    svg.addEventListener('click', (ev) => {
      const t = ev.target;
      if (t.matches('circle.pt')) {
        for (const s of svg.querySelectorAll('circle.pt.selected')) s.classList.remove('selected');
        t.classList.add('selected');
        pointDetails(details, base, yq, t.dataset.measure, Number(t.dataset.year));
      } else if (t.matches('path.fact')) {
        pointDetails(details, base, yq, null, Number(t.dataset.year), t.dataset.id);
      } else if (t.matches('rect.phase')) {
        const title = t.querySelector('title');
        clear(details).append(el('h3', {}, `Phase ${t.dataset.from}–${t.dataset.to}`), el('p', {}, title ? title.textContent : ''));
      }
    });
    const p = await api(`${base}/periods?${yq}`);
    clear(phases).append(el('h3', {}, 'Phases'), about('phases'), el('ul', { id: 'phase-list' }, p.periods.map((ph) => {
      const facts = p.breaks.filter((b) => b.year === ph.from).flatMap((b) => b.facts).filter((f) => !f.id.startsWith('claim'));
      const seen = new Set();
      return el('li', { 'data-from': ph.from, 'data-to': ph.to }, el('b', {}, `${ph.from}–${ph.to}`), ': ',
        Object.entries(ph.means).map(([k, v]) => `${k} ${fmt(v)}`).join(', '),
        ph.moved.length ? el('div', { class: 'moved' }, 'What moved: ', ph.moved.join(' · ')) : null,
        facts.length ? el('ul', {}, facts.filter((f) => !seen.has(f.id) && seen.add(f.id)).slice(0, 5).map((f) => el('li', {}, `${f.date} ${f.text} `, el('span', { class: 'muted' }, `[${f.id}]`)))) : null);
    })));
  } catch (err) {
    clear(chart).appendChild(errorBox(err));
  }
}

/** UN voting of the dyad by year: agreement scores and both states' ideal points, on demand. */
function votesPanel(dom, sub, years) {
  const out = el('div', { id: 'votes-table' });
  const base = `/relations/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}`;
  const yq = years ? `?years=${encodeURIComponent(years)}` : '';
  const load = async () => {
    clear(out).append(el('p', { class: 'muted' }, 'Loading (the ideal-point model of the whole record takes a few seconds the first time)…'));
    try {
      const [ag, id] = await Promise.all([api(`${base}/agreement${yq}`), api(`${base}/ideal${yq}`)]);
      const ideal = new Map(id.series.map((p) => [p.year, p]));
      clear(out).append(el('table', { class: 'data' },
        el('tr', {}, ['year', 'votes', 'identical', 'kappa', `θ ${sub}`, `θ ${dom}`, 'distance'].map((h) => el('th', {}, h))),
        ag.rows.map((r) => {
          const p = ideal.get(r.year);
          return el('tr', {}, el('td', {}, r.year), el('td', {}, r.n), el('td', {}, fmt(r.identical)), el('td', {}, fmt(r.kappa)),
            el('td', {}, p ? fmt(p.subordinate.theta) : '–'), el('td', {}, p ? fmt(p.dominant.theta) : '–'), el('td', {}, p ? fmt(p.distance) : '–'));
        })));
    } catch (err) { clear(out).appendChild(errorBox(err)); }
  };
  return el('div', { class: 'panel', id: 'votes' }, el('h3', {}, 'UN votes'), about('agreement'), about('ideal'),
    el('button', { id: 'load-votes', onclick: load }, 'Show agreement and ideal points by year'), out);
}

/** Replaces the codes in the page title by the states' names. */
async function nameTitle(dom, sub) {
  try {
    const name = async (q) => { const r = await api(`/states?q=${encodeURIComponent(q)}`); return (r.find((s) => s.code === q.toUpperCase()) || r[0]).name; };
    const [d, s] = await Promise.all([name(dom), name(sub)]);
    document.getElementById('title').textContent = `${s} under ${d}`;
  } catch (_) { /* the codes stay */ }
}

async function pointDetails(panel, base, yq, measure, year, factId) {
  clear(panel).append(el('h3', {}, `${year}`), el('p', { class: 'muted' }, 'Loading…'));
  try {
    const mq = measure ? `&measure=${encodeURIComponent(measure)}` : '';
    const [ex, facts] = await Promise.all([
      api(`${base}/explain?year=${year}${mq}&${yq}`),
      api(`${base}/facts?year=${year}`),
    ]);
    const m = ex.measures[0];
    const parts = [el('h3', { id: 'details-title' }, measure ? `${m.label}, ${year}` : `Facts of ${year}`)];
    if (measure && m) {
      const pt = m.point || {};
      parts.push(el('p', {}, el('b', { class: 'value' }, fmt(pt.value, 3)), ` ${m.unit || ''}`,
        pt.lo !== undefined ? ` (range ${fmt(pt.lo)}–${fmt(pt.hi)})` : '', ` · coverage: ${pt.coverage || '–'}`,
        pt.carried_from ? ` · carried from ${pt.carried_from}` : ''));
      if (pt.note) parts.push(el('p', { class: 'muted' }, pt.note));
      parts.push(about(m.name) || el('p', { class: 'about' }, m.about));
      if (m.components && m.components.length) {
        parts.push(el('table', { class: 'data' }, el('tr', {}, el('th', {}, 'component'), el('th', {}, 'value'), el('th', {}, 'weight'), el('th', {}, 'source')),
          m.components.map((c) => el('tr', {}, el('td', {}, c.label), el('td', {}, fmt(c.point && c.point.value, 3)), el('td', {}, c.weight ?? ''), el('td', { class: 'text' }, (c.point && c.point.source) || '')))));
      }
      const sources = (pt.sources || []);
      parts.push(el('h4', {}, `Sources (${sources.length})`), el('ul', { class: 'sources' }, sources.slice(0, 40).map((s) => {
        const id = s.startsWith('kb:') ? s.slice(3) : null;
        return el('li', {}, s, id && ex.fact_titles[id] ? el('span', { class: 'muted' }, ` — ${ex.fact_titles[id]}`) : null);
      })));
    }
    const factItem = (f) => el('li', { 'data-id': f.id, class: f.id === factId ? 'selected' : null },
      el('b', {}, f.title), ` (${f.kind}, ${f.status}) `, el('span', { class: 'muted' }, `[${f.id}]`),
      f.sources && f.sources.length ? el('div', { class: 'muted' }, f.sources.map((s) => [s.kind, s.title, s.page && `p. ${s.page}`].filter(Boolean).join(', ')).join('; ')) : null,
      (f.sources || []).filter((s) => s.quote).slice(0, 2).map((s) => el('blockquote', { class: 'quote' }, `“${s.quote}”`)),
      el('a', { class: 'passages', href: `#/evidence?q=${encodeURIComponent(f.title)}` }, 'passages in the documents'));
    // A value's own facts first; the rest of the year's facts folded away (busy years have dozens).
    const used = new Set(measure && m && m.point ? (m.point.sources || []).filter((s) => s.startsWith('kb:')).map((s) => s.slice(3)) : []);
    const mine = facts.facts.filter((f) => used.has(f.id));
    const rest = facts.facts.filter((f) => !used.has(f.id));
    if (mine.length) {
      parts.push(el('h4', {}, `Facts this value rests on (${mine.length})`), el('ul', { class: 'facts-list', id: 'facts-list' }, mine.map(factItem)),
        rest.length ? el('details', { class: 'more-facts' }, el('summary', {}, `Other facts of the relation in ${year} (${rest.length})`), el('ul', { class: 'facts-list' }, rest.map(factItem))) : null);
    } else {
      parts.push(el('h4', {}, `Facts of the relation in ${year} (${facts.facts.length})`), el('ul', { class: 'facts-list', id: 'facts-list' }, facts.facts.map(factItem)));
    }
    clear(panel).append(...parts);
  } catch (err) {
    clear(panel).appendChild(errorBox(err));
  }
}

// ---- comparison and map --------------------------------------------------

// The comparison's columns, [name, header], from the catalogue of measures (/api/v1/measures).
let COLUMNS = [];

async function compareView(dom = 'RUS', _x, q) {
  const states = q.get('states') || 'all';
  const year = q.get('year') || '';
  const out = el('div', { id: 'compare' }, el('p', { class: 'muted' }, 'Computing…'));
  show(el('h2', {}, `Subordinates of ${dom}`), about('composite'),
    stateForm([['dom', 'dominant', dom], ['states', 'states (ARM,BLR or all)', states, 16], ['year', 'year', year]],
      (v) => { location.hash = `#/compare/${encodeURIComponent(v.dom)}?states=${encodeURIComponent(v.states || 'all')}` + (v.year ? `&year=${encodeURIComponent(v.year)}` : ''); }),
    out);
  try {
    const r = await api(`/compare?dominant=${encodeURIComponent(dom)}&states=${encodeURIComponent(states)}` + (year ? `&year=${encodeURIComponent(year)}` : ''));
    let rows = r.rows;
    let sortKey = 'rank', dir = 1;
    const table = el('table', { class: 'data', id: 'compare-table' });
    const value = (row, k) => k === 'rank' ? row.rank : k === 'state' ? row.state : (row.values[k] && row.values[k].value);
    const render = () => {
      rows = rows.slice().sort((a, b) => {
        const x = value(a, sortKey), y = value(b, sortKey);
        if (x === y) return 0; if (x === null || x === undefined) return 1; if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
      const head = el('tr', {}, [['state', 'state'], ['rank', 'rank'], ...COLUMNS].map(([k, label]) =>
        el('th', { 'data-key': k, onclick: () => { dir = sortKey === k ? -dir : (k === 'state' || k === 'rank' ? 1 : -1); sortKey = k; render(); } }, label + (sortKey === k ? (dir > 0 ? ' ▲' : ' ▼') : ''))));
      clear(table).append(head, ...rows.map((row) => el('tr', { 'data-state': row.state },
        el('td', {}, el('a', { href: `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(row.state)}` }, row.name || row.state)),
        el('td', {}, row.rank ? `${row.rank} (${row.rank_best}–${row.rank_worst})` : '–'),
        COLUMNS.map(([k]) => pointCell(row.values[k]))))); 
    };
    render();
    clear(out).append(el('p', { class: 'muted' }, `${r.year}; rank among the subordinates, with its range under random weights. Click a column to sort. p = predicted from a published figure, c = carried from an earlier year, m = rests on a part without data.`), table);
  } catch (err) {
    clear(out).appendChild(errorBox(err));
  }
}

// The map: Natural Earth 1:110m countries (assets/map/countries.json, see
// assets/map/README.md), drawn as SVG in an equirectangular projection
// fitted to the dominant state and its subordinates.

function colourOf(v) {
  if (v === null || v === undefined) return '#eeeeee';
  const t = Math.max(0, Math.min(1, v));
  const a = [255, 247, 236], b = [179, 0, 0];
  return `rgb(${a.map((x, i) => Math.round(x + (b[i] - x) * t)).join(',')})`;
}

let COUNTRIES = null;
/** The country outlines, fetched once. */
async function countries() {
  if (!COUNTRIES) {
    const res = await fetch('/assets/map/countries.json');
    if (!res.ok) throw Object.assign(new Error('the map outlines could not be loaded'), { code: 'http_' + res.status });
    COUNTRIES = (await res.json()).countries;
    for (const c of COUNTRIES) c.rings = c.polygons.map((pts) => ({ pts, max: Math.max(...pts.map((p) => p[0])) }));
  }
  return COUNTRIES;
}

/** The box [west, south, east, north] of the named states; `wrap`: rings wholly west of 150°W counted 360° east (Alaska beside Chukotka). */
function boxOf(all, codes, wrap) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of all) {
    if (!codes.has(c.state)) continue;
    for (const r of c.rings) {
      const dx = wrap && r.max < -150 ? 360 : 0;
      for (const [lon, lat] of r.pts) {
        b[0] = Math.min(b[0], lon + dx); b[2] = Math.max(b[2], lon + dx);
        b[1] = Math.min(b[1], lat); b[3] = Math.max(b[3], lat);
      }
    }
  }
  return b;
}

/** The map of `dom` and its comparison rows as an SVG element (viewBox 1000 wide). */
function drawMap(all, dom, rows, clickTo) {
  const byState = new Map(rows.map((r) => [r.state, r]));
  const codes = new Set([dom, ...rows.map((r) => r.state)]);
  // Across the antimeridian when the box reaches past it (Russia's Chukotka
  // runs on past 180°E in the data) or wrapping makes it narrower; a box
  // round most of the globe is the world from 180°W to 180°E instead.
  const plain = boxOf(all, codes, false), wrapped = boxOf(all, codes, true);
  let wrap = plain[2] > 180 || wrapped[2] - wrapped[0] < plain[2] - plain[0];
  let [w, s, e, n] = wrap ? wrapped : plain;
  if (e - w > 300) [wrap, w, e] = [false, -180, 180];
  if (!Number.isFinite(w)) [w, s, e, n] = [-170, -58, 190, 84];
  const mx = e - w >= 360 ? 0 : Math.max(2, (e - w) * 0.06), my = Math.max(2, (n - s) * 0.08);
  [w, s, e, n] = [w - mx, Math.max(-85, s - my), e + mx, Math.min(86, n + my)];
  const kx = Math.cos(((s + n) / 2) * Math.PI / 180);
  const W = 1000;
  const H = Math.round(Math.min(700, Math.max(380, W * (n - s) / ((e - w) * kx))));
  const scale = Math.min(W / ((e - w) * kx), H / (n - s));
  const cx = (w + e) / 2, cy = (s + n) / 2;
  const project = (lon, lat) => [W / 2 + (lon - cx) * kx * scale, H / 2 - (lat - cy) * scale];
  const shapes = (c) => {
    const out = [];
    for (const r of c.rings) {
      const dx = wrap && r.max < -150 ? 360 : 0;
      const pts = r.pts.map(([lon, lat]) => project(lon + dx, lat));
      const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
      const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      if (box[2] < 0 || box[0] > W || box[3] < 0 || box[1] > H) continue; // out of view
      out.push({ d: 'M' + pts.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join('L') + 'Z', box });
    }
    return out;
  };
  const svg = sel('svg', { viewBox: `0 0 ${W} ${H}`, class: 'geomap', role: 'img', 'aria-label': `Map of ${dom} and its subordinates` },
    sel('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }));
  const others = sel('g', { class: 'others' }), markers = sel('g', { class: 'markers' }), subs = sel('g', { class: 'subordinates' }), labels = sel('g', { class: 'labels' });
  // Markers above the countries: a small state's marker stays clickable among larger neighbours.
  svg.append(others, subs, markers, labels);
  for (const c of all) {
    const parts = shapes(c);
    if (!parts.length) continue;
    const d = parts.map((p) => p.d).join('');
    const row = byState.get(c.state);
    // The label and the marker sit on the largest part.
    const big = parts.reduce((a, p) => ((p.box[2] - p.box[0]) * (p.box[3] - p.box[1]) > (a.box[2] - a.box[0]) * (a.box[3] - a.box[1]) ? p : a));
    const [lx, ly] = [(big.box[0] + big.box[2]) / 2, (big.box[1] + big.box[3]) / 2];
    if (c.state === dom) {
      others.appendChild(sel('path', { d, class: 'dominant', 'data-state': c.state, fill: '#1d2b3a' }, sel('title', {}, `${c.name}: the dominant state`)));
      labels.appendChild(sel('text', { x: lx, y: ly, class: 'dominant' }, dom));
    } else if (row) {
      const v = row.values.composite && row.values.composite.value;
      const tip = `${row.name || c.name}: composite ${fmt(v)}` + (row.rank ? `, rank ${row.rank} (${row.rank_best}–${row.rank_worst})` : '');
      const go = () => clickTo(row.state);
      subs.appendChild(sel('path', { d, class: 'sub', 'data-state': row.state, fill: colourOf(v), onclick: go }, sel('title', {}, tip)));
      // A state too small to click at this scale gets a round marker underneath, clickable around it.
      if (big.box[2] - big.box[0] < 12 && big.box[3] - big.box[1] < 12) {
        markers.appendChild(sel('circle', { cx: lx, cy: ly, r: 8, class: 'marker', 'data-marker': row.state, fill: colourOf(v), onclick: go }, sel('title', {}, tip)));
      }
      if (big.box[2] - big.box[0] >= 26 && big.box[3] - big.box[1] >= 12) labels.appendChild(sel('text', { x: lx, y: ly }, row.state));
    } else {
      others.appendChild(sel('path', { d, class: 'other' }, sel('title', {}, c.name)));
    }
  }
  return svg;
}

async function mapView(dom = 'RUS', yearArg, q) {
  const year = yearArg || q.get('year') || '';
  const out = el('div', { class: 'map-layout', id: 'map' }, el('p', { class: 'muted' }, 'Computing…'));
  const swatch = (colour, label, cls) => { const s = el('span', { class: cls || null }, label); s.style.background = colour || colourOf(null); return s; };
  const title = el('h2', {}, `${dom}'s hierarchy${year ? ' in ' + year : ''}`);
  show(title,
    el('p', { class: 'about' }, 'Each subordinate is coloured by its composite hierarchy score that year: darker means more hierarchy. Hover over a country for its value and rank; click it (or a row of the table) for the relation. Small states get a round marker.'),
    stateForm([['dom', 'dominant', dom], ['year', 'year', year]], (v) => { location.hash = `#/map/${encodeURIComponent(v.dom)}/${encodeURIComponent(v.year)}`; }),
    el('div', { class: 'legend-bar', id: 'map-legend' }, el('span', { class: 'legend-label' }, 'composite'),
      [0, 0.25, 0.5, 0.75, 1].map((v) => swatch(colourOf(v), fmt(v), v > 0.6 ? 'dark' : null)),
      swatch(null, 'no value'), swatch('#1d2b3a', dom, 'dark'), swatch('#d9d9d9', 'other')),
    out);
  try {
    const [r, all] = await Promise.all([
      api(`/compare?dominant=${encodeURIComponent(dom)}&states=all` + (year ? `&year=${encodeURIComponent(year)}` : '')),
      countries(),
    ]);
    title.textContent = `${dom}'s hierarchy in ${r.year}`;
    const relation = (code) => { location.hash = `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(code)}`; };
    const rows = r.rows.slice().sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
    const drawn = new Set(all.map((c) => c.state));
    const table = el('table', { class: 'data', id: 'map-table' },
      el('tr', {}, el('th', {}, 'state'), el('th', {}, 'composite'), el('th', {}, 'rank (range)')),
      rows.map((row) => {
        const v = row.values.composite && row.values.composite.value;
        const dot = el('span', { class: 'dot' }); dot.style.background = colourOf(v);
        return el('tr', { 'data-state': row.state },
          el('td', {}, dot, el('a', { href: `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(row.state)}` }, row.name || row.state),
            drawn.has(row.state) ? null : el('span', { class: 'muted' }, ' (not on the map)')),
          el('td', {}, fmt(v)), el('td', {}, row.rank ? `${row.rank} (${row.rank_best}–${row.rank_worst})` : '–'));
      }));
    clear(out).append(el('div', { class: 'chart geomap-box' }, drawMap(all, dom, rows, relation)), table);
  } catch (err) {
    clear(out).appendChild(errorBox(err));
  }
}

// ---- evidence ------------------------------------------------------------

/** A snippet with the matched words between ** as <mark>, built from text nodes. */
function snippet(s) {
  return String(s).split('**').map((part, i) => (i % 2 ? el('mark', {}, part) : document.createTextNode(part)));
}

async function evidenceView(_a, _b, q) {
  const query = q.get('q') || '';
  const results = el('div', { id: 'results' });
  const docs = el('div', { id: 'documents', class: 'panel' });
  show(el('h2', {}, 'Evidence'),
    el('p', { class: 'about' }, 'Search the passages of the stored documents (analyses, news, expert comments). Every candidate fact the program extracted points to its exact place in the text.'),
    stateForm([['q', 'words', query, 30], ['actor', 'actor', q.get('actor') || ''], ['from', 'from year', q.get('from') || '', 6], ['to', 'to year', q.get('to') || '', 6]], (v) => {
      const p = new URLSearchParams(Object.entries(v).filter(([, x]) => x)); location.hash = `#/evidence?${p}`;
    }), results, docs, ingestForm());
  if (query) {
    try {
      const p = new URLSearchParams({ q: query });
      for (const k of ['actor', 'from', 'to']) if (q.get(k)) p.set(k, q.get(k));
      const r = await api(`/evidence/search?${p}`);
      clear(results).append(el('p', { class: 'muted' }, `${r.hits.length} passage(s)`), ...r.hits.map((h) => el('div', { class: 'hit' },
        el('a', { href: `#/document/${h.doc}?at=${h.start}` }, h.title || `document ${h.doc}`), el('span', { class: 'muted' }, ` · chars ${h.start}–${h.end}`),
        el('div', { class: 'snippet' }, snippet(h.snippet)))));
    } catch (err) { clear(results).appendChild(errorBox(err)); }
  }
  try {
    const r = await api('/evidence/documents');
    clear(docs).append(el('h3', {}, 'Documents'), el('ul', {}, r.documents.map((d) => el('li', {},
      el('a', { href: `#/document/${d.doc}` }, d.title || d.name), el('span', { class: 'muted' }, ` ${d.date || ''} · ${d.candidates} candidates`)))));
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
    clear(out).append(el('h2', { id: 'doc-title' }, d.title || d.name.split('/').pop()),
      el('p', { class: 'muted' }, `${d.name} · version ${d.version} · ${d.date || 'undated'} · SHA-256 ${d.sha256.slice(0, 12)} · ${d.spans.length} highlighted spans`),
      pre);
    if (anchor.isConnected) anchor.scrollIntoView({ block: 'center' });
  } catch (err) { clear(out).appendChild(errorBox(err)); }
}

function token() { return sessionStorage.getItem('hegemony-token') || ''; }

async function reviewView() {
  const list = el('div', { id: 'queue' }, el('p', { class: 'muted' }, 'Loading…'));
  const tok = el('input', { type: 'password', value: token(), size: 24, 'aria-label': 'token' });
  show(el('h2', {}, 'Review queue'),
    el('p', { class: 'about' }, 'Candidate facts waiting for a person. Accepting one writes it to the knowledge base with the passage as its source, only if the knowledge base still checks; rejecting records the decision. Changes need the token the server was started with.'),
    el('form', { class: 'bar', onsubmit: (e) => { e.preventDefault(); sessionStorage.setItem('hegemony-token', tok.value); } }, el('label', {}, 'token', tok), el('button', {}, 'Use token')),
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
          el('span', {}, el('button', { onclick: () => decide('accept') }, 'Accept'), ' ', el('button', { onclick: () => decide('reject') }, 'Reject'), ' ', msg));
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
        clear(diff).append(el('h3', { id: 'diff-count', 'data-count': w.differences.length }, `${w.differences.length} values change`),
          toml ? el('p', { class: 'muted' }, without.length ? 'The chart shows the facts left out; the table shows the assumed facts as well.' : 'The chart shows the knowledge base as it is; the table shows what the assumed facts change.') : null,
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

function aboutView() {
  show(el('h2', {}, 'What the measures mean'),
    el('p', { class: 'about' }, 'Every measure runs from 0 (no sign of hierarchy) to 1 (as much as the most dependent state the bigger power has). Each value says which sources it rests on; a year no source reaches is marked "not covered", never counted as zero.'),
    el('dl', { class: 'measures', id: 'about-list' }, Object.entries(ABOUT).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]).flat()));
}

// ---- routing -------------------------------------------------------------

const VIEWS = { relation: relationView, compare: compareView, map: mapView, evidence: evidenceView, document: documentView, review: reviewView, whatif: whatifView, about: aboutView, rsc: rscView };

async function route() {
  const hash = location.hash.replace(/^#\/?/, '') || 'relation/RUS/ARM';
  const [path, query] = hash.split('?');
  const [view, ...args] = path.split('/').map(decodeURIComponent);
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.view === view);
  const fn = VIEWS[view] || relationView;
  const q = new URLSearchParams(query || '');
  await fn(args[0] || undefined, args[1] || undefined, q);
  document.body.dataset.ready = view;
}

window.addEventListener('hashchange', () => { document.body.dataset.ready = ''; route(); });
window.addEventListener('DOMContentLoaded', async () => {
  try {
    const catalogue = await api('/measures');
    ABOUT = catalogue.about;
    const short = Object.fromEntries(catalogue.measures.map((m) => [m.name, m.short]));
    COLUMNS = catalogue.compared.map((n) => [n, short[n] || n]);
  } catch (_) { ABOUT = {}; }
  route();
});
