//! Precision and recall of the extraction against hand annotations.
//!
//! A gold file (`tests/gold/*.tsv`) names its document and the passages that
//! were annotated (`# document:` and `# ranges: a-b, c-d`, character offsets
//! into the original text); every other line is
//! `start<TAB>end<TAB>kind<TAB>value<TAB>text`, where `text` is the span as it
//! stands in the document (checked, so the offsets cannot drift).
//!
//! A candidate matches a gold item when the kinds are equal, the spans
//! overlap and the normalised values are equal; each gold item is matched at
//! most once. Only candidates inside the annotated ranges count.

use serde::Serialize;

use crate::candidate::Kind;

/// One hand-annotated item.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldItem {
    /// Character offset of its start in the document's original text.
    pub start: usize,
    /// Character offset just past its end.
    pub end: usize,
    /// Its kind.
    pub kind: Kind,
    /// Its normalised value, as extraction should give it.
    pub value: String,
    /// The span as it stands in the document (checked).
    pub text: String,
    /// Its line in the gold file.
    pub line: usize,
}

/// A gold file: the document, the annotated ranges and the items.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    /// The gold file.
    pub file: String,
    /// The document's file name.
    pub document: String,
    /// The annotated character ranges (only candidates inside them count).
    pub ranges: Vec<(usize, usize)>,
    /// The items.
    pub items: Vec<GoldItem>,
}

/// Reads a gold file; errors name the file and line.
pub fn parse(file: &str, text: &str) -> Result<GoldDoc, String> {
    let mut doc = GoldDoc { file: file.to_string(), document: String::new(), ranges: vec![], items: vec![] };
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        if let Some(d) = line.strip_prefix("# document:") {
            doc.document = d.trim().to_string();
            continue;
        }
        if let Some(r) = line.strip_prefix("# ranges:") {
            for part in r.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (a, b) = part.split_once('-').ok_or_else(|| format!("{file}:{ln}: range '{part}' is not a-b"))?;
                let (a, b) = (a.trim().parse(), b.trim().parse());
                let (Ok(a), Ok(b)) = (a, b) else { return Err(format!("{file}:{ln}: range '{part}' is not a-b")) };
                doc.ranges.push((a, b));
            }
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.splitn(5, '\t').collect();
        if cols.len() != 5 {
            return Err(format!("{file}:{ln}: expected 5 tab-separated columns, found {}", cols.len()));
        }
        let num =
            |s: &str, what: &str| s.parse::<usize>().map_err(|_| format!("{file}:{ln}: {what} '{s}' is not a number"));
        doc.items.push(GoldItem {
            start: num(cols[0], "start")?,
            end: num(cols[1], "end")?,
            kind: cols[2].parse().map_err(|e| format!("{file}:{ln}: {e}"))?,
            value: cols[3].to_string(),
            text: cols[4].to_string(),
            line: ln,
        });
    }
    if doc.document.is_empty() || doc.ranges.is_empty() {
        return Err(format!("{file}: needs '# document:' and '# ranges:' lines"));
    }
    Ok(doc)
}

/// Checks every item's text against the document (white space runs compare
/// equal) and that it lies in an annotated range.
pub fn check(doc: &GoldDoc, original: &str) -> Result<(), String> {
    let chars: Vec<char> = original.chars().collect();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for it in &doc.items {
        if it.end > chars.len() || it.start >= it.end {
            return Err(format!("{}:{}: span {}-{} outside the document", doc.file, it.line, it.start, it.end));
        }
        let got: String = chars[it.start..it.end].iter().collect();
        if squash(&got) != squash(&it.text) {
            return Err(format!(
                "{}:{}: span {}-{} reads '{}', not '{}'",
                doc.file, it.line, it.start, it.end, got, it.text
            ));
        }
        if !doc.ranges.iter().any(|&(a, b)| it.start >= a && it.end <= b) {
            return Err(format!("{}:{}: span {}-{} outside the annotated ranges", doc.file, it.line, it.start, it.end));
        }
    }
    Ok(())
}

/// Scores of one kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// The kind of candidate.
    pub kind: String,
    /// Gold items.
    pub gold: usize,
    /// Candidates in the annotated ranges.
    pub predicted: usize,
    /// Span overlaps and value equal.
    pub matched: usize,
    /// Span overlaps, whatever the value.
    pub span_matched: usize,
}

impl Score {
    /// Matched over predicted, with its interval; `None` (shown "n/a")
    /// when nothing was predicted.
    pub fn precision(&self) -> Option<Proportion> {
        Proportion::wilson(self.matched, self.predicted)
    }
    /// Matched over gold, with its interval; `None` (shown "n/a") when
    /// nothing was annotated.
    pub fn recall(&self) -> Option<Proportion> {
        Proportion::wilson(self.matched, self.gold)
    }
    /// Adds the counts of `o` (pooling files).
    pub fn add(&mut self, o: &Score) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.span_matched += o.span_matched;
    }
}

/// The normal quantile of a two-sided 90 % interval.
const Z90: f64 = 1.644_853_626_951_472_2;

/// A proportion `k / n` with its 90 % Wilson score interval.
///
/// Wilson's interval (E. B. Wilson, 1927) rather than the normal one:
/// it stays inside 0..1 and is sensible at 0/n and n/n and for small n,
/// which is what these counts are. For `p = k/n`:
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z √(p(1−p)/n + z²/4n²) / (1 + z²/n).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Proportion {
    /// Successes.
    pub k: usize,
    /// Trials.
    pub n: usize,
    /// k / n.
    pub value: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

impl Proportion {
    /// `k / n` with its 90 % Wilson interval; `None` when `n` is 0.
    pub fn wilson(k: usize, n: usize) -> Option<Proportion> {
        if n == 0 {
            return None;
        }
        let (kf, nf) = (k as f64, n as f64);
        let p = kf / nf;
        let z2 = Z90 * Z90;
        let denom = 1.0 + z2 / nf;
        let centre = (p + z2 / (2.0 * nf)) / denom;
        let half = Z90 * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
        // At 0/n and n/n the interval ends at 0 and 1 exactly (rounding aside).
        let low = if k == 0 { 0.0 } else { (centre - half).max(0.0) };
        let high = if k == n { 1.0 } else { (centre + half).min(1.0) };
        Some(Proportion { k, n, value: p, low, high })
    }
}

impl std::fmt::Display for Proportion {
    /// `0.84 (218/258; 0.80-0.87)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.2} ({}/{}; {:.2}-{:.2})", self.value, self.k, self.n, self.low, self.high)
    }
}

/// A proportion as a table shows it: with its counts and interval, or "n/a".
pub fn show(p: Option<Proportion>) -> String {
    p.map_or_else(|| "n/a".to_string(), |p| p.to_string())
}

/// The scores of a set of passages as a table: per kind the gold items,
/// the candidates, the matches, precision and recall with their counts
/// and 90 % Wilson intervals ("n/a" where nothing was predicted or
/// annotated), and the same for the span alone (value not compared).
pub fn table(title: &str, scores: &[Score]) -> String {
    let mut out = format!(
        "{title}\n{:<9} {:>4} {:>4} {:>5}  {:<26} {:<26} span only: P / R\n",
        "kind", "gold", "pred", "match", "precision (k/n; 90% CI)", "recall (k/n; 90% CI)"
    );
    for s in scores {
        let span_p = Proportion::wilson(s.span_matched, s.predicted).map(|p| format!("{:.2}", p.value));
        let span_r = Proportion::wilson(s.span_matched, s.gold).map(|p| format!("{:.2}", p.value));
        out.push_str(&format!(
            "{:<9} {:>4} {:>4} {:>5}  {:<26} {:<26} {} / {}\n",
            s.kind,
            s.gold,
            s.predicted,
            s.matched,
            show(s.precision()),
            show(s.recall()),
            span_p.as_deref().unwrap_or("n/a"),
            span_r.as_deref().unwrap_or("n/a"),
        ));
    }
    out
}

/// A predicted candidate for scoring: kind, original start, end, value.
pub type Predicted = (Kind, usize, usize, String);

/// Scores per kind, plus the misses for inspection (gold items not found,
/// predictions not in the gold set).
pub fn score(doc: &GoldDoc, predicted: &[Predicted]) -> (Vec<Score>, Vec<String>) {
    let mut out = Vec::new();
    let mut misses = Vec::new();
    let inside = |s: usize, e: usize| doc.ranges.iter().any(|&(a, b)| s >= a && e <= b);
    for kind in Kind::ALL {
        let gold: Vec<&GoldItem> = doc.items.iter().filter(|g| g.kind == kind).collect();
        let pred: Vec<&Predicted> = predicted.iter().filter(|p| p.0 == kind && inside(p.1, p.2)).collect();
        let mut used = vec![false; gold.len()];
        let mut used_span = vec![false; gold.len()];
        let (mut matched, mut span_matched) = (0, 0);
        for p in &pred {
            let overlap = |g: &GoldItem| p.1 < g.end && g.start < p.2;
            if let Some(i) = (0..gold.len()).find(|&i| !used[i] && overlap(gold[i]) && gold[i].value == p.3) {
                used[i] = true;
                matched += 1;
            } else {
                misses.push(format!("{} extra {} {}-{} '{}'", doc.document, kind.as_str(), p.1, p.2, p.3));
            }
            if let Some(i) = (0..gold.len()).find(|&i| !used_span[i] && overlap(gold[i])) {
                used_span[i] = true;
                span_matched += 1;
            }
        }
        for (i, g) in gold.iter().enumerate() {
            if !used[i] {
                misses.push(format!(
                    "{} missed {} {}-{} '{}' ({})",
                    doc.document,
                    kind.as_str(),
                    g.start,
                    g.end,
                    g.value,
                    g.text
                ));
            }
        }
        out.push(Score { kind: kind.as_str().into(), gold: gold.len(), predicted: pred.len(), matched, span_matched });
    }
    (out, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_checks_and_scores() {
        let g = "# document: d.txt\n# ranges: 0-40\n0\t6\tactor\tRUS\tRussia\n17\t21\tdate\t2016\t2016\n";
        let doc = parse("g.tsv", g).unwrap();
        let original = "Russia signed in 2016 with Armenia.";
        check(&doc, original).unwrap();
        let pred = vec![
            (Kind::Actor, 0, 6, "RUS".to_string()),
            (Kind::Actor, 27, 34, "ARM".to_string()),
            (Kind::Date, 17, 21, "2015".to_string()),
        ];
        let (s, misses) = score(&doc, &pred);
        assert_eq!(s[0], Score { kind: "actor".into(), gold: 1, predicted: 2, matched: 1, span_matched: 1 });
        assert_eq!((s[0].precision().unwrap().value, s[0].recall().unwrap().value), (0.5, 1.0));
        // Nothing predicted or annotated is "n/a", not 1.
        assert_eq!((s[2].precision(), s[2].recall()), (None, None));
        assert!(table("t", &s).contains("quantity     0    0     0  n/a"));
        assert_eq!(s[1], Score { kind: "date".into(), gold: 1, predicted: 1, matched: 0, span_matched: 1 });
        assert_eq!(misses.len(), 3);
        let bad = parse("g.tsv", "# document: d\n# ranges: 0-9\n0\t6\tactor\tRUS\tRussla\n").unwrap();
        assert_eq!(check(&bad, original).unwrap_err(), "g.tsv:3: span 0-6 reads 'Russia', not 'Russla'");
    }
}

#[cfg(test)]
mod interval_tests {
    use super::Proportion;

    #[test]
    fn wilson_intervals_by_hand() {
        // 8/10 at z = 1.645: centre (0.8 + 0.1353) / 1.2706 = 0.7361,
        // half 1.645 * sqrt(0.016 + 0.00677) / 1.2706 = 0.1954 -> 0.54 .. 0.93.
        let p = Proportion::wilson(8, 10).unwrap();
        assert!((p.low - 0.5407).abs() < 1e-3 && (p.high - 0.9315).abs() < 1e-3, "{p:?}");
        // 0/5 and 5/5 stay inside 0..1 and are not points.
        let z = Proportion::wilson(0, 5).unwrap();
        assert_eq!(z.low, 0.0);
        assert!(z.high > 0.3 && z.high < 0.4, "{z:?}");
        let one = Proportion::wilson(5, 5).unwrap();
        assert!(one.high == 1.0 && one.low > 0.6 && one.low < 0.7, "{one:?}");
        assert_eq!(Proportion::wilson(0, 0), None);
        assert_eq!(Proportion::wilson(3, 4).unwrap().to_string(), "0.75 (3/4; 0.36-0.94)");
    }
}
