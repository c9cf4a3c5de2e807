// The regional security complexes page (#/rsc/YEAR?state=ARM&complex=rsc-RUS):
// a map coloured by complex (insulators hatched, subcomplexes outlined with
// their own dash pattern), the network of one complex (amity solid, enmity
// dashed: told apart without colour), and a state's path between complexes.
// Loaded before app.js, whose helpers it uses when it runs (el, sel, api,
// clear, show, errorBox); every text is set with text nodes, never as markup.
'use strict';

const RSC_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6', '#d37295', '#a0cbe8'];
const RSC_DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 3'];
const RSC_OTHER = '#e3e3e3';

let RSC_OUTLINES = null;
/** The country outlines (Natural Earth 1:110m, served with the dashboard), fetched once. */
async function rscOutlines() {
  if (!RSC_OUTLINES) {
    const res = await fetch('/assets/map/countries.json');
    if (!res.ok) throw Object.assign(new Error('the map outlines could not be loaded'), { code: 'http_' + res.status });
    RSC_OUTLINES = (await res.json()).countries;
  }
  return RSC_OUTLINES;
}

/** An SVG pattern of diagonal lines, for insulators. */
function rscHatch(id) {
  return sel('pattern', { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
    sel('rect', { width: 6, height: 6, fill: '#ffffff' }),
    sel('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#555555', 'stroke-width': 2.5 }));
}

/** state code → {colour, complex, sub (index of its subcomplex), kind}, and complex id → colour. */
function rscPlacement(view) {
  const byState = new Map(), colours = new Map();
  view.complexes.forEach((c, i) => {
    const colour = RSC_COLOURS[i % RSC_COLOURS.length];
    colours.set(c.id, colour);
    for (const m of c.members) byState.set(m, { kind: 'complex', colour, complex: c, sub: -1 });
    c.subcomplexes.forEach((s, k) => { for (const m of s.members) { const p = byState.get(m); if (p) { p.sub = k; p.subName = s.name; } } });
  });
  for (const s of view.insulators) byState.set(s, { kind: 'insulator' });
  for (const s of view.unstructured) byState.set(s, { kind: 'unstructured' });
  return { byState, colours };
}

/** The world map of a year's complexes (equirectangular, 84°N to 58°S). */
function rscMap(all, view, onState) {
  const W = 1000, k = W / 360, H = Math.round(142 * k);
  const project = ([lon, lat]) => `${((lon + 180) * k).toFixed(1)},${((84 - lat) * k).toFixed(1)}`;
  const { byState } = rscPlacement(view);
  const svg = sel('svg', { viewBox: `0 0 ${W} ${H}`, class: 'geomap', id: 'rsc-map-svg', role: 'img', 'aria-label': `Regional security complexes in ${view.year}` },
    sel('defs', {}, rscHatch('rsc-hatch')), sel('rect', { x: 0, y: 0, width: W, height: H, fill: '#eef3f8' }));
  for (const c of all) {
    const d = c.polygons.map((ring) => 'M' + ring.map(project).join('L') + 'Z').join('');
    const p = byState.get(c.state);
    const fill = !p ? RSC_OTHER : p.kind === 'complex' ? p.colour : p.kind === 'insulator' ? 'url(#rsc-hatch)' : '#c8c8c8';
    const outlined = p && p.kind === 'complex' && p.sub >= 0;
    const tip = !p ? `${c.name}: not in the state system` : p.kind === 'complex'
      ? `${c.name}: ${p.complex.name} (${p.complex.id})${outlined ? `, subcomplex ${p.subName}` : ''}`
      : `${c.name}: ${p.kind === 'insulator' ? 'insulator (between complexes)' : 'unstructured'}`;
    svg.appendChild(sel('path', {
      d, fill, 'data-state': c.state, 'data-kind': p ? p.kind : 'none', 'data-complex': p && p.complex ? p.complex.id : null,
      stroke: outlined ? '#111111' : '#ffffff', 'stroke-width': outlined ? 1.4 : 0.5,
      'stroke-dasharray': outlined ? RSC_DASHES[p.sub % RSC_DASHES.length] || null : null,
      onclick: () => onState(c.state),
    }, sel('title', {}, tip)));
  }
  return svg;
}

function rscLegend(view, onComplex) {
  const { colours } = rscPlacement(view);
  const swatch = (fill, dash, defs) => sel('svg', { width: 28, height: 14, 'aria-hidden': 'true' }, defs || null,
    sel('rect', { x: 1, y: 1, width: 26, height: 12, fill, stroke: dash === undefined ? '#999999' : '#111111', 'stroke-width': dash === undefined ? 1 : 1.4, 'stroke-dasharray': dash || null }));
  const items = view.complexes.map((c) => el('li', { 'data-complex': c.id },
    swatch(colours.get(c.id)), ' ',
    el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); onComplex(c.id); } }, `${c.name}`),
    ` — ${c.members.length} states, ${c.polarity.kind}${c.centre ? `, centred on ${c.centre}` : ''}; ${c.character.kind.replace(/_/g, ' ')}`,
    c.subcomplexes.length ? el('ul', {}, c.subcomplexes.map((s, k) => el('li', { 'data-subcomplex': s.id },
      swatch(colours.get(c.id), RSC_DASHES[k % RSC_DASHES.length]), ` subcomplex ${s.name}: ${s.members.join(' ')}`))) : null));
  const hatched = swatch('url(#rsc-hatch-legend)', undefined, sel('defs', {}, rscHatch('rsc-hatch-legend')));
  items.push(el('li', { 'data-kind': 'insulator' }, hatched, ` insulators (between complexes, in none): ${view.insulators.join(' ') || 'none'}`));
  items.push(el('li', { 'data-kind': 'unstructured' }, swatch('#c8c8c8'), ` unstructured: ${view.unstructured.join(' ') || 'none'}`));
  return el('ul', { id: 'rsc-legend', class: 'legend' }, items);
}

/** The network of one complex: members on a circle, amity solid and enmity dashed. */
function rscNetwork(net, onState) {
  const c = net.complex, W = 640, H = 540, R = 200, cx = W / 2, cy = H / 2 + 20;
  const order = [...c.subcomplexes.flatMap((s) => s.members), ...c.members.filter((m) => !c.subcomplexes.some((s) => s.members.includes(m)))];
  const share = new Map(c.polarity.shares.map((s) => [s.state, s.share]));
  const pos = new Map(order.map((m, i) => [m, [cx + R * Math.cos((2 * Math.PI * i) / order.length - Math.PI / 2), cy + R * Math.sin((2 * Math.PI * i) / order.length - Math.PI / 2)]]));
  const svg = sel('svg', { viewBox: `0 0 ${W} ${H}`, id: 'rsc-network-svg', role: 'img', 'aria-label': `Network of ${c.name}` });
  const legend = sel('g', { transform: 'translate(10,14)' },
    sel('line', { x1: 0, y1: 0, x2: 40, y2: 0, stroke: '#2b7a3d', 'stroke-width': 3 }), sel('text', { x: 46, y: 4, 'font-size': 12 }, 'amity (solid line)'),
    sel('line', { x1: 170, y1: 0, x2: 210, y2: 0, stroke: '#b3261e', 'stroke-width': 3, 'stroke-dasharray': '7 4' }), sel('text', { x: 216, y: 4, 'font-size': 12 }, 'enmity (dashed line)'),
    sel('text', { x: 0, y: 22, 'font-size': 12 }, 'thicker = stronger; circle size = share of the complex\'s capabilities; filled = the centre'));
  svg.appendChild(legend);
  for (const e of net.edges) {
    const [a, b] = [pos.get(e.a), pos.get(e.b)];
    if (!a || !b) continue;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1, nx = (a[1] - b[1]) / len * 2.5, ny = (b[0] - a[0]) / len * 2.5;
    const words = (amity) => e.components.filter((x) => ['rivalry', 'dispute', 'war', 'occupation'].includes(x.kind) !== amity).map((x) => x.detail).join('; ');
    if (e.amity > 0) {
      svg.appendChild(sel('line', { x1: a[0] + nx, y1: a[1] + ny, x2: b[0] + nx, y2: b[1] + ny, stroke: '#2b7a3d', 'stroke-width': 1 + 3 * Math.min(1, e.amity / 2), 'data-kind': 'amity', 'data-a': e.a, 'data-b': e.b },
        sel('title', {}, `${e.a}–${e.b} amity ${e.amity.toFixed(2)}: ${words(true)}`)));
    }
    if (e.enmity > 0) {
      svg.appendChild(sel('line', { x1: a[0] - nx, y1: a[1] - ny, x2: b[0] - nx, y2: b[1] - ny, stroke: '#b3261e', 'stroke-width': 1 + 3 * Math.min(1, e.enmity / 2), 'stroke-dasharray': '7 4', 'data-kind': 'enmity', 'data-a': e.a, 'data-b': e.b },
        sel('title', {}, `${e.a}–${e.b} enmity ${e.enmity.toFixed(2)}: ${words(false)}`)));
    }
  }
  for (const m of order) {
    const [x, y] = pos.get(m);
    const r = 7 + 22 * Math.sqrt(share.get(m) || 0);
    svg.appendChild(sel('g', { class: 'rsc-node', 'data-state': m, onclick: () => onState(m) },
      sel('circle', { cx: x, cy: y, r, fill: m === c.centre ? '#1d2b3a' : '#ffffff', stroke: '#1d2b3a', 'stroke-width': 1.5 },
        sel('title', {}, `${m}: ${((share.get(m) || 0) * 100).toFixed(1)}% of the complex's capabilities${m === c.centre ? ' (the centre)' : ''}`)),
      sel('text', { x, y: y - r - 4, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold' }, m)));
  }
  return svg;
}

/** A state's path: one cell a year coloured by its complex (hatched as an insulator), then a table. */
function rscPath(path) {
  const colour = new Map();
  const width = path.years.length * 22 + 10;
  const cells = sel('svg', { viewBox: `0 0 ${width} 60`, width, height: 60, id: 'rsc-path-strip', role: 'img', 'aria-label': `${path.state}'s complexes by year` },
    sel('defs', {}, rscHatch('rsc-hatch-path')));
  path.years.forEach((y, i) => {
    const key = y.placement.lineage || y.placement.kind;
    if (!colour.has(key)) colour.set(key, y.placement.kind === 'complex' ? RSC_COLOURS[colour.size % RSC_COLOURS.length] : null);
    const fill = y.placement.kind === 'complex' ? colour.get(key) : y.placement.kind === 'insulator' ? 'url(#rsc-hatch-path)' : '#c8c8c8';
    cells.appendChild(sel('rect', { x: 5 + i * 22, y: 5, width: 20, height: 26, fill, stroke: '#ffffff', 'data-year': y.year, 'data-complex': y.placement.complex || y.placement.kind },
      sel('title', {}, `${y.year}: ${y.placement.name || y.placement.kind}${y.subcomplex ? `, subcomplex ${y.subcomplex[1]}` : ''}`)));
    if (i % 5 === 0 || i === path.years.length - 1) cells.appendChild(sel('text', { x: 15 + i * 22, y: 48, 'font-size': 10, 'text-anchor': 'middle' }, String(y.year)));
  });
  const partners = (list) => list.slice(0, 3).map((p) => `${p.state} ${p.weight.toFixed(2)}`).join(', ') || '–';
  const table = el('table', { class: 'data', id: 'rsc-path-table' },
    el('tr', {}, ['year', 'complex', 'subcomplex', 'amity partners', 'enmity partners'].map((h) => el('th', {}, h))),
    path.years.map((y) => el('tr', { 'data-year': y.year },
      el('td', {}, String(y.year)), el('td', { class: 'text' }, y.placement.name ? `${y.placement.name} (${y.placement.complex})` : y.placement.kind),
      el('td', { class: 'text' }, y.subcomplex ? y.subcomplex[1] : '–'),
      el('td', { class: 'text', title: y.amity.slice(0, 3).map((p) => `${p.state}: ${p.components.join('; ')}`).join('\n') }, partners(y.amity)),
      el('td', { class: 'text', title: y.enmity.slice(0, 3).map((p) => `${p.state}: ${p.components.join('; ')}`).join('\n') }, partners(y.enmity)))));
  const moves = path.moves.length ? el('ul', { id: 'rsc-moves' }, path.moves.map((m) => el('li', {},
    el('b', {}, `${m.year}`), ` ${m.from.name || m.from.kind} → ${m.to.name || m.to.kind}${m.lasting === false ? ' (did not last)' : ''}`,
    el('ul', {}, m.causes.map((c) => el('li', { class: 'muted' }, `${c.partner} ${c.before.toFixed(2)} → ${c.after.toFixed(2)}: ${c.changes.join('; ')}`)))))) : el('p', { id: 'rsc-moves', class: 'muted' }, 'No move between complexes in these years.');
  return [el('div', { class: 'chart' }, cells), table, el('h4', {}, 'Moves between complexes'), moves];
}

async function rscView(yearArg, _b, q) {
  const year = yearArg || q.get('year') || '2005';
  const state = (q.get('state') || 'ARM').toUpperCase();
  const years = q.get('years') || '1991-2025';
  const go = (over) => {
    const v = { year, state, years, complex: q.get('complex') || '', ...over };
    const params = [['state', v.state], ['years', v.years], ['complex', v.complex]].filter(([, x]) => x).map(([k, x]) => `${k}=${encodeURIComponent(x)}`);
    location.hash = `#/rsc/${encodeURIComponent(v.year)}?${params.join('&')}`;
  };
  const mapBox = el('div', { class: 'chart geomap-box', id: 'rsc-map' }, el('p', { class: 'muted' }, 'Finding the complexes…'));
  const legendBox = el('div', { class: 'panel', id: 'rsc-complexes' });
  const netBox = el('div', { class: 'panel', id: 'rsc-network' });
  const pathBox = el('div', { class: 'panel', id: 'rsc-path' }, el('h3', {}, `${state} between complexes, ${years}`), el('p', { class: 'muted' }, 'Loading (every year of the range is computed)…'));
  show(el('h2', { id: 'title' }, `Regional security complexes in ${year}`),
    el('p', { class: 'about' }, 'Complexes are groups of states whose security is bound up together (Buzan & Wæver): found in a network of amity (alliances, organisations, bases, arms, UN votes) and enmity (rivalries, disputes, wars), weighted by how close the states are. Click a complex for its network, a country for its path.'),
    stateForm([['year', 'year', year, 6], ['state', 'state', state, 6], ['years', 'path years', years, 10]], (v) => go({ year: v.year, state: v.state.toUpperCase(), years: v.years, complex: '' })),
    mapBox, legendBox, netBox, pathBox);
  try {
    const [view, all] = await Promise.all([api(`/rsc/years/${encodeURIComponent(year)}`), rscOutlines()]);
    clear(mapBox).appendChild(rscMap(all, view, (s) => go({ state: s, complex: '' })));
    const wanted = q.get('complex') || (view.complexes.find((c) => c.members.includes(state)) || view.complexes[0] || {}).id;
    clear(legendBox).append(el('h3', {}, 'Complexes'), rscLegend(view, (id) => go({ complex: id })),
      el('p', { class: 'muted' }, view.method.carried.length ? `Sources carried past their end: ${view.method.carried.join('; ')}` : 'Every source covers this year.'));
    if (wanted) {
      const c = view.complexes.find((x) => x.id === wanted);
      clear(netBox).append(el('h3', {}, `Network of ${c ? c.name : wanted}`), el('p', { class: 'muted' }, 'Loading…'));
      const net = await api(`/rsc/years/${encodeURIComponent(year)}/complexes/${encodeURIComponent(wanted)}`);
      const pen = net.complex.penetrating_powers.map((p) => `${p.state} (${[p.allies.length ? `allied with ${p.allies.join(' ')}` : '', p.forces.length ? `forces in ${p.forces.join(', ')}` : '', p.arms_share ? `${(p.arms_share * 100).toFixed(0)}% of arms imports` : ''].filter(Boolean).join('; ')})`);
      clear(netBox).append(el('h3', {}, `Network of ${net.complex.name}`), el('div', { class: 'chart' }, rscNetwork(net, (s) => go({ state: s }))),
        el('p', {}, `Penetrated by: ${pen.join(', ') || 'none'}.`));
    }
  } catch (err) {
    clear(mapBox).appendChild(errorBox(err));
  }
  try {
    const path = await api(`/rsc/states/${encodeURIComponent(state)}?years=${encodeURIComponent(years)}`);
    clear(pathBox).append(el('h3', {}, `${path.state} between complexes, ${years}`), ...rscPath(path));
  } catch (err) {
    clear(pathBox).append(el('h3', {}, `${state} between complexes`), errorBox(err));
  }
}
