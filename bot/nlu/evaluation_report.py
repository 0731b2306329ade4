"""The report of `bot evaluate`: a self-contained HTML page and a short text summary, in French."""

from __future__ import annotations

import base64
import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.nlu.evaluation import EVALUATION_DIR, NluEvaluation
from bot.nlu.evaluation_history import (
    F1_DROP_TOLERANCE,
    HISTORY_DIR,
    Comparison,
    compare,
    previous_run,
    run_figures,
    save_run,
)
from bot.nlu.scoring import (
    FLOORS,
    MAX_FALLBACK_RATE,
    MIN_ENTITY_SCORE,
    MIN_INTENT_ACCURACY,
    MIN_OUT_OF_SCOPE_RECALL,
    TARGETS,
    Figures,
)

TOP_PAIRS = 8
WEAK_F1 = 0.8


@dataclass(frozen=True)
class ConfusedPair:
    expected: str
    predicted: str
    examples: tuple[tuple[str, float], ...]  # (message, confidence)


def confused_pairs(errors: list[dict], top: int = TOP_PAIRS) -> list[ConfusedPair]:
    """The (expected → understood) pairs with the most misclassified test examples."""
    by_pair: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for error in errors:
        predicted = error.get("intent_prediction") or {}
        by_pair[(error["intent"], predicted.get("name") or "?")].append(
            (error["text"], float(predicted.get("confidence") or 0))
        )
    ranked = sorted(by_pair.items(), key=lambda item: (-len(item[1]), item[0]))
    return [ConfusedPair(expected, predicted, tuple(examples)) for (expected, predicted), examples in ranked[:top]]


def fr(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def percent(value: float) -> str:
    return f"{fr(100 * value, 1)} %"


def _signed(delta: float) -> str:
    return ("+" if delta >= 0 else "−") + fr(abs(delta))


SET_NAMES = {
    "set_a": "jeu A (jeu de test du projet)",
    "set_b": "jeu B (écrit à l'aveugle)",
    "set_c": "jeu C (écrit à l'aveugle, par personas)",
}
TARGET_LINE = (
    f"objectifs par jeu : intentions ≥ {percent(MIN_INTENT_ACCURACY)}, entités service_type et location "
    f"≥ {percent(MIN_ENTITY_SCORE)}, messages du périmètre non compris ≤ {percent(MAX_FALLBACK_RATE)}, "
    f"hors sujet reconnu ≥ {percent(MIN_OUT_OF_SCOPE_RECALL)} ; plancher de chaque jeu, sous lequel "
    "l'évaluation échoue : "
    + (
        "l'objectif lui-même"
        if set(FLOORS.values()) == {TARGETS}
        else "un peu sous le niveau atteint, pour repérer un recul"
    )
)


def accuracy_line(evaluation: NluEvaluation) -> str:
    sets = ", ".join(f"{name} {percent(f.accuracy)}" for name, f in evaluation.sets.items())
    verdict = (
        "SOUS LE PLANCHER (recul)"
        if not evaluation.passed
        else "objectifs atteints"
        if not evaluation.misses
        else "au-dessus des planchers, objectifs pas tous atteints"
    )
    return f"Messages de test bien compris : {percent(evaluation.accuracy)} ({sets}) — {verdict}"


def gate_lines(evaluation: NluEvaluation) -> list[str]:
    return (
        [TARGET_LINE]
        + [f"SOUS LE PLANCHER {failure}" for failure in evaluation.failures]
        + [f"sous l'objectif {miss}" for miss in evaluation.misses]
    )


def comparison_lines(comparison: Comparison) -> list[str]:
    if comparison.previous is None:
        return ["Pas d'évaluation précédente d'un autre modèle à comparer."]
    lines = [
        f"Par rapport à l'évaluation du {comparison.previous['date']} : "
        f"{percent(comparison.accuracy_before or 0.0)} → {percent(comparison.accuracy_after or 0.0)}"
        + (" (EN BAISSE)" if comparison.accuracy_dropped else "")
    ]
    lines += [
        f"RECUL {c.name} : F1 {fr(c.before)} → {fr(c.after)} ({_signed(c.delta)})" for c in comparison.regressions
    ]
    lines += [
        f"RECUL du registre {c.name} : {percent(c.before)} → {percent(c.after)}" for c in comparison.category_drops
    ]
    if not comparison.has_regressions:
        lines.append(f"Aucun recul (aucune intention ne perd plus de {fr(F1_DROP_TOLERANCE)} de F1).")
    lines += [f"Nouvelle intention : {name}" for name in comparison.new_intents]
    return lines


def render_summary(evaluation: NluEvaluation, comparison: Comparison, pairs: list[ConfusedPair]) -> str:
    """The short text summary (results/evaluation/summary.txt, also printed)."""
    weak = sorted((row["f1-score"], name) for name, row in evaluation.per_intent.items() if row["f1-score"] < WEAK_F1)
    lines = [accuracy_line(evaluation), *gate_lines(evaluation), *comparison_lines(comparison)]
    lines += [
        f"Intentions faibles (F1 < {fr(WEAK_F1)}) : "
        + (", ".join(f"{name} ({fr(f1)})" for f1, name in weak) or "aucune")
    ]
    lines += [
        "Confusions les plus fréquentes : "
        + ("; ".join(f"{p.expected} → {p.predicted} ({len(p.examples)})" for p in pairs[:3]) or "aucune")
    ]
    return "\n".join(lines) + "\n"


STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
th{background:#f0f0f0}.num{text-align:right}.bad{background:#fde2e2}.weak{background:#fff4d6}
.ok{color:#176c2f}.alert{color:#b00020;font-weight:bold}.box{border:2px solid #ccc;padding:.5em 1em;border-radius:6px}
img{max-width:100%;border:1px solid #ddd}.note{color:#555;font-size:.95em}
"""


def _row(cells: list[str], css: str = "") -> str:
    return f"<tr class='{css}'>" + "".join(cells) + "</tr>"


def _cell(value, numeric: bool = False) -> str:
    return f"<td class='{'num' if numeric else ''}'>{html.escape(str(value))}</td>"


def _intent_table(evaluation: NluEvaluation, comparison: Comparison) -> str:
    regressed = {c.name for c in comparison.regressions}
    head = (
        "<tr><th>intention</th><th>précision</th><th>rappel</th><th>F1</th><th>exemples de test</th>"
        "<th>évolution du F1</th></tr>"
    )
    rows = []
    for name, row in sorted(evaluation.per_intent.items(), key=lambda kv: (kv[1]["f1-score"], kv[0])):
        change = comparison.changes.get(name)
        evolution = _signed(change.delta) if change else ("nouvelle" if name in comparison.new_intents else "")
        css = "bad" if name in regressed else ("weak" if row["f1-score"] < WEAK_F1 else "")
        rows.append(
            _row(
                [
                    _cell(name),
                    _cell(fr(row["precision"]), True),
                    _cell(fr(row["recall"]), True),
                    _cell(fr(row["f1-score"]), True),
                    _cell(row["support"], True),
                    _cell(evolution, True),
                ],
                css,
            )
        )
    return "<table>" + head + "".join(rows) + "</table>"


def _pairs_section(pairs: list[ConfusedPair]) -> str:
    if not pairs:
        return "<p class='ok'>Aucun message de test mal compris.</p>"
    parts = []
    for pair in pairs:
        examples = "".join(
            f"<li>« {html.escape(text)} » <span class='note'>(confiance {fr(conf)})</span></li>"
            for text, conf in pair.examples
        )
        parts.append(
            f"<h3>{html.escape(pair.expected)} compris comme {html.escape(pair.predicted)} "
            f"({len(pair.examples)})</h3><ul>{examples}</ul>"
        )
    return "".join(parts)


def _group_table(groups: dict[str, Figures], names: dict[str, str] | None = None) -> str:
    head = (
        "<tr><th>jeu ou registre</th><th>messages</th><th>intentions</th><th>service_type</th>"
        "<th>location</th><th>du périmètre non compris</th><th>hors sujet reconnu</th></tr>"
    )
    rows = []
    for name, f in groups.items():
        entities = [
            _cell(percent(e.f1) + f" ({e.annotated})" if e.annotated else "—", True) for e in f.entities.values()
        ]
        css = "weak" if f.accuracy < MIN_INTENT_ACCURACY else ""
        rows.append(
            _row(
                [
                    _cell((names or {}).get(name, name)),
                    _cell(f.messages, True),
                    _cell(percent(f.accuracy), True),
                    *entities,
                    _cell(percent(f.fallback_rate), True),
                    _cell(percent(f.out_of_scope_recall) if f.out_of_scope else "—", True),
                ],
                css,
            )
        )
    return "<table>" + head + "".join(rows) + "</table>"


def _image(evaluation: NluEvaluation) -> str:
    path = evaluation.confusion_matrix
    if not path.exists():
        return "<p>Matrice de confusion non produite.</p>"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"<img alt='matrice de confusion des intentions' src='data:image/png;base64,{data}'>"


def render_html(
    evaluation: NluEvaluation, comparison: Comparison, pairs: list[ConfusedPair], when: str, fingerprint: str
) -> str:
    """The full report as one HTML page (the image embedded: it can be mailed or archived as is)."""
    status = "ok" if evaluation.passed and not comparison.has_regressions else "alert"
    compared = "".join(f"<li>{html.escape(line)}</li>" for line in comparison_lines(comparison))
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Évaluation de la compréhension — {html.escape(when)}</title>
<style>{STYLE}</style></head><body>
<h1>Ce que l'assistant comprend</h1>
<p class="note">Évaluation du {html.escape(when)}, modèle {html.escape(fingerprint)}, sur les messages de test
(tests/data/nlu/, quatre jeux), que l'assistant n'a jamais vus pendant son apprentissage.</p>
<div class="box"><p class="{status}">{html.escape(accuracy_line(evaluation))}</p>
<ul>{"".join(f"<li>{html.escape(line)}</li>" for line in gate_lines(evaluation))}</ul><ul>{compared}</ul></div>

<h2>Par jeu de test et par registre</h2>
<p class="note">Intentions : part des messages bien compris (un message envoyé vers « pas compris » compte comme
une erreur). Entités : F1 sur la valeur exacte (après synonymes) dans les recherches de lieux, les horaires et les
réponses « où êtes-vous ? », avec le nombre de messages concernés. En jaune : sous l'objectif.</p>
{_group_table(evaluation.sets, SET_NAMES)}
{_group_table(evaluation.categories)}

<h2>Intention par intention</h2>
<p class="note"><b>Précision</b> : quand l'assistant choisit cette intention, a-t-il raison ? (1 = toujours)<br>
<b>Rappel</b> : quand une personne pose cette question, l'assistant la reconnaît-il ? (1 = toujours)<br>
<b>F1</b> : les deux à la fois. En rouge : recul de plus de {fr(F1_DROP_TOLERANCE)} depuis la dernière
évaluation ; en jaune : F1 sous {fr(WEAK_F1)}, à travailler.</p>
{_intent_table(evaluation, comparison)}

<h2>Les confusions les plus fréquentes</h2>
<p class="note">Chaque titre dit l'intention attendue, puis celle que l'assistant a comprise, avec les messages
concernés. « nlu_fallback » : l'assistant n'était pas assez sûr et a demandé de reformuler.</p>
{_pairs_section(pairs)}

<h2>Matrice de confusion</h2>
<p class="note">Une ligne par intention attendue, une colonne par intention comprise : tout ce qui est hors de
la diagonale est une erreur.</p>
{_image(evaluation)}

</body></html>
"""


def write_reports(
    evaluation: NluEvaluation,
    fingerprint: str,
    when: str,
    out_dir: Path = EVALUATION_DIR,
    history_dir: Path = HISTORY_DIR,
) -> str:
    """Compare with the previous model's run, write report.html and summary.txt, keep this run's figures."""
    figures = run_figures(evaluation, fingerprint, when)
    comparison = compare(figures, previous_run(fingerprint, history_dir))
    pairs = confused_pairs(evaluation.errors)
    summary = render_summary(evaluation, comparison, pairs)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.html").write_text(
        render_html(evaluation, comparison, pairs, when, fingerprint), encoding="utf-8"
    )
    (out_dir / "summary.txt").write_text(summary, encoding="utf-8")
    save_run(figures, history_dir)
    return summary
