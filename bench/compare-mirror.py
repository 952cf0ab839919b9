#!/usr/bin/env python3
"""Is bench/hugo-site a faithful mirror of templates/? Diffs the pages both wrote from one corpus, region by region.

    bench/compare-mirror.py OUT            OUT = bench/out/bench-SHAPE-N (its bantin/ and hugo/ outputs)
    bench/compare-mirror.py OUT --all      every page the two have in common, not only one of each kind
    bench/compare-mirror.py OUT -v         the differing lines of each region (otherwise the first few)

Pages are normalised first: blank lines dropped, Hugo's "&#43;" read as "+", percent-escaped "đ" (%C4%91) read
as "d" in Hugo's URLs (older corpora). Then each page is cut into regions (head, header, menu, breadcrumb, main,
related, each sidebar widget, footer) and each region compared. Prints, per kind of page, the regions that
differ with their first differing lines, and a count of identical pages; exits 1 when any page differs.
Known differences by design (bench/README.md) are listed with --known and not counted: the related articles
(Hugo's own algorithm) and the byte counts they change.
"""
import difflib, os, re, sys

KNOWN_REGIONS = {"related"}  # Hugo's .Related is its own algorithm: same work, other choices (bench/README.md)


def normalise(text):
    text = text.replace("&#43;", "+").replace("%C4%91", "d").replace("%c4%91", "d")
    return [line for line in text.split("\n") if line.strip()]


REGION_STARTS = [
    ("head", re.compile(r"^<head>")),
    ("body-start", re.compile(r"^<body")),
    ("header", re.compile(r'^<header class="site-header"')),
    ("menu", re.compile(r'^<nav class="site-nav"')),
    ("main", re.compile(r'^<main')),
    ("breadcrumb", re.compile(r'^<nav class="breadcrumb"')),
    ("main", re.compile(r'^(<article class="article">|<header class="listing-header">|<h1 class="visually-hidden">)')),
    ("related", re.compile(r'^<section class="related"')),
    ("main-end", re.compile(r'^</main>')),
    ("pagination", re.compile(r'^<nav class="pagination"')),
    ("sidebar", re.compile(r'^<aside class="sidebar"')),
    ("widget:", re.compile(r'^<section class="widget (widget-[a-z-]+)"')),
    ("footer", re.compile(r'^<footer class="site-footer"')),
    ("end", re.compile(r'^</body>')),
]


def regions(lines):
    """[(name, [lines])] in page order."""
    out, name, current = [], "start", []
    for line in lines:
        for region, pattern in REGION_STARTS:
            m = pattern.match(line)
            if m:
                # a breadcrumb or pagination ends where the next region starts; related ends at </section>
                out.append((name, current))
                name, current = (region + m.group(1) if region == "widget:" else region), []
                break
        current.append(line)
    out.append((name, current))
    merged = {}
    order = []
    for name, lines in out:
        if name not in merged:
            merged[name] = []
            order.append(name)
        merged[name] += lines
    return [(n, merged[n]) for n in order]


def compare(bantin_file, hugo_file, verbose):
    with open(bantin_file, encoding="utf-8") as f:
        b = regions(normalise(f.read()))
    with open(hugo_file, encoding="utf-8") as f:
        h = regions(normalise(f.read()))
    bd, hd = dict(b), dict(h)
    diffs = []
    for name in list(dict.fromkeys([n for n, _ in b] + [n for n, _ in h])):
        if name in KNOWN_REGIONS:
            continue
        bl, hl = bd.get(name), hd.get(name)
        if bl == hl:
            continue
        if bl is None or hl is None:
            diffs.append((name, [f"only in {'bantin' if hl is None else 'Hugo'} ({len(bl or hl)} lines)"]
                          + ["  " + l[:160] for l in (bl or hl)[: 40 if verbose else 4]]))
            continue
        d = [l[:200] for l in difflib.unified_diff(bl, hl, "bantin", "hugo", n=0, lineterm="") if not l.startswith(("---", "+++", "@@"))]
        diffs.append((name, d if verbose else d[:6] + ([f"  … {len(d) - 6} more lines"] if len(d) > 6 else [])))
    return diffs


def pick(bantin, hugo, all_pages):
    """(kind, relative path) pairs present in both outputs."""
    pages = []
    for root, _, files in os.walk(bantin):
        for name in files:
            if name.endswith(".html"):
                rel = os.path.relpath(os.path.join(root, name), bantin)
                if os.path.exists(os.path.join(hugo, rel)):
                    pages.append(rel)
    pages.sort()

    def kind(rel):
        if rel == "index.html": return "home"
        if rel == "404.html": return "404"
        if rel.startswith("tin/"): return "print" if rel.endswith("in.html") else "article"
        top = rel.split("/")[0]
        if rel.count("/") == 1: return top + " index"
        return top + (" page 2+" if "/trang/" in rel else " page 1")
    if all_pages:
        return [(kind(p), p) for p in pages]
    seen, chosen = set(), []
    for p in pages:
        if kind(p) not in seen:
            seen.add(kind(p))
            chosen.append((kind(p), p))
    return chosen


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if len(args) != 1:
        sys.exit(__doc__)
    out = args[0]
    verbose, all_pages = "-v" in sys.argv, "--all" in sys.argv
    bantin, hugo = os.path.join(out, "bantin"), os.path.join(out, "hugo")
    same, differing = 0, 0
    by_kind = {}
    for kind, rel in pick(bantin, hugo, all_pages):
        diffs = compare(os.path.join(bantin, rel), os.path.join(hugo, rel), verbose)
        if not diffs:
            same += 1
            continue
        differing += 1
        shown = by_kind.setdefault(kind, 0)
        by_kind[kind] += 1
        if shown < (3 if verbose else 1):
            print(f"== {kind}: {rel}")
            for name, lines in diffs:
                print(f"  [{name}]")
                for line in lines:
                    print("    " + line)
    print(f"{same} page(s) identical but for {', '.join(sorted(KNOWN_REGIONS))}; {differing} differ"
          + (": " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())) if by_kind else ""))
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
