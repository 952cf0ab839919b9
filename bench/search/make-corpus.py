#!/usr/bin/env python3
"""Writes a deterministic corpus of N articles for benchmarks, shaped like the sample portal:
words drawn (Zipf-like, by their frequency) from the sample articles' own vocabulary, titles of
8-20 words, bodies of 250-700 words in paragraphs, dates over 10 years, categories from site.yml.
Usage: make-corpus.py N OUT_DIR   (OUT_DIR gets site.yml and articles/)"""
import os
import random
import re
import shutil
import sys
from collections import Counter

count, out = int(sys.argv[1]), sys.argv[2]
root = os.path.join(os.path.dirname(__file__), "..", "..")
content = os.path.join(root, "content")

words = Counter()
for folder, _, files in os.walk(os.path.join(content, "articles")):
    for name in files:
        if name.endswith(".md"):
            text = open(os.path.join(folder, name), encoding="utf-8").read().split("---", 2)[-1]
            words.update(w for w in re.findall(r"\w+", text) if not w.isdigit())
vocabulary, weights = zip(*sorted(words.items()))
site = open(os.path.join(content, "site.yml"), encoding="utf-8").read()
categories = re.findall(r"slug: ([a-z0-9-]+)", site)

rng = random.Random(20261125)
if os.path.exists(out):
    shutil.rmtree(out)
os.makedirs(os.path.join(out, "articles"))
shutil.copy(os.path.join(content, "site.yml"), os.path.join(out, "site.yml"))
# site.yml's sidebar photos live in content/images/: without them the build stops on a missing picture.
if os.path.isdir(os.path.join(content, "images")):
    shutil.copytree(os.path.join(content, "images"), os.path.join(out, "images"))

def sentence(n):
    return " ".join(rng.choices(vocabulary, weights, k=n))

for number in range(count):
    title = sentence(rng.randint(8, 20)).capitalize()
    day = number * 3650 // count
    year, rest = 2016 + day // 365, day % 365
    month, dom = 1 + rest // 31 % 12, 1 + rest % 28
    paragraphs = [sentence(rng.randint(40, 120)).capitalize() + "." for _ in range(rng.randint(4, 7))]
    with open(os.path.join(out, "articles", f"tin-{number:05d}.md"), "w", encoding="utf-8") as f:
        f.write("---\n")
        f.write(f"title: \"{title} {number}\"\n")
        f.write(f"date: {year}-{month:02d}-{dom:02d} {8 + number % 9:02d}:{number % 60:02d}\n")
        f.write(f"category: {categories[number % len(categories)]}\n")
        f.write("---\n\n" + "\n\n".join(paragraphs) + "\n")
print(f"{count} articles, vocabulary of {len(vocabulary)} words, in {out}")
