// The relation page: the headline, the chart (key facts numbered and
// listed), the small multiples, the values by year (every value a link to
// its explanation, reachable by keyboard), a point's details, the phases.

const BASIS_WORDS = { measured: 'measured', predicted: 'predicted from a published figure', carried: 'carried past the end of its source', none: 'no data' };

/** The headline: composite and band, rank and interval, how each part was obtained, the last break. */
function headlineBox(h, dom, sub) {
  const f2 = (v) => (v === null || v === undefined ? '–' : v.toFixed(2));
  if (h.year === null || h.year === undefined) return el('div', { class: 'headline', id: 'headline' }, 'No year of this relation could be computed.');
  const rank = h.rank ? el('div', { class: 'rank' }, el('span', { class: 'big' }, `${h.rank}`), ` of ${h.of} among ${h.dominant_name}'s subordinates`,
    el('div', { class: 'muted' }, `between ${h.rank_best} and ${h.rank_worst} under random weights`))
    : el('div', { class: 'rank muted' }, h.ranked ? 'no rank this year' : `not ranked: outside ${h.dominant_name}'s comparison set`);
  const parts = el('ul', { class: 'parts' }, h.parts.map((p) => el('li', { 'data-part': p.name, 'data-basis': p.basis, class: `basis-${p.basis}` },
    measureLink(p.name, (SPECS[p.name] && SPECS[p.name].label) || p.name), ' ', el('b', {}, f2(p.value)), ' ',
    el('span', { class: 'basis-word' }, p.basis === 'carried' && p.carried_from ? `carried from ${p.carried_from}` : BASIS_WORDS[p.basis] || p.basis))));
  const b = h.last_break;
  const brk = b ? el('div', { class: 'last-break', id: 'last-break' }, el('b', {}, `Last break: ${b.year}`), b.new_phase ? ' (a new phase)' : '', ': ',
    b.moves.map((m) => `${m.label} ${f2(m.before)} → ${f2(m.after)}`).join('; '), el('span', { class: 'muted' }, ` (values of ${b.year - 1} and ${b.year})`),
    b.facts.length ? el('ul', {}, b.facts.slice(0, 3).map((f) => el('li', {}, `${f.date} ${f.text} `, el('span', { class: 'muted' }, `[${f.id}]`)))) : null) : null;
  return el('div', { class: 'headline', id: 'headline', 'data-year': h.year },
    el('div', { class: 'score' }, el('span', { class: 'big', id: 'headline-value' }, f2(h.composite)),
      el('div', {}, `hierarchy (composite) in ${h.year}`), el('div', { class: 'muted', id: 'headline-band' }, `90% band ${f2(h.lo)}–${f2(h.hi)}`),
      h.basis !== 'measured' ? el('div', { class: `basis-${h.basis}` }, `rests on ${h.basis} values`) : null),
    rank, el('div', { class: 'parts-box' }, el('div', { class: 'muted' }, `The four parts in ${h.year}`), parts), brk,
    h.warnings.map((w) => el('p', { class: 'warning' }, `Warning: ${w}.`)));
}

/** The values by year: every value a link that opens its details (the keyboard's way to the chart's points). */
function yearTable(profile, open) {
  const names = ['composite', 'security', 'economic', 'institutionalisation', 'alignment'];
  const series = Object.fromEntries(names.map((n) => [n, new Map(((findMeasure(profile.measures, n) || {}).series || []).map((p) => [p.year, p]))]));
  const years = []; for (let y = profile.years[0]; y <= profile.years[1]; y++) years.push(y);
  return el('table', { class: 'data', id: 'year-table' },
    el('tr', {}, el('th', {}, 'year'), names.map((n) => el('th', {}, measureLink(n, (SPECS[n] && SPECS[n].short) || n)))),
    years.map((y) => el('tr', { 'data-year': y }, el('td', {}, y), names.map((n) => {
      const p = series[n].get(y);
      const td = pointCell(p);
      if (p && p.value !== null && p.value !== undefined) {
        const text = td.textContent;
        td.replaceChildren(el('a', { href: '#', 'data-measure': n, 'data-year': y, onclick: (ev) => { ev.preventDefault(); open(n, y); } }, text));
      }
      return td;
    }))));
}

function findMeasure(list, name) {
  for (const m of list || []) { if (m.name === name) return m; const c = findMeasure(m.components, name); if (c) return c; }
  return null;
}

async function relationView(dom = 'RUS', sub = 'ARM', q) {
  const years = q.get('years') || '';
  const yq = years ? `years=${encodeURIComponent(years)}` : '';
  const base = `/relations/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}`;
  const headline = el('div', { id: 'headline-box' }, el('p', { class: 'muted' }, 'Computing the profile…'));
  const chart = el('div', { class: 'chart', id: 'chart' });
  const factList = el('ol', { class: 'key-facts', id: 'key-facts' });
  const details = el('div', { class: 'panel', id: 'details', 'aria-live': 'polite' },
    el('h3', {}, 'Choose a value'),
    el('p', { class: 'muted' }, 'Click a point of the chart, a value in the table by year or a key fact to see the facts and data behind it.'));
  const panels = el('div', { class: 'panels', id: 'panels' });
  const byYear = el('div', { class: 'panel scroll', id: 'by-year' });
  const phases = el('div', { class: 'panel', id: 'phases' });
  const title = el('h2', { id: 'title' }, `${sub} under ${dom}`);
  let svg = null;
  const open = (measure, year, factId) => {
    setQuery({ point: measure ? `${measure}:${year}` : null, fact: factId || null });
    if (svg) {
      for (const s of svg.querySelectorAll('circle.pt.selected')) s.classList.remove('selected');
      const c = measure && svg.querySelector(`circle.pt[data-measure="${measure}"][data-year="${year}"]`);
      if (c) c.classList.add('selected');
    }
    pointDetails(details, base, yq, measure, year, factId);
  };
  show(title,
    stateForm([['dom', 'dominant', dom], ['sub', 'subordinate', sub], ['years', 'years', years]],
      (v) => { location.hash = `#/relation/${encodeURIComponent(v.dom)}/${encodeURIComponent(v.sub)}` + (v.years ? `?years=${encodeURIComponent(v.years)}` : ''); }),
    headline,
    el('p', { class: 'actions' },
      el('a', { href: `${API}${base}/report.html` + (yq ? `?${yq}` : ''), download: `${sub}-${dom}-report.html` }, 'Download the report (one HTML file)'),
      ' · ', el('a', { href: `#/whatif/${encodeURIComponent(dom)}/${encodeURIComponent(sub)}` }, 'What if…?'), ' · ', permalink()),
    el('h3', {}, 'The composite and its four parts by year'), chart,
    el('p', {}, chartExports(`${sub}-${dom}-chart`, () => svg)),
    el('details', { class: 'panel', id: 'key-facts-box' }, el('summary', {}, 'Key facts on the chart, by number'), factList),
    details,
    el('h3', {}, 'The four parts and their indicators'),
    el('p', { class: 'about' }, 'Each part of the composite with the indicators it is made of (0–1), and the troops and the distance of ideal points on scales of their own. Dashed: predicted; dotted: carried past the end of its source.'),
    panels, byYear, phases, votesPanel(dom, sub, years));
  try {
    const [h, text] = await Promise.all([api(`${base}/headline?${yq}`), api(`${base}/chart.svg?${yq}`)]);
    title.textContent = `${h.subordinate_name} under ${h.dominant_name}`;
    document.title = `${h.subordinate_name} under ${h.dominant_name} — hegemony`;
    clear(headline).append(headlineBox(h, dom, sub));
    svg = svgNode(text);
    clear(chart).append(svg);
    svg.setAttribute('aria-label', `Hierarchy of ${h.subordinate_name} under ${h.dominant_name} by year: the composite and its four parts; the values are in the table by year below`);
    svg.addEventListener('click', (ev) => {
      const t = ev.target;
      const fact = t.closest && t.closest('g.fact');
      if (t.matches('circle.pt')) open(t.dataset.measure, Number(t.dataset.year));
      else if (fact) open(null, Number(fact.dataset.year), fact.dataset.id);
      else if (t.matches('rect.phase')) {
        const tt = t.querySelector('title');
        clear(details).append(el('h3', {}, `Phase ${t.dataset.from}–${t.dataset.to}`), el('p', {}, tt ? tt.textContent : ''));
      }
    });
    svg.addEventListener('keydown', (ev) => {
      const fact = ev.target.closest && ev.target.closest('g.fact');
      if (fact && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); open(null, Number(fact.dataset.year), fact.dataset.id); }
    });
    // The key facts the chart numbers, with their full text (drawn facts and those past six a year alike).
    clear(factList).append(...[...svg.querySelectorAll('g.fact')].map((g) => el('li', { value: g.dataset.n, 'data-id': g.dataset.id },
      el('a', { href: '#', title: (g.querySelector('title') || {}).textContent, onclick: (ev) => { ev.preventDefault(); open(null, Number(g.dataset.year), g.dataset.id); } },
        // The entry ("date what happened"), its fact's full title on hover.
        `${(g.querySelector('title') || {}).textContent.replace(/^\d+\.\s*/, '').split(' — ')[0]} `), el('span', { class: 'muted' }, `[${g.dataset.id}]`))));
    const point = (q.get('point') || '').split(':');
    if (point.length === 2) open(point[0], Number(point[1]));
    else if (q.get('fact')) { const g = svg.querySelector(`g.fact[data-id="${CSS.escape(q.get('fact'))}"]`); if (g) open(null, Number(g.dataset.year), g.dataset.id); }
  } catch (err) {
    clear(headline).appendChild(errorBox(err));
  }
  // The rest: small multiples, the table by year, the phases.
  clear(panels).append(...['security', 'economic', 'institutionalisation', 'alignment', 'troops', 'ideal_distance'].map((m) => {
    const box = el('figure', { class: 'small-multiple', 'data-panel': m });
    api(`${base}/panel.svg?measure=${m}&${yq}`).then((t) => {
      const s = svgNode(t);
      // Sized by the page (the viewBox keeps its proportions), not by its own width and height.
      s.removeAttribute('width'); s.removeAttribute('height');
      box.append(s, el('figcaption', {}, chartExports(`${sub}-${dom}-${m}`, () => s)));
    }).catch((err) => box.append(errorBox(err)));
    return box;
  }));
  try {
    const profile = await api(`${base}/profile?${yq}`);
    clear(byYear).append(el('h3', {}, 'By year'), el('p', {}, tableExports(`${sub}-${dom}-profile`, () => api(`${base}/table?${yq}`)),
      el('span', { class: 'muted' }, ' (every measure and component, one row per year: value, lo, hi, coverage, basis, source)')),
      // The key above the table, where a narrow screen does not cut it off.
      el('p', { class: 'muted', id: 'year-key' }, 'p = predicted from a published figure, c = carried from an earlier year, m = rests on a part without data'),
      yearTable(profile, open));
    const p = await api(`${base}/periods?${yq}`);
    // A fact listed under one phase's start is not repeated under the next.
    const listed = new Set();
    clear(phases).append(el('h3', {}, 'Phases'), about('phases'),
      el('p', { class: 'muted' }, 'The values of a phase are the means of its years.'),
      el('ul', { id: 'phase-list' }, p.periods.map((ph) => {
        const facts = p.breaks.filter((b) => b.year === ph.from).flatMap((b) => b.facts).filter((f) => !f.id.startsWith('claim'));
        const fresh = facts.filter((f) => { const k = `${f.id}@${f.date}`; if (listed.has(k)) return false; listed.add(k); return true; });
        return el('li', { 'data-from': ph.from, 'data-to': ph.to }, el('b', {}, `${ph.from}–${ph.to}`), ': ',
          Object.entries(ph.means).map(([k, v]) => `${k} ${fmt(v)}`).join(', '),
          ph.moved.length ? el('div', { class: 'moved' }, 'What moved: ', ph.moved.join(' · ')) : null,
          fresh.length ? el('ul', {}, fresh.slice(0, 5).map((f) => el('li', {}, `${f.date} ${f.text} `, el('span', { class: 'muted' }, `[${f.id}]`)))) : null);
      })));
  } catch (err) {
    clear(phases).appendChild(errorBox(err));
  }
}

/** An SVG text parsed as XML into a node of this page (scripts and foreign objects removed; nothing runs). */
function svgNode(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true);
  for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
  return svg;
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
      const rows = ag.rows.map((r) => { const p = ideal.get(r.year); return { ...r, theta_subordinate: p ? p.subordinate.theta : null, theta_dominant: p ? p.dominant.theta : null, ideal_distance: p ? p.distance : null }; });
      clear(out).append(el('p', {}, tableExports(`${sub}-${dom}-votes`, () => rows)), el('table', { class: 'data' },
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

async function pointDetails(panel, base, yq, measure, year, factId) {
  clear(panel).append(el('h3', {}, `${year}`), el('p', { class: 'muted' }, 'Loading…'));
  try {
    const mq = measure ? `&measure=${encodeURIComponent(measure)}` : '';
    const [ex, facts] = await Promise.all([
      api(`${base}/explain?year=${year}${mq}&${yq}`),
      api(`${base}/facts?year=${year}`),
    ]);
    const m = ex.measures[0];
    const parts = [el('h3', { id: 'details-title', tabindex: '-1' }, measure ? `${m.label}, ${year}` : `Facts of ${year}`)];
    if (measure && m) {
      const pt = m.point || {};
      parts.push(el('p', {}, el('b', { class: 'value' }, fmt(pt.value, 3)), ` ${m.unit || ''}`,
        pt.lo !== undefined ? ` (range ${fmt(pt.lo)}–${fmt(pt.hi)})` : '', ` · coverage: ${pt.coverage || '–'}`,
        pt.basis && pt.basis !== 'measured' ? el('span', { class: `basis-${pt.basis}` }, ` · ${BASIS_WORDS[pt.basis]}`) : '',
        pt.carried_from ? ` from ${pt.carried_from}` : ''));
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
    const t = document.getElementById('details-title');
    if (t && document.activeElement && document.activeElement.closest && !document.activeElement.closest('#details')) t.focus({ preventScroll: true });
  } catch (err) {
    clear(panel).appendChild(errorBox(err));
  }
}

