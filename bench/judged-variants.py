#!/usr/bin/env python3
"""Leave-some-out variants of a judged set, to estimate how the figures of bench/judged.sh generalise:
each variant leaves out one group of articles (a story's first article, half the distractors, ...), adjusting
truth.json and dropping queries left without a story. Usage: judged-variants.py DIR OUT; then run
bench/judged.sh on each folder of OUT."""
import json, os, shutil, sys

source, out = sys.argv[1], sys.argv[2]
truth = json.load(open(os.path.join(source, "truth.json"), encoding="utf-8"))
queries = json.load(open(os.path.join(source, "queries.json"), encoding="utf-8"))
stories, distractors = truth["stories"], truth["distractors"]
variants = {
    "no-first-distractors": set(distractors[: len(distractors) // 2]),
    "no-last-distractors": set(distractors[len(distractors) // 2:]),
    "no-story-openers": {slugs[0] for slugs in stories.values() if len(slugs) > 3},
    "no-story-closers": {slugs[-1] for slugs in stories.values() if len(slugs) > 3},
    "odd-stories-only": {s for i, slugs in enumerate(stories.values()) if i % 2 for s in slugs},
}
shutil.rmtree(out, ignore_errors=True)
for name, left_out in variants.items():
    folder = os.path.join(out, name)
    os.makedirs(os.path.join(folder, "articles"))
    for file in os.listdir(os.path.join(source, "articles")):
        if file[:-3] not in left_out:
            shutil.copy(os.path.join(source, "articles", file), os.path.join(folder, "articles", file))
    kept = {k: [s for s in v if s not in left_out] for k, v in stories.items()}
    kept = {k: v for k, v in kept.items() if len(v) >= 2}
    json.dump({"stories": kept, "distractors": [d for d in distractors if d not in left_out]},
              open(os.path.join(folder, "truth.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump([q for q in queries if q.get("exact") or q.get("story") in kept],
              open(os.path.join(folder, "queries.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(folder)
