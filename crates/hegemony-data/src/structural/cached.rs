//! The structural datasets as parsed, cached: the second load of the same files reads one file of
//! numbers instead of gunzipping and parsing six CSV files (1.5 million rows).
//!
//! The same rules as the vote cache (`crate::cache`): the key is a hash of the files' bytes (and of
//! this layout's version and of the state codes the registry knows, which decide the rows the
//! loaders refuse), so a changed file is simply a new key; a cache file that cannot be read for any
//! reason is ignored and rebuilt; writes are atomic; a cache that cannot be written costs only
//! speed. Values are stored bit for bit (`f64` as its bytes), so a hit gives the very same answer
//! as a parse.

use std::io;
use std::path::Path;

use hegemony_core::Registry;
use rustc_hash::FxHashMap;

use super::{
    Alliances, ArmsTransfers, Files, Population, PublishedAgreement, PublishedIdeal, Structural, Trade, Transfer,
    UsTroops, load_files,
};
use crate::cache::codec::{Cursor, corrupt, put_diagnostics, put_inputs, put_u64, relocate};
use crate::cache::write_atomic;
use crate::diagnostics::LoadError;
use crate::source::InputFile;

/// Bump when the layout or a loader's behaviour changes.
const MAGIC: &[u8; 8] = b"HGSTRUC2";

/// Like [`load_dir`](super::load_dir), through a cache in `cache_dir` (`None`: no cache, as
/// `--no-cache` asks).
pub fn load_dir_cached(dir: &Path, cache_dir: Option<&Path>) -> Result<Structural, LoadError> {
    let files = Files::find(dir);
    // A file that cannot be read has no key: the loaders report it.
    let Some((cache_dir, key)) = cache_dir.and_then(|c| Some((c, key(&files).ok()?))) else {
        return load_files(&files);
    };
    let path = cache_dir.join(format!("structural-{key}.bin"));
    if let Some(hit) = std::fs::read(&path).ok().and_then(|b| decode(&b).ok()).and_then(|s| relocated(s, &files)) {
        return Ok(hit);
    }
    let loaded = load_files(&files)?;
    // A cache that cannot be written (read-only, full) only costs speed next time.
    let _ = write_atomic(&path, &encode(&loaded));
    Ok(loaded)
}

/// The files in the order they are keyed, encoded and relocated.
fn ordered(files: &Files) -> [Option<&Path>; 8] {
    let (dyadic, national) = files.trade.as_ref().map(|(d, n)| (d.as_path(), n.as_path())).unzip();
    [
        files.population.as_deref(),
        files.alliances.as_deref(),
        dyadic,
        national,
        files.arms.as_deref(),
        files.us_troops.as_deref(),
        files.published_ideal.as_deref(),
        files.published_agreement.as_deref(),
    ]
}

fn key(files: &Files) -> io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update(MAGIC);
    let mut known: Vec<u16> = Registry::global().states().iter().filter_map(|s| s.cow).collect();
    known.sort_unstable();
    known.iter().for_each(|c| {
        h.update(&c.to_le_bytes());
    });
    for f in ordered(files) {
        match f {
            Some(f) => h.update(crate::cache::file_hash(f)?.as_bytes()),
            None => h.update(b"-"),
        };
    }
    Ok(h.finalize().to_hex()[..32].to_string())
}

/// The cached datasets, naming the files where they are now (the key follows content, not
/// location); `None` when the cached parts are not the parts found.
fn relocated(mut s: Structural, files: &Files) -> Option<Structural> {
    let mut inputs: Vec<&mut InputFile> = Vec::new();
    inputs.extend(s.population.as_mut().and_then(|p| p.input.as_mut()));
    inputs.extend(s.alliances.as_mut().and_then(|p| p.input.as_mut()));
    inputs.extend(s.trade.iter_mut().flat_map(|t| t.inputs.iter_mut()));
    inputs.extend(s.arms.as_mut().and_then(|p| p.input.as_mut()));
    inputs.extend(s.us_troops.as_mut().and_then(|p| p.input.as_mut()));
    inputs.extend(s.published_ideal.as_mut().and_then(|p| p.input.as_mut()));
    inputs.extend(s.published_agreement.as_mut().and_then(|p| p.input.as_mut()));
    let now: Vec<&Path> = ordered(files).into_iter().flatten().collect();
    let mut owned: Vec<InputFile> = inputs.iter().map(|i| (**i).clone()).collect();
    relocate(&mut owned, &mut s.diagnostics, &now)?;
    for (slot, moved) in inputs.into_iter().zip(owned) {
        *slot = moved;
    }
    Some(s)
}

/// A writer of numbers in the cache's layout.
struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    fn u16(&mut self, x: u16) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn i32(&mut self, x: i32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u64(&mut self, x: u64) {
        put_u64(&mut self.0, x);
    }
    fn f64(&mut self, x: f64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn part<T>(&mut self, part: &Option<T>, body: impl FnOnce(&mut Out, &T)) {
        self.u8(u8::from(part.is_some()));
        if let Some(p) = part {
            body(self, p);
        }
    }
    fn input(&mut self, input: &Option<InputFile>) {
        put_inputs(&mut self.0, input.iter());
    }
    /// A value per (COW code, year).
    fn state_years(&mut self, map: &FxHashMap<(u16, i32), f64>) {
        self.u64(map.len() as u64);
        for (&(c, y), &v) in map {
            self.u16(c);
            self.i32(y);
            self.f64(v);
        }
    }
}

fn encode(s: &Structural) -> Vec<u8> {
    let rows = s.trade.as_ref().map_or(0, |t| t.dyadic.len());
    let mut o = Out(Vec::with_capacity((1 << 16) + rows * 24));
    o.0.extend_from_slice(MAGIC);
    o.part(&s.population, |o, p| {
        o.input(&p.input);
        o.i32(p.last_year);
        o.state_years(&p.by_state_year);
    });
    o.part(&s.alliances, |o, a| {
        o.input(&a.input);
        o.i32(a.first_year);
        o.i32(a.last_year);
        o.u64(a.allies.len() as u64);
        for (&(c, y), allies) in &a.allies {
            o.u16(c);
            o.i32(y);
            o.u64(allies.len() as u64);
            for &(ally, mask) in allies {
                o.u16(ally);
                o.u8(mask);
            }
        }
    });
    o.part(&s.trade, |o, t| {
        put_inputs(&mut o.0, t.inputs.iter());
        o.i32(t.last_year);
        o.u64(t.dyadic.len() as u64);
        for (&(a, b, y), &(x, z)) in &t.dyadic {
            o.u16(a);
            o.u16(b);
            o.i32(y);
            o.f64(x);
            o.f64(z);
        }
        o.u64(t.national.len() as u64);
        for (&(c, y), &(i, e)) in &t.national {
            o.u16(c);
            o.i32(y);
            o.f64(i);
            o.f64(e);
        }
    });
    o.part(&s.arms, |o, a| {
        o.input(&a.input);
        o.i32(a.first_year);
        o.i32(a.last_year);
        o.u64(a.by_recipient.len() as u64);
        for (&r, transfers) in &a.by_recipient {
            o.u16(r);
            o.u64(transfers.len() as u64);
            for t in transfers {
                o.u16(t.supplier);
                o.u16(t.recipient);
                o.i32(t.year);
                o.f64(t.tiv);
                o.u64(t.line);
            }
        }
    });
    o.part(&s.us_troops, |o, u| {
        o.input(&u.input);
        o.i32(u.first_year);
        o.i32(u.last_year);
        o.state_years(&u.by_state_year);
    });
    o.part(&s.published_ideal, |o, p| {
        o.input(&p.input);
        o.i32(p.last_year);
        o.u64(p.by_state_year.len() as u64);
        for (&(c, y), &(theta, n)) in &p.by_state_year {
            o.u16(c);
            o.i32(y);
            o.f64(theta);
            o.u32(n);
        }
    });
    o.part(&s.published_agreement, |o, p| {
        o.input(&p.input);
        o.i32(p.last_year);
        o.u64(p.by_state_year.len() as u64);
        // A share is never NaN: NaN stands for "no figure".
        let share = |o: &mut Out, x: Option<f64>| o.f64(x.unwrap_or(f64::NAN));
        for (&(c, y), &(rus, usa)) in &p.by_state_year {
            o.u16(c);
            o.i32(y);
            share(o, rus);
            share(o, usa);
        }
    });
    put_diagnostics(&mut o.0, &s.diagnostics);
    o.0
}

/// Reads numbers in the cache's layout.
impl Cursor<'_> {
    fn u16(&mut self) -> io::Result<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i32(&mut self) -> io::Result<i32> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    fn f64(&mut self) -> io::Result<f64> {
        Ok(f64::from_le_bytes(self.array()?))
    }
    fn part<T>(&mut self, body: impl FnOnce(&mut Self) -> io::Result<T>) -> io::Result<Option<T>> {
        match self.u8()? {
            0 => Ok(None),
            1 => body(self).map(Some),
            _ => Err(corrupt()),
        }
    }
    fn input(&mut self) -> io::Result<Option<InputFile>> {
        let mut inputs = self.inputs()?;
        if inputs.len() > 1 {
            return Err(corrupt());
        }
        Ok(inputs.pop())
    }
    /// A value per (COW code, year).
    fn state_years(&mut self) -> io::Result<FxHashMap<(u16, i32), f64>> {
        self.map(14, |c| Ok(((c.u16()?, c.i32()?), c.f64()?)))
    }
    /// A map of `n` entries (each at least `size` bytes), read by `entry`.
    fn map<K: std::hash::Hash + Eq, V>(
        &mut self,
        size: usize,
        mut entry: impl FnMut(&mut Self) -> io::Result<(K, V)>,
    ) -> io::Result<FxHashMap<K, V>> {
        let n = self.count(size)?;
        let mut m = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let (k, v) = entry(self)?;
            if m.insert(k, v).is_some() {
                return Err(corrupt());
            }
        }
        Ok(m)
    }
}

fn decode(bytes: &[u8]) -> io::Result<Structural> {
    let mut c = Cursor(bytes);
    if c.take(MAGIC.len())? != MAGIC {
        return Err(corrupt());
    }
    let population = c.part(|c| {
        let (input, last_year) = (c.input()?, c.i32()?);
        let by_state_year = c.state_years()?;
        Ok(Population { input, by_state_year, last_year })
    })?;
    let alliances = c.part(|c| {
        let (input, first_year, last_year) = (c.input()?, c.i32()?, c.i32()?);
        let allies = c.map(14, |c| {
            let key = (c.u16()?, c.i32()?);
            let n = c.count(3)?;
            let list = (0..n).map(|_| Ok((c.u16()?, c.u8()?))).collect::<io::Result<Vec<_>>>()?;
            Ok((key, list))
        })?;
        Ok(Alliances { input, allies, first_year, last_year })
    })?;
    let trade = c.part(|c| {
        let (inputs, last_year) = (c.inputs()?, c.i32()?);
        let dyadic = c.map(24, |c| Ok(((c.u16()?, c.u16()?, c.i32()?), (c.f64()?, c.f64()?))))?;
        let national = c.map(22, |c| Ok(((c.u16()?, c.i32()?), (c.f64()?, c.f64()?))))?;
        Ok(Trade { inputs, dyadic, national, last_year })
    })?;
    let arms = c.part(|c| {
        let (input, first_year, last_year) = (c.input()?, c.i32()?, c.i32()?);
        let by_recipient = c.map(10, |c| {
            let recipient = c.u16()?;
            let n = c.count(24)?;
            let list = (0..n)
                .map(|_| {
                    let (supplier, recipient, year) = (c.u16()?, c.u16()?, c.i32()?);
                    Ok(Transfer { supplier, recipient, year, tiv: c.f64()?, line: c.u64()? })
                })
                .collect::<io::Result<Vec<_>>>()?;
            Ok((recipient, list))
        })?;
        Ok(ArmsTransfers { input, by_recipient, first_year, last_year })
    })?;
    let us_troops = c.part(|c| {
        let (input, first_year, last_year) = (c.input()?, c.i32()?, c.i32()?);
        let by_state_year = c.state_years()?;
        Ok(UsTroops { input, by_state_year, first_year, last_year })
    })?;
    let published_ideal = c.part(|c| {
        let (input, last_year) = (c.input()?, c.i32()?);
        let by_state_year = c.map(18, |c| Ok(((c.u16()?, c.i32()?), (c.f64()?, c.u32()?))))?;
        Ok(PublishedIdeal { input, by_state_year, last_year })
    })?;
    let published_agreement = c.part(|c| {
        let (input, last_year) = (c.input()?, c.i32()?);
        let share = |x: f64| (!x.is_nan()).then_some(x);
        let by_state_year = c.map(22, |c| Ok(((c.u16()?, c.i32()?), (share(c.f64()?), share(c.f64()?)))))?;
        Ok(PublishedAgreement { input, by_state_year, last_year })
    })?;
    let diagnostics = c.diagnostics()?;
    if !c.is_done() {
        return Err(corrupt());
    }
    Ok(Structural { population, alliances, trade, arms, us_troops, published_ideal, published_agreement, diagnostics })
}

/// The cache file of a data folder, for tests that damage it.
#[cfg(test)]
fn cache_file(dir: &Path, cache_dir: &Path) -> std::path::PathBuf {
    cache_dir.join(format!("structural-{}.bin", key(&Files::find(dir)).unwrap()))
}

#[cfg(test)]
mod tests;
