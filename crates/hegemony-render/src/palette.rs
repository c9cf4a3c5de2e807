//! The colours of every chart and map, in one place, and the check that a
//! reader with a colour-vision deficiency can tell them apart.
//!
//! Series take the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal
//! Design"); the map's composite is a sequential ramp of one hue family
//! (ColorBrewer's YlOrBr, five classes: lightness carries the order), "no
//! value" a blue grey off the ramp, and the dominant state a dark navy. The
//! tests simulate protanopia, deuteranopia and tritanopia (Machado, Oliveira
//! and Fernandes 2009, severity 1, on linear RGB) and require the colours
//! that must differ to stay apart by a CIEDE2000 distance: lines at least
//! [`MIN_SERIES_DE`], neighbouring ramp steps at least [`MIN_RAMP_DE`] with
//! lightness still in order, "no value" at least [`MIN_SERIES_DE`] from
//! every step. The dashboard takes the same colours from `/api/v1/palette`.

use serde::Serialize;

/// The colour of a measure's line (Okabe–Ito).
pub const SERIES: [(&str, &str); 7] = [
    ("composite", "#000000"),
    ("security", "#D55E00"),
    ("economic", "#0072B2"),
    ("institutionalisation", "#009E73"),
    ("alignment", "#CC79A7"),
    ("alignment_residual", "#56B4E9"),
    ("other", "#E69F00"),
];

/// The map's composite from 0 to 1, light to dark (ColorBrewer YlOrBr 5).
pub const RAMP: [&str; 5] = ["#FFFFD4", "#FED98E", "#FE9929", "#D95F0E", "#993404"];
/// A subordinate without a composite value that year.
pub const NO_VALUE: &str = "#9FB3C8";
/// The dominant state on the map.
pub const DOMINANT: &str = "#1D2B3A";
/// Countries outside the comparison.
pub const OTHER: &str = "#C4C4C4";
/// The hatching of territory under occupation.
pub const OCCUPIED_HATCH: &str = "#1D2B3A";

/// Lines apart by at least this CIEDE2000 distance, seen with any deficiency.
pub const MIN_SERIES_DE: f64 = 10.0;
/// Neighbouring ramp steps apart by at least this.
pub const MIN_RAMP_DE: f64 = 8.0;

/// The palette as the dashboard reads it.
#[derive(Serialize)]
pub struct PaletteView {
    /// Measure name → colour.
    pub series: std::collections::BTreeMap<&'static str, &'static str>,
    /// The map's ramp, light (0) to dark (1).
    pub ramp: [&'static str; 5],
    /// No value.
    pub no_value: &'static str,
    /// The dominant state.
    pub dominant: &'static str,
    /// Other countries.
    pub other: &'static str,
    /// Occupied territory's hatching.
    pub occupied: &'static str,
}

/// The palette as the dashboard reads it.
pub fn view() -> PaletteView {
    PaletteView {
        series: SERIES.into_iter().collect(),
        ramp: RAMP,
        no_value: NO_VALUE,
        dominant: DOMINANT,
        other: OTHER,
        occupied: OCCUPIED_HATCH,
    }
}

/// A colour-vision deficiency to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deficiency {
    /// No deficiency.
    None,
    /// No L cones.
    Protanopia,
    /// No M cones.
    Deuteranopia,
    /// No S cones.
    Tritanopia,
}

impl Deficiency {
    /// Every case the tests check.
    pub const ALL: [Deficiency; 4] =
        [Deficiency::None, Deficiency::Protanopia, Deficiency::Deuteranopia, Deficiency::Tritanopia];

    /// Machado et al. (2009), severity 1.0, on linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::None => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Deficiency::Protanopia => {
                [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
            }
            Deficiency::Deuteranopia => {
                [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
            }
            Deficiency::Tritanopia => {
                [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
            }
        }
    }
}

/// `#RRGGBB` as sRGB components in 0–1.
pub fn parse_hex(hex: &str) -> Option<[f64; 3]> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok().map(|v| f64::from(v) / 255.0);
    Some([c(0)?, c(2)?, c(4)?])
}

fn to_linear(c: f64) -> f64 {
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// CIELAB (D65) of an sRGB colour as seen with `d`.
pub fn lab_seen(rgb: [f64; 3], d: Deficiency) -> [f64; 3] {
    let lin = rgb.map(to_linear);
    let m = d.matrix();
    let sim: Vec<f64> = (0..3).map(|i| (0..3).map(|j| m[i][j] * lin[j]).sum::<f64>().clamp(0.0, 1.0)).collect();
    let (r, g, b) = (sim[0], sim[1], sim[2]);
    let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 colour difference (Sharma, Wu and Dalal 2005).
pub fn ciede2000(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (l1, a1, b1) = (a[0], a[1], a[2]);
    let (l2, a2, b2) = (b[0], b[1], b[2]);
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let cm = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cm.powi(7) / (cm.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |bb: f64, aa: f64| {
        if bb == 0.0 && aa == 0.0 {
            0.0
        } else {
            let h = bb.atan2(aa).to_degrees();
            if h < 0.0 { h + 360.0 } else { h }
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
    let lm = (l1 + l2) / 2.0;
    let cmp = (c1p + c2p) / 2.0;
    let hm = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hm - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hm).to_radians().cos()
        + 0.32 * (3.0 * hm + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hm - 63.0).to_radians().cos();
    let dtheta = 30.0 * (-((hm - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cmp.powi(7) / (cmp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lm - 50.0).powi(2) / (20.0 + (lm - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cmp;
    let sh = 1.0 + 0.015 * cmp * t;
    let rt = -(2.0 * dtheta.to_radians()).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh)).sqrt()
}

/// The distance between two colours as seen with `d`.
pub fn distance_seen(x: &str, y: &str, d: Deficiency) -> f64 {
    let (Some(a), Some(b)) = (parse_hex(x), parse_hex(y)) else { return 0.0 };
    ciede2000(lab_seen(a, d), lab_seen(b, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore = "prints the distances, for choosing colours"]
    fn print_distances() {
        let all: Vec<&str> = SERIES.iter().map(|(_, c)| *c).chain(RAMP).chain([NO_VALUE, OTHER, DOMINANT]).collect();
        for d in Deficiency::ALL {
            for (i, a) in all.iter().enumerate() {
                let row: Vec<String> =
                    all[i + 1..].iter().map(|b| format!("{b}:{:.0}", distance_seen(a, b, d))).collect();
                println!("{d:?} {a}: {}", row.join(" "));
            }
        }
    }

    #[test]
    fn ciede2000_matches_sharmas_reference_pairs() {
        // Sharma, Wu and Dalal (2005), table 1, pairs 1, 7 and 17.
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ];
        for (a, b, want) in cases {
            let got = ciede2000(a, b);
            assert!((got - want).abs() < 1e-4, "{a:?} {b:?}: {got} vs {want}");
        }
    }

    #[test]
    fn white_and_black_are_lab_extremes_and_greys_survive_every_simulation() {
        for d in Deficiency::ALL {
            let w = lab_seen([1.0, 1.0, 1.0], d);
            assert!((w[0] - 100.0).abs() < 0.05 && w[1].abs() < 0.5 && w[2].abs() < 0.5, "{d:?}: {w:?}");
            assert!(lab_seen([0.0, 0.0, 0.0], d)[0].abs() < 1e-9);
        }
        // A grey stays grey: the rows of every matrix sum to 1.
        let g = lab_seen([0.5, 0.5, 0.5], Deficiency::Deuteranopia);
        assert!(g[1].abs() < 0.5 && g[2].abs() < 0.5, "{g:?}");
    }

    #[test]
    fn protanopia_merges_red_and_green_that_a_normal_eye_tells_apart() {
        // The check can fail: pure red and green collapse without L cones.
        let normal = distance_seen("#FF0000", "#00A000", Deficiency::None);
        let protan = distance_seen("#FF0000", "#00A000", Deficiency::Protanopia);
        assert!(normal > 60.0 && protan < normal / 2.0, "normal {normal}, protan {protan}");
    }

    #[test]
    fn the_lines_stay_apart_with_every_deficiency() {
        let lines: Vec<&str> = SERIES.iter().filter(|(n, _)| *n != "other").map(|(_, c)| *c).collect();
        for d in Deficiency::ALL {
            for (i, a) in lines.iter().enumerate() {
                for b in &lines[i + 1..] {
                    let de = distance_seen(a, b, d);
                    assert!(de >= MIN_SERIES_DE, "{d:?}: {a} and {b} only {de:.1} apart");
                }
                // And from the white page.
                assert!(distance_seen(a, "#FFFFFF", d) >= MIN_SERIES_DE, "{d:?}: {a} too close to white");
            }
        }
    }

    #[test]
    fn the_map_ramp_keeps_its_order_and_no_value_stands_apart() {
        for d in Deficiency::ALL {
            let labs: Vec<[f64; 3]> = RAMP.iter().map(|c| lab_seen(parse_hex(c).unwrap(), d)).collect();
            for (i, w) in labs.windows(2).enumerate() {
                assert!(w[1][0] < w[0][0], "{d:?}: step {i} is not darker than the one before");
                let de = ciede2000(w[0], w[1]);
                assert!(de >= MIN_RAMP_DE, "{d:?}: steps {i} and {} only {de:.1} apart", i + 1);
            }
            for c in RAMP.iter().chain([&OTHER, &DOMINANT]) {
                let de = distance_seen(NO_VALUE, c, d);
                assert!(de >= MIN_SERIES_DE, "{d:?}: no value and {c} only {de:.1} apart");
            }
            for c in RAMP {
                let de = distance_seen(OTHER, c, d);
                assert!(de >= MIN_RAMP_DE, "{d:?}: other countries and {c} only {de:.1} apart");
            }
        }
    }
}
