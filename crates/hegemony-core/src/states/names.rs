//! How names are compared: one normalised key per name, and an edit distance for suggestions.

/// The key every name is compared by: lower case, Latin accents stripped
/// (`Côte` = `Cote`), `ё` = `е`, one kind of apostrophe, dashes and
/// underscores as spaces, dots dropped (`St.` = `St`), `&` = `and`, runs of
/// white space collapsed, and a leading "the " dropped.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            '\u{300}'..='\u{36f}' | '.' => {} // combining accents of decomposed text; dots
            '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '′' => out.push('\''),
            '-' | '_' | '‐' | '‑' | '‒' | '–' | '—' => out.push(' '),
            '&' => out.push_str(" and "),
            c => out.push_str(fold_accent(c).unwrap_or(c.encode_utf8(&mut [0; 4]))),
        }
    }
    let mut out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    while let Some(rest) = out.strip_prefix("the ") {
        out = rest.to_string();
    }
    out
}

/// The base letters of the accented lower-case letters in state names.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ž' | 'ż' => "z",
        'ё' => "е",
        _ => return None,
    })
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// over chars. Written here rather than taken from a crate: it is twenty
/// lines, and the core crate keeps to serde and thiserror.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for transpositions), previous, current.
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
