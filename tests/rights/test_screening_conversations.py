"""« À quoi ai-je droit ? » over the real servers and the real rules engine: facts in one message, facts over
several turns, corrections, « je ne sais pas », stop midway, front-desk agents."""

from __future__ import annotations

import uuid

import pytest

from tests.rest import say

pytestmark = [pytest.mark.servers, pytest.mark.rules]


def conversation(servers, metadata=None):
    sender = uuid.uuid4().hex
    return lambda text: say(servers, text, metadata=metadata, sender=sender)


def texts(replies) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def custom(replies, kind):
    return next((r["custom"] for r in replies if (r.get("custom") or {}).get("type") == kind), None)


def test_facts_in_one_message_are_not_asked_again_and_the_rights_are_computed(servers):
    talk = conversation(servers)
    first = texts(talk("bonjour j'ai 3 enfants de 4, 9 et 15 ans, on gagne 2500 euros par mois, a quoi j'ai droit ?"))
    assert "Quelques questions courtes" in first and "Vivez-vous en couple" in first  # children and income known
    assert "Êtes-vous locataire" in texts(talk("en couple"))
    assert "loyer" in texts(talk("locataire"))
    recap = texts(talk("650"))
    assert "3 enfants à charge (4 ans, 9 ans et 15 ans)" in recap and "locataire, loyer 650 € par mois" in recap
    answer = talk("/affirm")
    results = custom(answer, "rights_results")
    assert results and results["engine"] == "openfisca-france" and results["version"]
    assert "Allocations familiales (AF)" in [r["title"] for r in results["rights"]]
    assert "Estimation indicative" in texts(answer) and "Seule la CAF décide" in texts(answer)


def test_facts_over_several_turns_with_je_ne_sais_pas_and_a_correction(servers):
    talk = conversation(servers)
    assert "Combien d'enfants" in texts(talk("/check_eligibility"))
    assert "Vivez-vous en couple" in texts(talk("2 enfants de 3 et 7 ans"))
    assert "Combien gagne votre foyer" in texts(talk("je vis seule"))
    assert "locataire" in texts(talk("je sais pas"))
    assert "pension alimentaire" in texts(talk("Propriétaire"))
    recap = texts(talk("non"))
    assert "Non précisé : les revenus" in recap and "seul(e)" in recap
    corrected = texts(talk("en fait j'ai 3 enfants de 3, 7 et 10 ans"))
    assert "3 enfants à charge (3 ans, 7 ans et 10 ans)" in corrected and "C'est bien ça ?" in corrected
    answer = talk("oui")
    assert custom(answer, "rights_results") is not None
    assert "revenus" in texts(answer)  # the rights that need the income say they were not computed


def test_a_bad_answer_is_asked_again_and_stop_ends_the_screening(servers):
    talk = conversation(servers)
    talk("à quoi j'ai droit ?")
    talk("2 enfants de 1 et 4 ans")
    talk("en couple")
    assert "Je n'ai pas compris le montant" in texts(talk("beaucoup"))
    assert "j'arrête" in texts(talk("stop"))
    assert "Bonjour" in texts(talk("bonjour"))  # the conversation goes on normally


def test_a_front_desk_agent_gets_the_rights_card(servers):
    talk = conversation(servers, metadata={"audience": "agent"})
    first = talk(
        "une dame seule avec 2 enfants de 2 et 6 ans, sans revenu, hébergée chez sa mère, à quoi a-t-elle droit ?"
    )
    assert "pension alimentaire" in texts(first)  # the only fact missing
    assert "C'est bien ça" in texts(talk("Non, pas de pension"))
    card = custom(talk("/affirm"), "rights_card")
    assert card and "seul(e) (sans conjoint)" in card["facts"]
    assert any(r["intent"] == "ask_asf" for r in card["rights"]) and card["documents"] and card["send_to"]


def test_with_the_engine_stopped_the_screening_says_so_and_gives_the_published_figures(servers, rules):
    talk = conversation(servers)
    first = texts(
        talk("seule avec 2 enfants de 3 et 8 ans, 900 euros par mois, locataire 500 de loyer, a quoi j'ai droit ?")
    )
    assert "Quelques questions courtes" in first and "pension alimentaire" in first  # the only fact missing
    assert "C'est bien ça" in texts(talk("Non, pas de pension"))
    with rules.stopped():
        answer = texts(talk("/affirm"))
    assert "Le calcul personnalisé est indisponible" in answer and "Estimation indicative" not in answer
    assert "Allocation de soutien familial" in answer and "€" in answer
