#!/usr/bin/env python3
"""Splits the labelled heart-eval set into a tuning part and a frozen test part.

Rules are changed while looking only at the tuning part; `cargo test` gates on the
frozen part, so its figure estimates how the rules do on questions they were not fitted
to. The split is stratified by file (label) and topic, half and half, with a fixed seed,
so that rerunning this script reproduces the committed files exactly.

Usage: python3 scripts/split_heart_eval.py   (from the repository root; standard library only)
"""

import json
import random
from collections import defaultdict
from pathlib import Path

SEED = 13
FILES = ("positives.jsonl", "negatives.jsonl", "borderline.jsonl")
ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "heart-eval"


def split(rows, rng):
    by_stratum = defaultdict(list)
    for row in rows:
        by_stratum[row.get("topic", "")].append(row)
    tuning, frozen = [], []
    # An odd stratum gives its extra row to the two parts in turn, so neither part is
    # systematically larger.
    extra_to_frozen = True
    for topic in sorted(by_stratum):
        stratum = sorted(by_stratum[topic], key=lambda r: r["id"])
        rng.shuffle(stratum)
        half = len(stratum) // 2
        if len(stratum) % 2 == 1:
            half += 1 if extra_to_frozen else 0
            extra_to_frozen = not extra_to_frozen
        frozen.extend(stratum[:half])
        tuning.extend(stratum[half:])
    return (sorted(tuning, key=lambda r: r["id"]), sorted(frozen, key=lambda r: r["id"]))


def main():
    rng = random.Random(SEED)
    for name in FILES:
        source = ROOT / name
        rows = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
        tuning, frozen = split(rows, rng)
        for part, part_rows in (("tuning", tuning), ("frozen", frozen)):
            target = ROOT / part / name
            target.parent.mkdir(exist_ok=True)
            target.write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part_rows)
            )
        print(f"{name}: {len(tuning)} tuning, {len(frozen)} frozen")


if __name__ == "__main__":
    main()
