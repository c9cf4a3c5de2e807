// The comparison of a dominant state's subordinates (a dot plot of the
// composite with its band and rank interval, then the table, every number
// linked to its explanation) and the map of its hierarchy in a year.

// The comparison's columns, [name, header], from the catalogue of measures (/api/v1/measures).
let COLUMNS = [];

/** A year chooser over `years`, `year` chosen; `complete` marked as the latest year measured in every part. */
function yearChooser(years, year, complete, onchange) {
  const sel = el('select', { id: 'year-choice', 'aria-label': 'year' });
  for (let y = years[1]; y >= years[0]; y--) {
    sel.appendChild(el('option', { value: y, selected: y === year }, y === complete ? `${y} (latest complete)` : String(y)));
  }
  sel.addEventListener('change', () => onchange(Number(sel.value)));
  return el('label', { class: 'year-choice' }, 'Year ', sel);
}

/** The dot plot: one row per state, the composite's dot on its band, the rank and its interval beside it. */
function dotPlot(rows, dom, year) {
  const W = 720, rowH = 26, left = 170, right = 150, top = 30;
  const H = top + rows.length * rowH + 26;
  const x = (v) => left + Math.max(0, Math.min(1, v)) * (W - left - right);
  const svg = sel('svg', { viewBox: `0 0 ${W} ${H}`, class: 'dotplot', id: 'dotplot', role: 'img', 'font-family': 'sans-serif', 'font-size': 12,
    'aria-label': `Composite hierarchy of ${dom}'s subordinates in ${year}, with the 90% band and the rank interval` });
  svg.append(sel('title', {}, `Hierarchy (composite) of the subordinates of ${dom}, ${year}`));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(sel('line', { x1: x(v), x2: x(v), y1: top - 6, y2: H - 22, stroke: '#ddd' }),
      sel('text', { x: x(v), y: H - 8, 'text-anchor': 'middle', fill: '#444' }, v.toFixed(2)));
  }
  svg.append(sel('text', { x: left, y: 14, fill: '#444' }, 'composite (dot) and its 90% band (line); 1 = most hierarchy'),
    sel('text', { x: W - right + 10, y: 14, fill: '#444' }, 'rank (interval)'));
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const p = r.values.composite;
    const g = sel('g', { class: 'dot-row', 'data-state': r.state });
    g.append(sel('a', { href: `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(r.state)}` },
      sel('text', { x: left - 10, y: y + 4, 'text-anchor': 'end', fill: '#1d4f91' }, r.name || r.state)));
    if (p && p.value !== null && p.value !== undefined) {
      const estimated = p.basis && p.basis !== 'measured';
      if (p.lo !== undefined && p.hi !== undefined) g.append(sel('line', { class: 'band', x1: x(p.lo), x2: x(p.hi), y1: y, y2: y, stroke: '#888', 'stroke-width': 4, 'stroke-linecap': 'round', 'stroke-opacity': 0.5 }));
      g.append(sel('circle', { class: `dot${estimated ? ' estimated' : ''}`, cx: x(p.value), cy: y, r: 6, fill: estimated ? '#fff' : '#000', stroke: '#000', 'stroke-width': 1.5, 'data-basis': p.basis },
        sel('title', {}, `${r.name}: ${fmt(p.value)} (band ${fmt(p.lo)}–${fmt(p.hi)})${estimated ? `; ${BASIS_WORDS[p.basis]}` : ''}${p.missing && p.missing.length ? `; no data for ${p.missing.join(', ')}` : ''}`)));
    } else {
      g.append(sel('text', { x: left + 4, y: y + 4, fill: '#777' }, 'no value'));
    }
    g.append(sel('text', { class: 'rank', x: W - right + 10, y: y + 4, fill: '#222' }, r.rank ? `${r.rank} (${r.rank_best}–${r.rank_worst})` : 'not ranked'));
    svg.append(g);
  });
  return svg;
}

async function compareView(dom = 'RUS', _x, q) {
  const states = q.get('states') || 'all';
  const year = q.get('year') || '';
  const out = el('div', { id: 'compare' }, el('p', { class: 'muted' }, 'Computing…'));
  const title = el('h2', {}, `Subordinates of ${dom}`);
  show(title, about('composite'),
    stateForm([['dom', 'dominant', dom], ['states', 'states (ARM,BLR or all)', states, 16]],
      (v) => { location.hash = `#/compare/${encodeURIComponent(v.dom)}?states=${encodeURIComponent(v.states || 'all')}` + (year ? `&year=${encodeURIComponent(year)}` : ''); }),
    out);
  try {
    const r = await api(`/compare?dominant=${encodeURIComponent(dom)}&states=${encodeURIComponent(states)}` + (year ? `&year=${encodeURIComponent(year)}` : ''));
    const domName = (await api(`/states?q=${encodeURIComponent(dom)}`).catch(() => [])).find((s) => s.code === r.dominant);
    title.textContent = `Subordinates of ${domName ? domName.name : r.dominant} in ${r.year}`;
    let rows = r.rows;
    let sortKey = q.get('sort') || 'rank', dir = Number(q.get('dir') || 1);
    const table = el('table', { class: 'data', id: 'compare-table' });
    const value = (row, k) => k === 'rank' ? row.rank : k === 'state' ? row.name || row.state : (row.values[k] && row.values[k].value);
    // A number links to its explanation: the relation page opened on that value.
    const linked = (row, k) => {
      const td = pointCell(row.values[k]);
      if (row.values[k] && row.values[k].value !== null && row.values[k].value !== undefined) {
        const text = td.textContent;
        td.replaceChildren(el('a', { href: `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(row.state)}?point=${k}:${r.year}`, title: `What ${text} means for ${row.name || row.state}: its components, sources and facts` }, text));
      }
      return td;
    };
    const render = () => {
      rows = rows.slice().sort((a, b) => {
        const x = value(a, sortKey), y = value(b, sortKey);
        if (x === y) return 0; if (x === null || x === undefined) return 1; if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
      const head = el('tr', {}, [['state', 'state'], ['rank', 'rank (interval)'], ...COLUMNS].map(([k, label]) =>
        el('th', { 'data-key': k, scope: 'col', 'aria-sort': sortKey === k ? (dir > 0 ? 'ascending' : 'descending') : null },
          el('button', { type: 'button', class: 'sort', title: k === 'state' || k === 'rank' ? '' : (ABOUT[k] || ''),
            onclick: () => { dir = sortKey === k ? -dir : (k === 'state' || k === 'rank' ? 1 : -1); sortKey = k; setQuery({ sort: k, dir }); render(); } },
          label + (sortKey === k ? (dir > 0 ? ' ▲' : ' ▼') : '')))));
      clear(table).append(head, ...rows.map((row) => el('tr', { 'data-state': row.state },
        el('td', {}, el('a', { href: `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(row.state)}` }, row.name || row.state)),
        el('td', {}, row.rank ? `${row.rank} (${row.rank_best}–${row.rank_worst})` : '–'),
        COLUMNS.map(([k]) => linked(row, k)))));
    };
    render();
    const ranked = r.rows.slice().sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
    const flat = () => r.rows.map((row) => ({ state: row.state, name: row.name, year: r.year, rank: row.rank, rank_best: row.rank_best, rank_worst: row.rank_worst,
      ...Object.fromEntries(COLUMNS.flatMap(([k]) => { const p = row.values[k] || {}; return [[k, p.value ?? null], [`${k}_basis`, p.basis ?? null]]; })) }));
    const plot = dotPlot(ranked, r.dominant, r.year);
    clear(out).append(
      el('div', { class: 'bar' }, yearChooser(r.years, r.year, r.complete_year, (y) => { location.hash = `#/compare/${encodeURIComponent(dom)}?states=${encodeURIComponent(states)}&year=${y}`; }),
        ' ', permalink()),
      r.complete_year === r.year ? el('p', { class: 'muted', id: 'complete-note' }, `${r.year} is the latest year in which every ranked state's composite is measured in all four parts (none predicted, carried or without data; a part may still lack one of its indicators, marked m); later years are estimates, marked.`)
        : r.complete_year ? el('p', { class: 'muted', id: 'complete-note' }, `The latest year with every part of every ranked state measured is ${r.complete_year}; later values are estimates (p, c) or rest on parts without data (m).`) : null,
      el('div', { class: 'chart' }, plot), el('p', {}, chartExports(`${r.dominant}-${r.year}-dotplot`, () => plot)),
      el('p', { class: 'muted' }, `Rank among the subordinates, with its interval under random weights. Click a column to sort, a number for what it rests on. p = predicted from a published figure, c = carried from an earlier year, m = rests on a part without data (on a part: on an indicator without data).`),
      el('p', {}, tableExports(`${r.dominant}-${r.year}-comparison`, flat)),
      el('div', { class: 'scroll' }, table));
  } catch (err) {
    clear(out).appendChild(errorBox(err));
  }
}

// The map: Natural Earth 1:110m countries (assets/map/countries.json, see
// assets/map/README.md; Crimea drawn as Ukraine's), in an equirectangular
// projection framed on the subordinates (the dominant state's region), with
// zoom. Every subordinate is labelled; one too small to click gets a round
// marker; territory under occupation is hatched over the recognised state.

/** The colour of a composite value on the map's ramp (/api/v1/palette: colour-blind safe). */
function colourOf(v) {
  const pal = PALETTE || { ramp: ['#FFFFD4', '#FED98E', '#FE9929', '#D95F0E', '#993404'], no_value: '#9FB3C8' };
  if (v === null || v === undefined) return pal.no_value;
  const t = Math.max(0, Math.min(1, v)) * (pal.ramp.length - 1);
  const i = Math.min(pal.ramp.length - 2, Math.floor(t));
  const hex = (h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
  const [a, b] = [hex(pal.ramp[i]), hex(pal.ramp[i + 1])];
  return `rgb(${a.map((x, k) => Math.round(x + (b[k] - x) * (t - i))).join(',')})`;
}

let MAPDATA = null;
/** The country outlines and occupied territories, fetched once. */
async function mapData() {
  if (!MAPDATA) {
    const res = await fetch('/assets/map/countries.json');
    if (!res.ok) throw Object.assign(new Error('the map outlines could not be loaded'), { code: 'http_' + res.status });
    MAPDATA = await res.json();
    for (const c of MAPDATA.countries.concat(MAPDATA.occupied || [])) c.rings = (c.polygons || []).map((pts) => ({ pts, max: Math.max(...pts.map((p) => p[0])) }));
  }
  return MAPDATA;
}

/** The box [west, south, east, north] of the named states; `wrap`: rings wholly west of 150°W counted 360° east. */
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

/** The map of `dom` and its comparison rows: an SVG element (viewBox 1000 wide) with zoom buttons' state. */
function drawMap(data, dom, rows, clickTo, zoom) {
  const all = data.countries;
  const byState = new Map(rows.map((r) => [r.state, r]));
  // Framed on the subordinates (the dominant state's region); zoom 0 shows the dominant state whole too.
  const codes = new Set(rows.map((r) => r.state));
  if (zoom === 0 || !codes.size) codes.add(dom);
  const plain = boxOf(all, codes, false), wrapped = boxOf(all, codes, true);
  let wrap = plain[2] > 180 || wrapped[2] - wrapped[0] < plain[2] - plain[0];
  let [w, s, e, n] = wrap ? wrapped : plain;
  if (e - w > 300) [wrap, w, e] = [false, -180, 180];
  if (!Number.isFinite(w)) [w, s, e, n] = [-170, -58, 190, 84];
  // Zoom in (1 = framed, 2, 3 …) about the frame's centre.
  const z = Math.max(1, zoom || 1);
  const [cx0, cy0] = [(w + e) / 2, (s + n) / 2];
  [w, e, s, n] = [cx0 - (cx0 - w) / z, cx0 + (e - cx0) / z, cy0 - (cy0 - s) / z, cy0 + (n - cy0) / z];
  const mx = e - w >= 360 ? 0 : Math.max(1, (e - w) * 0.08), my = Math.max(1, (n - s) * 0.1);
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
  const pal = PALETTE || { dominant: '#1D2B3A', other: '#C4C4C4', occupied: '#1D2B3A' };
  const svg = sel('svg', { viewBox: `0 0 ${W} ${H}`, class: 'geomap', role: 'img', 'font-family': 'sans-serif', 'aria-label': `Map of ${dom} and its subordinates` },
    sel('defs', {}, sel('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      sel('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: pal.occupied, 'stroke-width': 2 }))),
    sel('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }));
  const others = sel('g', { class: 'others' }), subs = sel('g', { class: 'subordinates' }), occ = sel('g', { class: 'occupied' }),
    markers = sel('g', { class: 'markers' }), labels = sel('g', { class: 'labels' });
  svg.append(others, subs, occ, markers, labels);
  const placed = []; // label boxes, so that labels do not overlap
  const label = (x, y, text, code, cls) => {
    let [lx, ly] = [x, y];
    const wdt = text.length * 6.6 + 6, hgt = 14;
    for (let k = 0; k < 12 && placed.some((b) => Math.abs(b[0] - lx) < (b[2] + wdt) / 2 && Math.abs(b[1] - ly) < hgt); k++) ly += (k % 2 ? -1 : 1) * hgt * (k + 1);
    lx = Math.max(wdt / 2 + 2, Math.min(W - wdt / 2 - 2, lx)); ly = Math.max(hgt, Math.min(H - 4, ly));
    placed.push([lx, ly, wdt]);
    if (Math.abs(ly - y) > 8) labels.append(sel('line', { x1: x, y1: y, x2: lx, y2: ly, class: 'leader' }));
    labels.append(sel('text', { x: lx, y: ly, class: cls || null, 'data-label': code }, text));
  };
  for (const c of all) {
    const parts = shapes(c);
    if (!parts.length) continue;
    const d = parts.map((p) => p.d).join('');
    const row = byState.get(c.state);
    const big = parts.reduce((a, p) => ((p.box[2] - p.box[0]) * (p.box[3] - p.box[1]) > (a.box[2] - a.box[0]) * (a.box[3] - a.box[1]) ? p : a));
    const [lx, ly] = [(big.box[0] + big.box[2]) / 2, (big.box[1] + big.box[3]) / 2];
    if (c.state === dom) {
      others.appendChild(sel('path', { d, class: 'dominant', 'data-state': c.state, fill: pal.dominant }, sel('title', {}, `${c.name}: the dominant state`)));
      label(lx, ly, c.name, dom, 'dominant');
    } else if (row) {
      const v = row.values.composite && row.values.composite.value;
      const tip = `${row.name || c.name}: composite ${fmt(v)}` + (row.rank ? `, rank ${row.rank} (${row.rank_best}–${row.rank_worst})` : '');
      const go = () => clickTo(row.state);
      subs.appendChild(sel('path', { d, class: 'sub', 'data-state': row.state, fill: colourOf(v), tabindex: 0, role: 'link', 'aria-label': tip, onclick: go,
        onkeydown: (ev) => { if (ev.key === 'Enter') go(); } }, sel('title', {}, tip)));
      const small = big.box[2] - big.box[0] < 14 && big.box[3] - big.box[1] < 14;
      if (small) markers.appendChild(sel('circle', { cx: lx, cy: ly, r: 7, class: 'marker', 'data-marker': row.state, fill: colourOf(v), onclick: go }, sel('title', {}, tip)));
      label(lx, ly + (small ? 14 : 0), row.name || row.state, row.state);
    } else {
      others.appendChild(sel('path', { d, class: 'other', fill: pal.other }, sel('title', {}, c.name)));
    }
  }
  // Occupied territory: hatched over the recognised state's colour; an outline where there is one, else a marker.
  for (const o of data.occupied || []) {
    const tip = `${o.name}: territory of ${o.state} under occupation by ${o.occupier} since ${o.since} (UN General Assembly: ${o.resolution})`;
    const parts = shapes(o);
    if (parts.length) {
      occ.appendChild(sel('path', { d: parts.map((p) => p.d).join(''), class: 'occupied', 'data-occupied': o.name, 'data-state': o.state, fill: 'url(#hatch)' }, sel('title', {}, tip)));
    } else {
      const [x, y] = project(o.centre[0] + (wrap && o.centre[0] < -150 ? 360 : 0), o.centre[1]);
      if (x < 0 || x > W || y < 0 || y > H) continue;
      occ.appendChild(sel('circle', { cx: x, cy: y, r: 6, class: 'occupied', 'data-occupied': o.name, 'data-state': o.state, fill: 'url(#hatch)' }, sel('title', {}, tip)));
    }
  }
  return svg;
}

async function mapView(dom = 'RUS', yearArg, q) {
  const year = yearArg || q.get('year') || '';
  let zoom = Number(q.get('zoom') || 1);
  const out = el('div', { class: 'map-layout', id: 'map' }, el('p', { class: 'muted' }, 'Computing…'));
  const pal = PALETTE || { dominant: '#1D2B3A', other: '#C4C4C4' };
  const swatch = (colour, label, cls) => { const s = el('span', { class: cls || null }, label); s.style.background = colour; return s; };
  const title = el('h2', {}, `${dom}'s hierarchy${year ? ' in ' + year : ''}`);
  const hatch = el('span', { class: 'hatch-swatch', 'aria-hidden': 'true' });
  show(title,
    el('p', { class: 'about' }, 'Each subordinate is coloured by its composite hierarchy score that year: darker means more hierarchy. Hover over a country for its value and rank; click it (or a row of the table) for the relation. Small states get a round marker. Territory under occupation according to the UN General Assembly is drawn as the recognised state\'s, hatched.'),
    stateForm([['dom', 'dominant', dom], ['year', 'year', year]], (v) => { location.hash = `#/map/${encodeURIComponent(v.dom)}/${encodeURIComponent(v.year)}`; }),
    el('div', { class: 'legend-bar', id: 'map-legend' }, el('span', { class: 'legend-label' }, 'composite'),
      [0, 0.25, 0.5, 0.75, 1].map((v) => swatch(colourOf(v), fmt(v), v > 0.6 ? 'dark' : null)),
      swatch(colourOf(null), 'no value', 'no-value'), swatch(pal.dominant, 'dominant', 'dark'), swatch(pal.other, 'other'),
      el('span', { class: 'occupied-key' }, hatch, 'occupied')),
    out);
  try {
    const [r, data] = await Promise.all([
      api(`/compare?dominant=${encodeURIComponent(dom)}&states=all` + (year ? `&year=${encodeURIComponent(year)}` : '')),
      mapData(),
    ]);
    const domName = (await api(`/states?q=${encodeURIComponent(dom)}`).catch(() => [])).find((s) => s.code === r.dominant);
    title.textContent = `${domName ? domName.name : r.dominant}'s hierarchy in ${r.year}`;
    // The year shown by default, greyed in the empty field (the latest complete year).
    const yearInput = main().querySelector('form.bar input[name="year"]');
    if (yearInput && !year) { yearInput.placeholder = String(r.year); yearInput.title = `${r.year}: the latest complete year`; }
    const relation = (code) => { location.hash = `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(code)}`; };
    const rows = r.rows.slice().sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
    const drawn = new Set(data.countries.map((c) => c.state));
    const box = el('div', { class: 'chart geomap-box' });
    let svg = null;
    const draw = () => { svg = drawMap(data, r.dominant, rows, relation, zoom); clear(box).append(svg); setQuery({ zoom: zoom === 1 ? null : zoom }); };
    draw();
    const zoomBar = el('div', { class: 'zoom', role: 'group', 'aria-label': 'zoom' },
      el('button', { type: 'button', id: 'zoom-in', 'aria-label': 'zoom in', onclick: () => { zoom = Math.min(8, Math.max(1, zoom) * 2); draw(); } }, '+'),
      el('button', { type: 'button', id: 'zoom-out', 'aria-label': 'zoom out', onclick: () => { zoom = zoom <= 1 ? 0 : zoom / 2; draw(); } }, '−'),
      el('button', { type: 'button', id: 'zoom-reset', onclick: () => { zoom = 1; draw(); } }, 'the region'),
      el('button', { type: 'button', id: 'zoom-all', onclick: () => { zoom = 0; draw(); } }, `with ${domName ? domName.name : r.dominant}`));
    const table = el('table', { class: 'data', id: 'map-table' },
      el('tr', {}, el('th', {}, 'state'), el('th', {}, 'composite'), el('th', {}, 'rank (interval)')),
      rows.map((row) => {
        const v = row.values.composite && row.values.composite.value;
        const dot = el('span', { class: 'dot' }); dot.style.background = colourOf(v);
        return el('tr', { 'data-state': row.state },
          el('td', {}, dot, el('a', { href: `#/relation/${encodeURIComponent(dom)}/${encodeURIComponent(row.state)}` }, row.name || row.state),
            drawn.has(row.state) ? null : el('span', { class: 'muted' }, ' (not on the map)')),
          pointCell(row.values.composite), el('td', {}, row.rank ? `${row.rank} (${row.rank_best}–${row.rank_worst})` : '–'));
      }));
    const flat = () => rows.map((row) => ({ state: row.state, name: row.name, year: r.year, composite: row.values.composite ? row.values.composite.value : null, rank: row.rank, rank_best: row.rank_best, rank_worst: row.rank_worst }));
    clear(out).append(el('div', { class: 'geomap-col' }, zoomBar, box, el('p', {}, chartExports(`${r.dominant}-${r.year}-map`, () => svg), ' ', permalink())),
      el('div', { class: 'scroll' }, el('p', {}, tableExports(`${r.dominant}-${r.year}-map`, flat)), table));
  } catch (err) {
    clear(out).appendChild(errorBox(err));
  }
}
