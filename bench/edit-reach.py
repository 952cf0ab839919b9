#!/usr/bin/env python3
"""How far one edit reaches into related news (bench/README.md, "Timer rebuilds at 10,000 articles"; issue #14).

Related news weighs each term by how many articles hold it (idf). Appending one sentence to an article changes
that count for the sentence's terms the article did not hold yet, and so the vector of every other article
holding one of them: their lists have to be searched again before a build can know they did not change.
This counts those articles, approximating bantin's terms by lower-cased words and pairs of neighbouring words
(bantin also cuts vectors at 320 terms and drops terms of one article: the counts are of that order, not exact).

    bench/edit-reach.py [content/articles folder] [tries]    (default: bench/out/timer-10000's, 5 tries)
"""
import glob, os, random, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "bench/out/timer-10000/bantin/content/articles"
tries = int(sys.argv[2]) if len(sys.argv) > 2 else 5
files = sorted(glob.glob(os.path.join(root, "**", "*.md"), recursive=True))
if not files:
    sys.exit(f"edit-reach: no articles under {root} (make bench-incremental makes bench/out/timer-10000)")


def body(path):
    text = open(path, encoding="utf-8").read()
    return text.split("---", 2)[2] if text.startswith("---") else text


def terms(text):
    words = re.findall(r"[^\W_]+", text.lower())
    return set(words) | {a + " " + b for a, b in zip(words, words[1:])}


held = {path: terms(body(path)) for path in files}
frequency = {}
for found in held.values():
    for term in found:
        frequency[term] = frequency.get(term, 0) + 1
random.seed(1)
for _ in range(tries):
    edited, source = random.choice(files), random.choice(files)
    sentence = random.choice([s for s in re.split(r"(?<=[.!?])\s+", body(source)) if len(s) > 30] or ["Một câu mới."])
    counted = [t for t in terms(sentence) - held[edited] if frequency.get(t, 0) >= 1]
    reached = sum(1 for path, found in held.items() if path != edited and any(t in found for t in counted))
    print(f"{os.path.relpath(edited, root)} + one sentence ({len(sentence.split())} words): the article count of "
          f"{len(counted)} terms changes; other articles holding one of them: {reached} of {len(files)}")
