"""Build data/places/communes.csv: the towns people may name that are not Le Havre.

Source: the member communes of every EPCI in `data/epci.json` of
github:betagouv/decoupage-administratif-gem (INSEE Code officiel géographique and
legal populations, as published by etalab/decoupage-administratif). Kept: every
commune of the five Normandy départements (14, 27, 50, 61, 76) and every commune of
France with 20 000 inhabitants or more; Le Havre itself is left out.

`ambiguous` is 1 when the name is also a common French word: a word of the French
lexicon of spaCy's fr_core_news_md lemmatizer that the project's own training
examples use in lower case outside any annotated entity (« eu », « sens »,
« vieux »). Such a name is taken for a town only in a strong context (« j'habite
à … », « ville de … ») or when it is the whole answer; so is every name of two letters.

Usage: .venv/bin/python scripts/build_communes.py PATH/TO/epci.json COMMIT
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from bot.territory import LE_HAVRE_INSEE
from bot.text import fold

ROOT = Path(__file__).resolve().parent.parent

NORMANDY = ("14", "27", "50", "61", "76")
MIN_POPULATION = 20_000
OUTPUT = ROOT / "data" / "places" / "communes.csv"


def training_words() -> set[str]:
    """Lower-case words of the training examples, annotated entities (places...) left out."""
    words: set[str] = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        text = re.sub(r"\[[^\]]*\](\{[^}]*\}|\([^)]*\))", " ", path.read_text(encoding="utf-8"))
        words |= {fold(token) for token in re.findall(r"[^\W\d_]+", text) if token.islower()}
    return words


def french_lexicon() -> set[str]:
    """Every form and lemma of spaCy's French lemma table, folded."""
    import spacy

    nlp = spacy.load("fr_core_news_md", exclude=["ner", "parser", "tagger", "morphologizer", "attribute_ruler"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    words = set()
    for key, lemmas in table.items():
        forms = [lemmas] if isinstance(lemmas, str) else list(lemmas)
        if key in nlp.vocab.strings:
            forms.append(nlp.vocab.strings[key])
        words |= {fold(form) for form in forms}
    return words


def main(epci_path: str, commit: str) -> None:
    members = [member for epci in json.loads(Path(epci_path).read_text(encoding="utf-8")) for member in epci["membres"]]
    words = training_words() & french_lexicon()
    kept = {}
    for member in members:
        population = member.get("populationMunicipale") or 0
        if member["code"] == LE_HAVRE_INSEE:
            continue
        if member["code"][:2] in NORMANDY or population >= MIN_POPULATION:
            folded = fold(member["nom"])
            ambiguous = folded in words or len(folded) <= 2  # « Eu », « Ry », « Ri »
            kept[member["code"]] = (member["code"], member["nom"], population, int(ambiguous))
    with open(OUTPUT, "w", encoding="utf-8", newline="") as handle:
        handle.write(
            f"# Source: github:betagouv/decoupage-administratif-gem data/epci.json @{commit} "
            "(INSEE COG, populations légales); built by scripts/build_communes.py\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "population", "ambiguous"])
        for row in sorted(kept.values()):
            writer.writerow(row)
    print(f"{OUTPUT}: {len(kept)} communes ({sum(r[3] for r in kept.values())} ambiguës)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
