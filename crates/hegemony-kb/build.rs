//! Embeds the shipped knowledge base (`<workspace>/kb/**/*.toml`) into the
//! library so the program works with no data directory.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let kb = manifest.join("../../kb");
    println!("cargo:rerun-if-changed={}", kb.display());
    let mut files = Vec::new();
    collect(&kb, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The shipped knowledge-base files: (path relative to `kb/`, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&kb).unwrap().to_string_lossy().replace('\\', "/");
        let abs = f.canonicalize().unwrap();
        writeln!(code, "    ({rel:?}, include_str!({:?})),", abs.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_kb.rs");
    std::fs::write(out, code).unwrap();
}
