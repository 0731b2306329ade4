"""The report of `bot evaluate`: comparison with the previous model, confused pairs, progress bar."""

from pathlib import Path

from bot.nlu.evaluation import NluEvaluation
from bot.nlu.evaluation_history import compare, previous_run, run_figures, save_run
from bot.nlu.evaluation_report import confused_pairs, render_html, render_summary, write_reports
from bot.nlu.heldout import HeldOutExample
from bot.nlu.progress import EPOCHS, BarTracker, configured_epochs
from bot.nlu.scoring import Prediction


def prediction(
    text: str,
    expected: str,
    understood: str,
    confidence: float = 0.9,
    set_name: str = "set_a",
    category: str = "benefits",
    gold=(),
    found=(),
) -> Prediction:
    return Prediction(
        HeldOutExample(text, expected, tuple(gold), set_name, category), understood, confidence, tuple(found)
    )


def evaluation(tmp_path: Path, right: dict[str, int], wrong: list[tuple[str, str, str, float]] = ()) -> NluEvaluation:
    """`right`: intent -> number of messages understood; `wrong`: (text, expected, understood, confidence)."""
    predictions = [prediction(f"{intent} {i}", intent, intent) for intent, n in right.items() for i in range(n)]
    predictions += [
        prediction(text, expected, understood, confidence) for text, expected, understood, confidence in wrong
    ]
    return NluEvaluation(predictions, tmp_path / "out")


WRONG = [
    ("un <b>rdv</b> à la caf", "request_human", "find_service", 0.61),
    ("la caf près de chez moi", "request_human", "find_service", 0.55),
    ("hmm", "greet", "nlu_fallback", 0.3),
]
ERRORS = [
    {"text": text, "intent": expected, "intent_prediction": {"name": understood, "confidence": confidence}}
    for text, expected, understood, confidence in WRONG
]


def test_regressions_are_f1_drops_beyond_the_tolerance_and_any_accuracy_drop(tmp_path: Path):
    before = run_figures(evaluation(tmp_path, {"greet": 20, "thank": 10}), "aaa", "2026-11-01 10:00")
    after = run_figures(
        evaluation(
            tmp_path,
            {"greet": 18, "thank": 10, "ask_new": 2},
            [("salut toi", "greet", "thank", 0.5), ("coucou", "greet", "thank", 0.4)],
        ),
        "bbb",
        "2026-11-02 10:00",
    )
    comparison = compare(after, before)
    assert {c.name for c in comparison.regressions} == {"greet", "thank"}  # recall and precision dropped
    assert comparison.accuracy_dropped and comparison.new_intents == ["ask_new"]
    assert [c.name for c in comparison.category_drops] == ["set_a/benefits"]  # a register understood less well
    assert not compare(before, before).has_regressions
    assert compare(after, None).previous is None


def test_the_previous_run_is_the_newest_of_another_model(tmp_path: Path):
    history = tmp_path / "history"
    for fingerprint, when in (("old", "2026-10-01 09:00"), ("mid", "2026-11-01 09:00"), ("cur", "2026-11-02 09:00")):
        save_run({"fingerprint": fingerprint, "date": when, "accuracy": 1, "intents": {}, "entities": {}}, history)
    assert previous_run("cur", history)["fingerprint"] == "mid"
    assert previous_run("mid", history)["fingerprint"] == "cur"
    assert previous_run("x", tmp_path / "none") is None


def test_confused_pairs_are_ranked_with_their_examples():
    pairs = confused_pairs(ERRORS)
    assert [(p.expected, p.predicted, len(p.examples)) for p in pairs] == [
        ("request_human", "find_service", 2),
        ("greet", "nlu_fallback", 1),
    ]
    assert pairs[0].examples[0] == ("un <b>rdv</b> à la caf", 0.61)


def test_report_highlights_regressions_and_escapes_messages(tmp_path: Path):
    previous = run_figures(evaluation(tmp_path, {"greet": 10, "request_human": 10}), "aaa", "2026-11-01 10:00")
    current = evaluation(tmp_path, {"greet": 7, "request_human": 8}, WRONG)
    comparison = compare(run_figures(current, "bbb", "2026-11-02 10:00"), previous)
    page = render_html(current, comparison, confused_pairs(current.errors), "2026-11-02 10:00", "bbb")
    assert "<tr class='bad'><td class=''>greet</td>" in page
    assert "un &lt;b&gt;rdv&lt;/b&gt; à la caf" in page and "<b>rdv</b>" not in page
    assert "SOUS LE PLANCHER" in page and "set_a/benefits" in page and "jeu A" in page
    summary = render_summary(current, comparison, confused_pairs(current.errors))
    assert "RECUL greet" in summary and "(EN BAISSE)" in summary and "RECUL du registre set_a/benefits" in summary
    assert "request_human → find_service (2)" in summary and "SOUS LE PLANCHER set_a : intentions" in summary
    assert "sous l'objectif set_a : intentions" in summary


def test_reports_are_written_and_the_run_kept(tmp_path: Path):
    current = evaluation(tmp_path, {"greet": 20})
    summary = write_reports(current, "ccc", "2026-11-03 10:00", tmp_path / "out", tmp_path / "history")
    assert (tmp_path / "out" / "summary.txt").read_text(encoding="utf-8") == summary
    assert "Matrice de confusion non produite" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    kept = previous_run("other", tmp_path / "history")
    assert kept["accuracy"] == 1.0 and kept["categories"]["set_a/benefits"]["messages"] == 20


def test_progress_follows_the_epochs_of_each_trained_component(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text(
        "pipeline:\n  - name: WhitespaceTokenizer\n  - name: DIETClassifier\n    epochs: 50\n"
        "policies:\n  - name: RulePolicy\n  - name: TEDPolicy\n    epochs: 40\n"
    )
    assert configured_epochs(config) == 90
    tracker = BarTracker(EPOCHS)
    lines = [
        b"Epochs:   0%|          | 0/100 [00:00<?, ?it/s]",
        b"Processed trackers: 100%|##| 244/244",
        b"Epochs:  50%|#####     | 50/100 [00:30<00:30]",
        b"Epochs: 100%|##########| 100/100 [01:00<00:00]",
        b"Epochs:   0%|          | 0/40 [00:00<?]",
        b"Epochs:  25%|##        | 10/40 [00:05<00:15]",
    ]
    assert [tracker.feed(line) for line in lines] == [0, None, 50, 100, 100, 110]
