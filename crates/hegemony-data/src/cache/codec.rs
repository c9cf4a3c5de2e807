//! The byte layout of the caches: little-endian numbers and length-prefixed strings, read back
//! through a [`Cursor`] that checks every length against what is left, so a damaged file is an
//! error (and the cache is rebuilt), never a panic or a wrong value.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::InputFile;

pub(crate) fn put_u64(out: &mut Vec<u8>, x: u64) {
    out.extend_from_slice(&x.to_le_bytes());
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The files read: path, SHA-256, bytes, rows.
pub(crate) fn put_inputs<'a>(out: &mut Vec<u8>, inputs: impl ExactSizeIterator<Item = &'a InputFile>) {
    put_u64(out, inputs.len() as u64);
    for i in inputs {
        put_str(out, &i.path.to_string_lossy());
        put_str(out, &i.sha256);
        put_u64(out, i.bytes);
        put_u64(out, i.rows);
    }
}

/// Every diagnostic: file, line, value, reason.
pub(crate) fn put_diagnostics(out: &mut Vec<u8>, diagnostics: &Diagnostics) {
    put_u64(out, diagnostics.items.len() as u64);
    for d in &diagnostics.items {
        put_str(out, &d.file.to_string_lossy());
        put_u64(out, d.line);
        put_str(out, &d.value);
        put_str(out, &d.reason);
    }
}

/// Names the files where they are now: the caches are keyed by content, not location, so the same
/// files read from another folder hit the cache, and what was read must name the paths `now` (in
/// the order of `inputs`), diagnostics included. `None` when the numbers of files differ.
pub(crate) fn relocate(inputs: &mut [InputFile], diagnostics: &mut Diagnostics, now: &[&Path]) -> Option<()> {
    if inputs.len() != now.len() {
        return None;
    }
    for (input, &now) in inputs.iter_mut().zip(now) {
        let before = std::mem::replace(&mut input.path, now.to_path_buf());
        for d in diagnostics.items.iter_mut().filter(|d| d.file == before) {
            d.file = now.to_path_buf();
        }
    }
    Some(())
}

/// A cursor over the cached bytes; every read is bounds-checked.
pub(crate) struct Cursor<'a>(pub(crate) &'a [u8]);

pub(crate) fn corrupt() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "corrupt cache file")
}

impl Cursor<'_> {
    pub(crate) fn take(&mut self, n: usize) -> io::Result<&[u8]> {
        if n > self.0.len() {
            return Err(corrupt());
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    pub(crate) fn array<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut a = [0u8; N];
        self.take(N)?.read_exact(&mut a)?;
        Ok(a)
    }
    pub(crate) fn u8(&mut self) -> io::Result<u8> {
        Ok(self.array::<1>()?[0])
    }
    pub(crate) fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count, refused when it could not fit in the remaining bytes (a corrupt length).
    pub(crate) fn count(&mut self, min_size: usize) -> io::Result<usize> {
        let n = usize::try_from(self.u64()?).map_err(|_| corrupt())?;
        if n.checked_mul(min_size).is_none_or(|b| b > self.0.len()) {
            return Err(corrupt());
        }
        Ok(n)
    }
    pub(crate) fn string(&mut self) -> io::Result<String> {
        let n = self.count(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| corrupt())
    }
    pub(crate) fn inputs(&mut self) -> io::Result<Vec<InputFile>> {
        let mut inputs = Vec::new();
        for _ in 0..self.count(32)? {
            let path = PathBuf::from(self.string()?);
            inputs.push(InputFile { path, sha256: self.string()?, bytes: self.u64()?, rows: self.u64()? });
        }
        Ok(inputs)
    }
    pub(crate) fn diagnostics(&mut self) -> io::Result<Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        for _ in 0..self.count(32)? {
            let file = PathBuf::from(self.string()?);
            let line = self.u64()?;
            diagnostics.items.push(Diagnostic { file, line, value: self.string()?, reason: self.string()? });
        }
        Ok(diagnostics)
    }
    /// Whether every byte was read (trailing bytes mean a damaged or foreign file).
    pub(crate) fn is_done(&self) -> bool {
        self.0.is_empty()
    }
}
