# Turns the hand annotations of annotate.py (text + kind + value + which occurrence)
# into the character offsets of the gold files. Run: python3 annotate.py
import os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
_shared = os.environ.get('HEGEMONY_SHARED_DATA')
DOCS = (os.path.join(_shared, '..', 'documents') if _shared
        else os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'documents')) + '/'
def find_all(orig, text, a, b):
    pat = r'(?<!\w)' + r'\s+'.join(re.escape(w) for w in text.split()) + r"(?![A-Za-z\u00C0-\u024F\u0400-\u04FF])"
    return [(m.start(), m.end()) for m in re.finditer(pat, orig[a:b])]
def build(fname, ranges, items, out):
    orig = open(DOCS+fname, encoding='utf-8').read()
    rr = []
    for (s_text, e_text) in ranges:
        a = orig.index(s_text) if isinstance(s_text, str) else s_text
        b = (orig.index(e_text, a) + len(e_text)) if isinstance(e_text, str) else e_text
        rr.append((a, b))
    lines = [f"# document: {fname}", "# ranges: " + ", ".join(f"{a}-{b}" for a, b in rr)]
    for it in items:
        r, kind, value, text = it[:4]
        nth = it[4] if len(it) > 4 else 0
        a, b = rr[r]
        hits = find_all(orig, text, a, b)
        if len(hits) <= nth:
            sys.exit(f"{fname}: '{text}' (#{nth}) not found in range {r}")
        s, e = hits[nth]
        lines.append(f"{a+s}\t{a+e}\t{kind}\t{value}\t{' '.join(text.split())}")
    open(out, 'w', encoding='utf-8').write("\n".join(lines) + "\n")
    print(out, len(items))
