// Derives countries.json, the dashboard's map, from Natural Earth 1:110m
// countries as packaged in world-atlas (TopoJSON), decoded with
// topojson-client. Reproducible: the same packages give the same file.
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

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const topo = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const version = JSON.parse(fs.readFileSync(require.resolve('world-atlas/package.json'), 'utf8')).version;

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

const countries = [];
const unmatched = [];
for (const f of feature(topo, topo.objects.countries).features) {
  const g = f.geometry;
  if (!g) continue;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  // Outer rings only: at 1:110m the holes are a few lakes and enclaves, drawn on top anyway.
  const rings = polys.map((p) => ring(p[0])).filter(Boolean);
  if (!rings.length) continue;
  const id = f.id === undefined ? null : String(f.id);
  const state = (id ? byNum.get(id) : byName.get(f.properties.name)) || null;
  if (!state) unmatched.push(`${id ?? '-'} ${f.properties.name}`);
  countries.push({ id, name: f.properties.name, state, polygons: rings });
}
countries.sort((a, b) => a.name.localeCompare(b.name));
const out = {
  source: `Natural Earth 1:110m countries (public domain), world-atlas ${version} (ISC), derived by assets/map/vendor.mjs`,
  countries,
};
// One country a line: small, and a regenerated file diffs by country.
const text = '{"source":' + JSON.stringify(out.source) + ',"countries":[\n' + countries.map((c) => JSON.stringify(c)).join(',\n') + '\n]}\n';
fs.writeFileSync(path.join(here, 'countries.json'), text);
console.log(`${countries.length} countries, ${text.length} bytes; without a registry state: ${unmatched.join('; ') || 'none'}`);
