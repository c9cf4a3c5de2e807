//! Dynamic ideal points on the whole UN General Assembly record (unvotes,
//! 1946–2019), compared with Bailey, Strezhnev & Voeten's published
//! estimates in `voeten_idealpoints_jul2025.csv.gz`. Needs `../shared/data`;
//! CI runs it with `--ignored`.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use hegemony_core::VoteRecord;
use hegemony_measures::ideal::{Bridging, DynamicFit, DynamicOptions, IdealModel, PeriodKind, VoteSubset, fit_dynamic};

fn data_dir() -> PathBuf {
    let dir = std::env::var_os("HEGEMONY_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")));
    assert!(
        dir.join("unvotes_un_votes.csv.gz").is_file(),
        "real data missing: no unvotes_un_votes.csv.gz in {} (set HEGEMONY_SHARED_DATA)",
        dir.display()
    );
    dir
}

fn load(dir: &Path) -> VoteRecord {
    hegemony_data::load_unvotes(
        &dir.join("unvotes_un_votes.csv.gz"),
        &dir.join("unvotes_un_roll_calls.csv.gz"),
        Some(&dir.join("unvotes_un_roll_call_issues.csv.gz")),
    )
    .expect("unvotes loads")
    .record
}

/// One column of the July 2025 file by (COW code, year); empty cells are skipped.
fn published(dir: &Path, column: &str) -> HashMap<(u16, i32), f64> {
    let path = dir.join("voeten_idealpoints_jul2025.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .read_to_string(&mut text)
        .expect("gzip");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let h = rd.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"));
    let (c_cow, c_year, c_ip) = (col("ccode"), col("year"), col(column));
    let mut out = HashMap::new();
    for row in rd.records() {
        let row = row.unwrap();
        if let (Ok(cow), Ok(year), Ok(ip)) =
            (row[c_cow].parse::<u16>(), row[c_year].parse::<i32>(), row[c_ip].parse::<f64>())
        {
            out.insert((cow, year), ip);
        }
    }
    out
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (ma, mb) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for &(a, b) in pairs {
        sab += (a - ma) * (b - mb);
        saa += (a - ma) * (a - ma);
        sbb += (b - mb) * (b - mb);
    }
    sab / (saa * sbb).sqrt()
}

struct Comparison {
    pooled: f64,
    n: usize,
    within_median: f64,
    within_min: (i32, f64),
    /// Per subordinate: (correlation, mean |difference| after putting ours on their scale, years).
    distances: Vec<(u16, f64, f64, usize)>,
}

/// Ours against theirs: pooled and within-year correlations, and the
/// Russia–Armenia and Russia–Belarus distance series (ours mapped onto
/// their scale by the pooled least-squares slope, so differences are in
/// their units).
fn compare(fit: &DynamicFit, theirs: &HashMap<(u16, i32), f64>, label: &str) -> Comparison {
    let ours: HashMap<(u16, i32), f64> = fit.points.iter().map(|p| ((p.state, p.period), p.theta)).collect();
    let pairs: Vec<(f64, f64)> =
        fit.points.iter().filter_map(|p| theirs.get(&(p.state, p.period)).map(|&v| (p.theta, v))).collect();
    let pooled = pearson(&pairs);
    let n = pairs.len() as f64;
    let (mo, mt) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
    let slope = pairs.iter().map(|p| (p.0 - mo) * (p.1 - mt)).sum::<f64>()
        / pairs.iter().map(|p| (p.0 - mo) * (p.0 - mo)).sum::<f64>();
    let mut years: Vec<i32> = fit.points.iter().map(|p| p.period).collect();
    years.dedup();
    let mut within = Vec::new();
    for &y in &years {
        let pairs: Vec<(f64, f64)> = fit
            .points
            .iter()
            .filter(|p| p.period == y)
            .filter_map(|p| theirs.get(&(p.state, y)).map(|&v| (p.theta, v)))
            .collect();
        if pairs.len() >= 20 {
            within.push((y, pearson(&pairs)));
        }
    }
    let mut sorted: Vec<f64> = within.iter().map(|w| w.1).collect();
    sorted.sort_by(f64::total_cmp);
    let within_median = sorted[sorted.len() / 2];
    let within_min = within.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let low: Vec<String> = within.iter().filter(|w| w.1 < 0.9).map(|w| format!("{}:{:.2}", w.0, w.1)).collect();
    eprintln!(
        "{label}: pooled r {pooled:.4} over {} state-years (slope onto theirs {slope:.3}); within-year r median {within_median:.4}, \
         min {:.4} ({}); years with r < 0.9: {low:?}",
        pairs.len(),
        within_min.1,
        within_min.0
    );
    let mut distances = Vec::new();
    for sub in [371u16, 370] {
        let mut d = Vec::new();
        for &y in &years {
            if let (Some(a), Some(b), Some(c), Some(e)) =
                (ours.get(&(sub, y)), ours.get(&(365, y)), theirs.get(&(sub, y)), theirs.get(&(365, y)))
            {
                d.push((y, slope * (a - b).abs(), (c - e).abs()));
            }
        }
        let pairs: Vec<(f64, f64)> = d.iter().map(|x| (x.1, x.2)).collect();
        let r = pearson(&pairs);
        let mad = d.iter().map(|x| (x.1 - x.2).abs()).sum::<f64>() / d.len() as f64;
        eprintln!("{label}: |{sub} − RUS| series: r {r:.3}, mean |diff| {mad:.3} (their units) over {} years", d.len());
        if std::env::var_os("SHOW_SERIES").is_some() {
            for x in &d {
                eprintln!("  {} ours {:.3} theirs {:.3}", x.0, x.1, x.2);
            }
        }
        distances.push((sub, r, mad, d.len()));
    }
    Comparison { pooled, n: pairs.len(), within_median, within_min, distances }
}

fn env_f64(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn dynamic_fit_of_the_whole_record_tracks_published_estimates() {
    let dir = data_dir();
    let record = load(&dir);
    let all = published(&dir, "idealpointall");
    let legacy = published(&dir, "idealpointlegacy");
    let fp = published(&dir, "idealpointfp");
    let bridging = if std::env::var_os("NO_BRIDGE").is_some() { Bridging::None } else { Bridging::ShortTitle };
    let base = DynamicOptions {
        evolution_var: env_f64("OMEGA2", DynamicOptions::default().evolution_var),
        tol: env_f64("TOL", DynamicOptions::default().tol),
        bridging,
        ..Default::default()
    };
    for (period, subset, theirs, label) in [
        (PeriodKind::CalendarYear, VoteSubset::All, &all, "calendar year, all votes vs idealpointall"),
        (PeriodKind::Year, VoteSubset::All, &legacy, "session year, all votes vs idealpointlegacy"),
        (PeriodKind::CalendarYear, VoteSubset::FinalPassage, &fp, "calendar year, final passage vs idealpointfp"),
    ]
    .into_iter()
    .take(env_f64("FITS", 3.0) as usize)
    {
        let t = Instant::now();
        let opts = DynamicOptions { period, subset, ..base.clone() };
        let fit = fit_dynamic(&record, &opts).expect("the record fits");
        eprintln!(
            "{label}: {} state-periods, {} items ({} bridged groups), {} sweeps, converged {}, in {:.2?}",
            fit.points.len(),
            fit.items,
            fit.bridge_groups,
            fit.iterations,
            fit.converged,
            t.elapsed()
        );
        if let Some(path) = std::env::var_os("DUMP") {
            let mut out = String::from("period,state,theta,n\n");
            for p in &fit.points {
                out += &format!("{},{},{},{}\n", p.period, p.state, p.theta, p.n_votes);
            }
            std::fs::write(path, out).unwrap();
        }
        let c = compare(&fit, theirs, label);
        let _ = (c.pooled, c.n, c.within_median, c.within_min, &c.distances, IdealModel::Ordinal);
    }
}
