// The hegemony dashboard: plain JavaScript, no library, no build step.
// Every text from the server or the user is set with textContent (el() and
// text nodes); nothing is ever assigned to innerHTML.
//
// The files: app.js (helpers, downloads, permalinks, the citation, routing;
// loaded last), relation.js (a relation: headline, chart, small multiples,
// details, phases), compare.js (the comparison and the map), pages.js
// (evidence, documents, review, what-if, about). Each page is a function
// of the hash's parts and its query, registered in VIEWS below.
'use strict';

const API = '/api/v1';
const main = () => document.getElementById('main');
let ABOUT = {};
/** The catalogue of measures (/api/v1/measures), by name. */
let SPECS = {};
/** The colours of charts and map (/api/v1/palette). */
let PALETTE = null;
/** The server: writable or read-only, votes or not (/api/v1/health). */
let HEALTH = { writable: false, votes: false };

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


// ---- downloads: CSV and JSON of tables, SVG and PNG of charts ------------

/** Saves `blob` as `name` (an object URL on a transient link; nothing leaves the page). */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rows (objects) as CSV: the union of their keys as the header, RFC 4180 quoting, empty for missing. */
function toCsv(rows) {
  const keys = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\r\n') + '\r\n';
}

/** "CSV" and "JSON" buttons for a table; `rows()` gives its data (objects, full precision). */
function tableExports(name, rows) {
  const bar = el('span', { class: 'exports', 'data-exports': name }, 'Download: ');
  bar.append(
    el('button', { type: 'button', class: 'link', 'data-format': 'csv', onclick: async () => save(new Blob([toCsv(await rows())], { type: 'text/csv' }), `${name}.csv`) }, 'CSV'), ' ',
    el('button', { type: 'button', class: 'link', 'data-format': 'json', onclick: async () => save(new Blob([JSON.stringify(await rows(), null, 1)], { type: 'application/json' }), `${name}.json`) }, 'JSON'));
  return bar;
}

/** A chart's SVG as a standalone file (its own fonts and colours are attributes). */
function svgText(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', SVG_NS);
  for (const n of copy.querySelectorAll('.selected')) n.classList.remove('selected');
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG drawn on a white canvas at twice its size, as PNG. */
function svgPng(svg) {
  return new Promise((resolve, reject) => {
    const vb = (svg.getAttribute('viewBox') || '0 0 960 400').split(/\s+/).map(Number);
    const [w, h] = [vb[2], vb[3]];
    const img = new Image();
    img.onload = () => {
      const c = document.createElement('canvas');
      c.width = w * 2; c.height = h * 2;
      const g = c.getContext('2d');
      g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      c.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png');
    };
    img.onerror = () => reject(new Error('the chart could not be drawn as PNG'));
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText(svg));
  });
}

/** "SVG" and "PNG" buttons for the chart `svg()` returns. */
function chartExports(name, svg) {
  return el('span', { class: 'exports', 'data-exports': name }, 'Download: ',
    el('button', { type: 'button', class: 'link', 'data-format': 'svg', onclick: () => { const s = svg(); if (s) save(new Blob([svgText(s)], { type: 'image/svg+xml' }), `${name}.svg`); } }, 'SVG'), ' ',
    el('button', { type: 'button', class: 'link', 'data-format': 'png', onclick: async () => { const s = svg(); if (s) save(await svgPng(s), `${name}.png`); } }, 'PNG'));
}

// ---- permalinks: the page's state is in the URL --------------------------

/** Sets query parameters of the current hash without reloading the page (null removes one). */
function setQuery(changes) {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const q = new URLSearchParams(query || '');
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') q.delete(k); else q.set(k, v);
  }
  const s = q.toString();
  history.replaceState(null, '', `#/${path}${s ? '?' + s : ''}`);
}

/** A "copy the link" button: the URL holds the page's state. */
function permalink() {
  const msg = el('span', { class: 'muted', role: 'status' });
  return el('span', { class: 'permalink' },
    el('button', { type: 'button', class: 'link', id: 'copy-link', onclick: async () => {
      try { await navigator.clipboard.writeText(location.href); msg.textContent = ' copied'; } catch (_) { msg.textContent = ` ${location.href}`; }
    } }, 'Copy the link to this view'), msg);
}

/** The line to cite, with the program and data versions and their SHA-256 (/api/v1/citation). */
let CITATION = null;
async function citeLine() {
  const box = el('div', { class: 'cite', id: 'cite' });
  try {
    CITATION = CITATION || await api('/citation');
    box.append(el('b', {}, 'How to cite: '), CITATION.text,
      el('details', {}, el('summary', {}, 'Data files and their SHA-256'),
        el('table', { class: 'data' }, el('tr', {}, el('th', {}, 'file'), el('th', {}, 'SHA-256'), el('th', {}, 'rows')),
          CITATION.data.map((d) => el('tr', {}, el('td', {}, d.file), el('td', { class: 'text mono' }, d.sha256), el('td', {}, d.rows))),
          el('tr', {}, el('td', {}, `knowledge base (${CITATION.knowledge_base.facts} facts)`), el('td', { class: 'text mono' }, CITATION.knowledge_base.sha256), el('td', {}, '')))));
  } catch (err) { box.append(errorBox(err)); }
  return box;
}

/** Every state's name by its code (/api/v1/states with no query lists them all), fetched once. */
let NAMES = null;
async function stateNames() {
  if (!NAMES) NAMES = new Map((await api('/states').catch(() => [])).map((s) => [s.code, s.name]));
  return NAMES;
}
/** A state's name for people (its code if the registry does not know it, or the names are not loaded). */
function nameOf(code) { return (NAMES && NAMES.get(code)) || code; }

/** A measure's name for people, linked to its explanation on the About page. */
function measureLink(name, text) {
  return el('a', { href: `#/about?m=${encodeURIComponent(name)}`, title: ABOUT[name] || '' }, text || (SPECS[name] && SPECS[name].label) || name);
}

// ---- routing -------------------------------------------------------------

// The pages by the hash's first part; the view files load before this one.
const VIEWS = { relation: relationView, compare: compareView, map: mapView, evidence: evidenceView, document: documentView, review: reviewView, whatif: whatifView, about: aboutView, rsc: rscView };

let ROUTED = 0;
async function route() {
  const mine = ++ROUTED;
  const hash = location.hash.replace(/^#\/?/, '') || 'relation/RUS/ARM';
  const [path, query] = hash.split('?');
  const [view, ...args] = path.split('/').map(decodeURIComponent);
  for (const a of document.querySelectorAll('nav a')) {
    const on = a.dataset.view === view;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const fn = VIEWS[view] || relationView;
  const q = new URLSearchParams(query || '');
  await fn(args[0] || undefined, args[1] || undefined, q);
  // A page left before it finished does not mark the next one ready.
  if (mine === ROUTED) document.body.dataset.ready = view;
}

window.addEventListener('hashchange', () => { document.body.dataset.ready = ''; route(); });
window.addEventListener('DOMContentLoaded', async () => {
  const [catalogue, palette, health] = await Promise.all([api('/measures'), api('/palette'), api('/health')].map((p) => p.catch(() => null)));
  if (catalogue) {
    ABOUT = catalogue.about;
    SPECS = Object.fromEntries(catalogue.measures.map((m) => [m.name, m]));
    COLUMNS = catalogue.compared.map((n) => [n, (SPECS[n] && SPECS[n].short) || n]);
  }
  PALETTE = palette;
  if (health) HEALTH = health;
  document.body.classList.toggle('read-only', !HEALTH.writable);
  const foot = document.getElementById('cite-foot');
  if (foot) citeLine().then((c) => foot.replaceChildren(c));
  route();
});
