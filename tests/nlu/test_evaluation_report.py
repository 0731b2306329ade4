"""The report of `bot evaluate`: comparison with the previous model, confused pairs, progress bar."""
from pathlib import Path

from bot.nlu.evaluation import NluEvaluation
from bot.nlu.evaluation_history import compare, previous_run, run_figures, save_run
from bot.nlu.evaluation_report import confused_pairs, render_html, render_summary, write_reports
from bot.nlu.progress import EPOCHS, BarTracker, configured_epochs
from bot.paths import ROOT


def scores(f1: float, support: int = 10) -> dict:
    return {"precision": f1, "recall": f1, "f1-score": f1, "support": support}


def evaluation(tmp_path: Path, accuracy: float, per_intent: dict, errors=()) -> NluEvaluation:
    return NluEvaluation(accuracy, per_intent, list(errors), tmp_path / "rasa", {"DIETClassifier / location": scores(0.9)})


ERRORS = [
    {"text": "un <b>rdv</b> à la caf", "intent": "request_human", "intent_prediction": {"name": "find_service", "confidence": 0.61}},
    {"text": "la caf près de chez moi", "intent": "request_human", "intent_prediction": {"name": "find_service", "confidence": 0.55}},
    {"text": "hmm", "intent": "greet", "intent_prediction": {"name": "nlu_fallback", "confidence": 0.3}},
]


def test_regressions_are_f1_drops_beyond_the_tolerance_and_any_accuracy_drop(tmp_path: Path):
    before = run_figures(evaluation(tmp_path, 0.95, {"greet": scores(0.95), "thank": scores(0.90)}), "aaa", "2026-11-01 10:00")
    after = run_figures(evaluation(tmp_path, 0.94, {"greet": scores(0.92), "thank": scores(0.89),
                                                    "ask_new": scores(0.8)}), "bbb", "2026-11-02 10:00")
    comparison = compare(after, before)
    assert [c.name for c in comparison.regressions] == ["greet"]
    assert comparison.accuracy_dropped and comparison.new_intents == ["ask_new"]
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
        ("request_human", "find_service", 2), ("greet", "nlu_fallback", 1)]
    assert pairs[0].examples[0] == ("un <b>rdv</b> à la caf", 0.61)


def test_report_highlights_regressions_and_escapes_messages(tmp_path: Path):
    previous = run_figures(evaluation(tmp_path, 0.96, {"greet": scores(1.0), "request_human": scores(0.9)}), "aaa", "2026-11-01 10:00")
    current = evaluation(tmp_path, 0.90, {"greet": scores(0.7), "request_human": scores(0.9)}, ERRORS)
    comparison = compare(run_figures(current, "bbb", "2026-11-02 10:00"), previous)
    page = render_html(current, comparison, confused_pairs(ERRORS), "2026-11-02 10:00", "bbb")
    assert "<tr class='bad'><td class=''>greet</td>" in page and "−0,30" in page
    assert "un &lt;b&gt;rdv&lt;/b&gt; à la caf" in page and "<b>rdv</b>" not in page
    assert "SOUS LE MINIMUM" in page and "DIETClassifier / location" in page
    summary = render_summary(current, comparison, confused_pairs(ERRORS))
    assert "RECUL greet : F1 1,00 → 0,70 (−0,30)" in summary and "(EN BAISSE)" in summary
    assert "request_human → find_service (2)" in summary and "Intentions faibles (F1 < 0,80) : greet (0,70)" in summary


def test_reports_are_written_and_the_run_kept(tmp_path: Path):
    current = evaluation(tmp_path, 0.95, {"greet": scores(1.0)})
    summary = write_reports(current, "ccc", "2026-11-03 10:00", tmp_path / "out", tmp_path / "history")
    assert (tmp_path / "out" / "summary.txt").read_text(encoding="utf-8") == summary
    assert "Matrice de confusion non produite" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert previous_run("other", tmp_path / "history")["accuracy"] == 0.95


def test_progress_follows_the_epochs_of_each_trained_component():
    assert configured_epochs(ROOT / "config.yml") == 140   # DIET 100 + TED 40
    tracker = BarTracker(EPOCHS)
    lines = [b"Epochs:   0%|          | 0/100 [00:00<?, ?it/s]", b"Processed trackers: 100%|##| 244/244",
             b"Epochs:  50%|#####     | 50/100 [00:30<00:30]", b"Epochs: 100%|##########| 100/100 [01:00<00:00]",
             b"Epochs:   0%|          | 0/40 [00:00<?]", b"Epochs:  25%|##        | 10/40 [00:05<00:15]"]
    assert [tracker.feed(line) for line in lines] == [0, None, 50, 100, 100, 110]
