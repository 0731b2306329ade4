"""Review of misunderstood messages: selection, grouping, export, and --apply on a copy of the data."""

from __future__ import annotations

import csv
import shutil

import pytest

import bot.commands.review as review_command
from bot.commands.cli import main
from bot.conversations.database import StoredEvent
from bot.conversations.review import export, group, misunderstood
from bot.conversations.review_apply import LabelError, domain_intents, read_labels
from bot.nlu.examples import read_all, read_examples
from bot.paths import DATA, HELDOUT_NLU


def user(text: str, intent: str, confidence: float, ranking: list[tuple[str, float]] = ()) -> StoredEvent:
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    return StoredEvent("s", "user", 1.0, {"event": "user", "text": text, "parse_data": parse_data})


EVENTS = [
    user("c koi le rsa", "nlu_fallback", 0.45, [("nlu_fallback", 0.45), ("ask_rsa", 0.41), ("ask_ars", 0.3)]),
    user("C'est quoi le RSA ?", "nlu_fallback", 0.45, [("nlu_fallback", 0.45), ("ask_rsa", 0.38)]),
    user("c koi le rsa svp", "ask_rsa", 0.52),
    user("ma fille part en colo", "ask_vacances", 0.55),
    user("bonjour", "greet", 0.98),
    user('/ask_ars{"facet": "montants"}', "ask_ars", 1.0),
    user("", "nlu_fallback", 1.0),
]


def test_only_fallback_and_low_confidence_typed_messages_are_kept():
    found = misunderstood(EVENTS)
    assert [m.text for m in found] == [
        "c koi le rsa",
        "C'est quoi le RSA ?",
        "c koi le rsa svp",
        "ma fille part en colo",
    ]
    assert (found[0].guessed_intent, found[0].confidence, found[0].fell_back) == ("ask_rsa", 0.41, True)
    assert (found[2].guessed_intent, found[2].fell_back) == ("ask_rsa", False)
    assert len(misunderstood(EVENTS, threshold=0.53)) == 3


def test_near_identical_messages_are_grouped_and_counted():
    groups = group(misunderstood(EVENTS))
    assert [(g.count, g.guessed_intent) for g in groups] == [(2, "ask_rsa"), (1, "ask_rsa"), (1, "ask_vacances")]
    assert (groups[0].text, groups[0].variants) == ("c koi le rsa", ["c koi le rsa svp"])
    assert groups[1].text == "C'est quoi le RSA ?"  # other words: another group
    same_words = group(
        misunderstood([user("rsa le koi c", "nlu_fallback", 0.4), user("c koi le RSA", "nlu_fallback", 0.4)])
    )
    assert len(same_words) == 1


def test_control_characters_are_shown_not_sent_to_the_terminal_or_the_csv(tmp_path):
    groups = group(misunderstood([user("allo\x00 \x1b[31mrouge\u202e", "nlu_fallback", 0.3)]))
    assert groups[0].text == "allo\ufffd \ufffd[31mrouge\ufffd"
    path = export(groups, tmp_path / "revue.csv")
    assert "\x00" not in path.read_text(encoding="utf-8-sig") and "\ufffd[31mrouge" in path.read_text(
        encoding="utf-8-sig"
    )


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    nlu, heldout = tmp_path / "nlu", tmp_path / "heldout"
    shutil.copytree(DATA / "nlu", nlu)
    shutil.copytree(HELDOUT_NLU, heldout)
    monkeypatch.setattr(review_command, "NLU_DIR", nlu)
    monkeypatch.setattr(review_command, "HELDOUT_DIR", heldout)
    return nlu, heldout


def labelled_file(tmp_path, rows: list[tuple[str, str, str]]):
    path = tmp_path / "revue.csv"
    groups = group(misunderstood([user(text, "nlu_fallback", 0.4) for text, _, _ in rows]))
    export(groups, path)
    with open(path, encoding="utf-8-sig") as handle:
        exported = list(csv.DictReader(handle, delimiter=";"))
    labels = {text: (intent, destination) for text, intent, destination in rows}
    for row in exported:
        row["intent"], row["destination"] = labels[row["message"]]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(exported[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(exported)
    return path


def _texts(directory) -> dict[str, str]:
    return {str(p.relative_to(directory)): p.read_text() for p in directory.rglob("*.yml")}


def test_apply_adds_labelled_examples_once_to_the_file_of_their_intent(tmp_path, data_copy, capsys):
    nlu, heldout = data_copy
    existing = read_all(nlu)[0]
    path = labelled_file(
        tmp_path,
        [
            ("jveux savoir pour l allocation de rentrée de ma fille en 6eme", "ask_ars", ""),
            ("coucou le robot ca va", "greet", "heldout"),
            (existing.text.upper() + " !", existing.intent, ""),  # already in the data
            ("mon tel est le [TÉLÉPHONE] rappelez moi", "request_human", ""),  # masked
            ("un message qu'on ne veut pas apprendre", "", ""),
        ],
    )
    before, before_heldout = _texts(nlu), _texts(heldout)
    assert main(["review", "--apply", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "2 exemple(s) ajouté(s), 1 doublon(s), 1 masqué(s)" in printed

    ars = [e for e in read_all(nlu) if e.text.startswith("jveux savoir pour l allocation")]
    assert [(e.intent, e.register, e.path) for e in ars] == [("ask_ars", "review", nlu / "benefits" / "ask_ars.yml")]
    text = ars[0].path.read_text()
    assert text.endswith(
        "- intent: ask_ars\n  metadata: {register: review}\n  examples: |\n"
        "    - jveux savoir pour l allocation de rentrée de ma fille en 6eme\n"
    )
    assert text.startswith(before["benefits/ask_ars.yml"])  # the other blocks as they were
    greet = [e for e in read_all(heldout) if e.text == "coucou le robot ca va"]
    assert [(e.intent, e.path.parent.name) for e in greet] == [("greet", "set_a")]
    assert [name for name, text in _texts(nlu).items() if text != before[name]] == ["benefits/ask_ars.yml"]
    assert [name for name, text in _texts(heldout).items() if text != before_heldout[name]] == [
        greet[0].path.relative_to(heldout).as_posix()
    ]

    assert main(["review", "--apply", str(path)]) == 0  # applying twice adds nothing
    assert "0 exemple(s) ajouté(s), 3 doublon(s)" in capsys.readouterr().out


def test_a_second_review_adds_to_the_review_block_of_the_intent(tmp_path, data_copy, capsys):
    nlu, _ = data_copy
    first = labelled_file(tmp_path, [("l'ars c'est versé en aout ou septembre", "ask_ars", "")])
    assert main(["review", "--apply", str(first)]) == 0
    second = labelled_file(tmp_path, [("ars pour un lycéen de 17 ans ?", "ask_ars", "")])
    assert main(["review", "--apply", str(second)]) == 0
    assert "1 exemple(s) ajouté(s)" in capsys.readouterr().out
    ars = read_examples(nlu / "benefits" / "ask_ars.yml")
    assert [e.text for e in ars if e.register == "review"] == [
        "l'ars c'est versé en aout ou septembre",
        "ars pour un lycéen de 17 ans ?",
    ]
    assert (nlu / "benefits" / "ask_ars.yml").read_text().count("register: review") == 1
    assert ars[-1].line == len((nlu / "benefits" / "ask_ars.yml").read_text().splitlines())


def test_apply_refuses_unknown_intents_and_changes_nothing(tmp_path, data_copy, capsys):
    nlu, _ = data_copy
    before = _texts(nlu)
    path = labelled_file(
        tmp_path,
        [
            ("un exemple tout neuf pour l'ars", "ask_ars", ""),
            ("un autre exemple", "ask_licorne", ""),
            ("encore un", "greet", "partout"),
        ],
    )
    assert main(["review", "--apply", str(path)]) == 2
    error = capsys.readouterr().err
    assert "intention inconnue « ask_licorne »" in error and "destination « partout »" in error
    assert _texts(nlu) == before


def test_apply_needs_the_review_columns(tmp_path):
    path = tmp_path / "autre.csv"
    path.write_text("texte;etiquette\nbonjour;greet\n", encoding="utf-8")
    with pytest.raises(LabelError, match="colonnes"):
        read_labels(path, domain_intents())
    with pytest.raises(LabelError, match="introuvable"):
        read_labels(tmp_path / "absent.csv", domain_intents())


def test_review_says_clearly_when_the_database_is_unreachable(capsys):
    from bot.runtime.servers import free_port

    code = main(["review", "--db", f"postgresql://postgres:motdepasse@127.0.0.1:{free_port()}/x"])
    error = capsys.readouterr().err
    assert code == 2 and "injoignable" in error and "motdepasse" not in error


def test_review_refuses_a_malformed_date(capsys):
    with pytest.raises(SystemExit):
        main(["review", "--since", "31/03/2026"])
    assert "AAAA-MM-JJ" in capsys.readouterr().err
