#!/usr/bin/env python3
"""Regenerates data/triage/cardio_vocabulary.tsv, the generated part of the triage lexicon.

Sources (versions pinned in scripts/requirements-vocabulary.txt):
- Conditions: ICD-10-CM chapter IX "Diseases of the circulatory system" (I00-I99), code
  titles and inclusion terms, from the `simple-icd-10-cm` package (its bundled ICD-10-CM
  release, published by the US National Center for Health Statistics).
- Medicines: the WHO ATC index, group C (cardiovascular system) plus B01 (antithrombotic
  agents, since anticoagulants and antiplatelets are cardiovascular medicines for the
  triage), substance names at level 5, from the CSV in the public repository fabkury/atcd
  (a copy of the WHOCC ATC/DDD index), passed as the first argument.
- Brand names and other names of those substances: the `drug-named-entity-recognition`
  package's dictionary (DrugBank open data, MeSH, NHS, MedlinePlus, Wikipedia).
- Everyday-word check: `wordfreq` English frequencies. A generated single word that is
  common in everyday English would fire on ordinary messages, so it is excluded and
  listed with its frequency; data/triage/exclusions.tsv adds hand-picked exclusions, each
  with its reason.

Usage:
  python3 -m venv /tmp/vocab && /tmp/vocab/bin/pip install -r scripts/requirements-vocabulary.txt
  /tmp/vocab/bin/python scripts/gen_cardio_vocabulary.py "path/to/WHO ATC-DDD 2026-04-25.csv"
"""

import csv
import re
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import simple_icd_10_cm as icd
from drug_named_entity_recognition.drugs_finder import (  # noqa: F401 (loads the data)
    drug_canonical_to_data,
    drug_variant_to_canonical,
)
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "triage" / "cardio_vocabulary.tsv"
EXCLUSIONS = ROOT / "data" / "triage" / "exclusions.tsv"

CIRCULATORY_CHAPTER = "9"
# Zipf frequency (log10 of uses per billion words) from which a single word counts as
# everyday English: "pressure" 4.9, "stroke" 4.2, "flutter" 3.2, "aneurysm" 2.9,
# "tachycardia" 2.1.
EVERYDAY_ZIPF = 3.0
# Brand names are made-up words; from this frequency one is more likely a real word
# or a name ("Concor", "Cardura" are rare; "Ismo", "Aldomet" too).
BRAND_EVERYDAY_ZIPF = 2.5
# A word used at least this share of times in chapter IX, across all ICD-10-CM titles
# and inclusion terms, is specific to the circulatory system.
MIN_CHAPTER_SHARE = 0.6
# Phrases longer than this are never typed in a message.
MAX_PHRASE_WORDS = 4
# Lymphatic blocks of chapter IX: not blood vessels (lymphedema is a cuff-safety term).
SKIPPED_BLOCKS = {"I88", "I89"}
# Sequelae of cerebrovascular disease: their titles name the after-effect ("cognitive
# deficits", "dysphagia"), which is not itself a stroke word.
SKIPPED_CATEGORIES = {"I69"}

QUALIFIERS = {
    "other", "unspecified", "specified", "nos", "nec", "site", "sites", "type", "types",
    "initial", "subsequent", "encounter", "sequela", "left", "right", "bilateral",
    "unilateral", "episode", "part", "parts", "certain", "classified", "elsewhere",
    "not", "without", "with", "complication", "complications", "and", "or", "of", "the",
    "in", "to", "a", "an", "by", "as", "for", "on", "at", "due", "following", "other",
    "acute", "chronic", "subacute", "primary", "secondary", "unknown", "cause", "leg",
    "arm", "extremity", "extremities", "lower", "upper", "native", "artery", "arteries",
    "vein", "veins", "vessel", "vessels", "disease", "diseases", "disorder", "disorders",
    "syndrome", "condition", "conditions", "heart", "cardiac", "blood", "pressure",
}

ICD_CONCEPTS = [
    # (first code, last code, kind): kind names the Concept the triage gives the term.
    ("I10", "I1Z", "blood-pressure"),
    ("I26", "I26Z", "clot"),
    ("I60", "I6Z", "stroke"),
    ("I70", "I79Z", "vessel"),
    ("I80", "I82Z", "clot"),
    ("I83", "I87Z", "vessel"),
    ("I95", "I95Z", "blood-pressure"),
]


def condition_kind(code):
    for first, last, kind in ICD_CONCEPTS:
        if first <= code <= last:
            return kind
    return "heart"


def clean(text):
    text = text.lower().replace("’", "'")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    # The head of a title: what comes before qualifying clauses.
    text = re.split(r",|;|:| with | without | due to | following | in diseases | of other ", text)[0]
    text = text.replace("'s ", " ").replace("'", "")
    text = re.sub(r"[^a-z0-9\- ]", " ", text)
    return " ".join(text.split())


def words_of(text):
    return [w for w in re.split(r"[\s\-]+", text) if w]


def load_exclusions():
    exclusions = {}
    for line in EXCLUSIONS.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, reason = line.split("\t", 1)
        exclusions[term.strip().lower()] = reason.strip()
    return exclusions


def icd_texts():
    """(code, text) for every title and inclusion term in all chapters."""
    for code in icd.get_all_codes(with_dots=True):
        if icd.is_chapter_or_block(code):
            continue
        yield code, icd.get_description(code)
        for term in icd.get_inclusion_term(code):
            yield code, term


def chapter_of(code):
    ancestors = icd.get_ancestors(code)
    return ancestors[-1] if ancestors else code


def block_of(code):
    ancestors = icd.get_ancestors(code)
    return ancestors[-2] if len(ancestors) >= 2 else ""


def conditions(exclusions, excluded):
    uses = defaultdict(int)
    circulatory_uses = defaultdict(int)
    circulatory = []
    for code, text in icd_texts():
        in_chapter = chapter_of(code) == CIRCULATORY_CHAPTER
        cleaned = clean(text)
        for word in set(words_of(clean(text.lower()))):
            uses[word] += 1
            circulatory_uses[word] += in_chapter
        skipped = block_of(code).split("-")[0] in SKIPPED_BLOCKS or any(
            code.startswith(category) for category in SKIPPED_CATEGORIES
        )
        if in_chapter and not skipped:
            circulatory.append((code, cleaned))
    rows = {}
    for code, cleaned in circulatory:
        kind = condition_kind(code.replace(".", ""))
        words = words_of(cleaned)
        for word in words:
            if word in QUALIFIERS or len(word) < 5 or not word.isalpha():
                continue
            if circulatory_uses[word] / uses[word] < MIN_CHAPTER_SHARE:
                continue
            zipf = zipf_frequency(word, "en")
            if word in exclusions:
                excluded[word] = exclusions[word]
            elif zipf >= EVERYDAY_ZIPF:
                excluded[word] = f"everyday English word (Zipf frequency {zipf:.1f})"
            else:
                rows.setdefault(word, (kind, code))
        meaningful = [w for w in words if w not in QUALIFIERS]
        phrase = " ".join(words)
        if 2 <= len(words) <= MAX_PHRASE_WORDS and meaningful:
            if phrase in exclusions:
                excluded[phrase] = exclusions[phrase]
            else:
                rows.setdefault(phrase, (kind, code))
    return rows


def atc_rows(path):
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["atc_code"], row["atc_name"]


# The ATC/DDD index may not be redistributed for commercial use, so neither its codes nor
# its class names are written out: each substance keeps only its ATC group (the first
# three characters, e.g. C07) and a class name in our own words.
OWN_CLASS_NAMES = {
    "B01": "blood thinner",
    "C01": "heart medicine",
    "C02": "blood pressure medicine",
    "C03": "diuretic",
    "C04": "vasodilator",
    "C05": "vein medicine",
    "C07": "beta blocker",
    "C08": "calcium channel blocker",
    "C09": "blood pressure medicine (renin-angiotensin system)",
    "C10": "cholesterol medicine",
}


def own_class(code):
    return OWN_CLASS_NAMES.get(code[:3], "cardiovascular medicine")


def medicine_kind(code):
    if code.startswith("C10"):
        return "lipid-medicine"
    if code == "B01AC06":
        return "aspirin"
    return "medicine"


def medicines(atc_path, exclusions, excluded):
    names = {}
    for code, name in atc_rows(atc_path):
        if not (code.startswith("C") or code.startswith("B01")):
            continue
        # Topical hemorrhoid preparations sit in C05A but are not cardiovascular medicines.
        if code.startswith("C05A"):
            continue
        if len(code) < 7:
            continue
        lowered = name.lower()
        if " and " in lowered or "combination" in lowered or "," in lowered:
            continue
        names[lowered] = code
    rows = {}
    for name, code in sorted(names.items(), key=lambda item: item[1]):
        kind = medicine_kind(code)
        detail = own_class(code)
        if name in exclusions or name.split()[0] in exclusions:
            excluded[name] = exclusions.get(name, exclusions.get(name.split()[0]))
            continue
        # The ATC name itself, whatever its length ("glyceryl trinitrate"); other names
        # and brands only as single words: two-word variants are salts of the same name.
        candidates = {name}
        for canonical in drug_variant_to_canonical.get(name, []):
            data = drug_canonical_to_data.get(canonical, {})
            candidates.update(
                s.lower() for s in data.get("synonyms", []) if len(s.split()) == 1
            )
        for candidate in sorted(candidates):
            words = words_of(candidate)
            if not (1 <= len(words) <= 3) or not all(w.isalpha() for w in words):
                continue
            if len(candidate) < 5:
                continue
            zipf = zipf_frequency(candidate, "en")
            threshold = EVERYDAY_ZIPF if candidate == name else BRAND_EVERYDAY_ZIPF
            if candidate in exclusions:
                excluded[candidate] = exclusions[candidate]
            elif zipf >= threshold:
                excluded[candidate] = f"everyday English word (Zipf frequency {zipf:.1f})"
            else:
                rows.setdefault(" ".join(words), (kind, code[:3], detail))
    return rows


def osa_within(a, b, limit):
    """Whether two words are within `limit` edits (optimal string alignment)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2 = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def spell_checkable(words, english):
    """Single words that misspellings may be corrected to: long enough, and with no
    common English word within the corrector's reach (one edit under eight letters, two
    from eight), so that an ordinary word never turns into a medical one."""
    by_first = defaultdict(list)
    for word in english:
        if word.isalpha():
            by_first[word[0]].append(word)
    result = set()
    for word in words:
        if " " in word or len(word) < 7 or not word.isalpha():
            continue
        limit = 2 if len(word) >= 8 else 1
        near = by_first[word[0]] + by_first.get(word[1], [])
        if not any(w != word and osa_within(word, w, limit) for w in near):
            result.add(word)
    return result


def main():
    atc_path = Path(sys.argv[1])
    exclusions = load_exclusions()
    excluded = {}
    condition_rows = conditions(exclusions, excluded)
    medicine_rows = medicines(atc_path, exclusions, excluded)
    for key in list(medicine_rows):
        condition_rows.pop(key, None)
    english = top_n_list("en", 30000)
    fuzzy = spell_checkable(list(condition_rows) + list(medicine_rows), english)
    lines = [
        "# Generated by scripts/gen_cardio_vocabulary.py; do not edit by hand.",
        "# Conditions: ICD-10-CM chapter IX (I00-I99), titles and inclusion terms,",
        f"#   from simple-icd-10-cm {version('simple-icd-10-cm')} (MIT; the ICD-10-CM data is",
        "#   published by the US National Center for Health Statistics, public domain).",
        f"# Medicines: WHO ATC index groups C and B01, level-5 substance names, from",
        f"#   fabkury/atcd '{atc_path.name}' (ATC/DDD index (c) WHO Collaborating Centre",
        "#   for Drug Statistics Methodology; that copy is under CC BY-NC-SA 4.0).",
        f"# Other names and brands: drug-named-entity-recognition"
        f" {version('drug-named-entity-recognition')} (MIT; DrugBank open data CC0, MeSH).",
        f"# Everyday-word check: wordfreq {version('wordfreq')} (Apache-2.0 code, CC BY-SA data).",
        "# Columns: term, kind, source code, spell (1: misspellings may be corrected to it),",
        "#   detail (medicine class). Kind 'excluded' rows are never matched; detail is why.",
        "# Medicines keep only their ATC group and a class name in our own words (see",
        "#   OWN_CLASS_NAMES in the script): the index's codes and class names are not copied.",
    ]
    for term, (kind, code) in sorted(condition_rows.items()):
        spell = int(term in fuzzy)
        lines.append(f"{term}\t{kind}\t{code}\t{spell}\t")
    for term, (kind, code, detail) in sorted(medicine_rows.items()):
        spell = int(term in fuzzy)
        lines.append(f"{term}\t{kind}\t{code}\t{spell}\t{detail}")
    for term, reason in sorted(excluded.items()):
        lines.append(f"{term}\texcluded\t-\t0\t{reason}")
    OUTPUT.write_text("\n".join(lines) + "\n")
    print(
        f"{len(condition_rows)} condition terms, {len(medicine_rows)} medicine terms,"
        f" {len(excluded)} exclusions, {len(fuzzy)} spell-checkable"
    )


if __name__ == "__main__":
    main()
