"""The chat in a real browser against a small fake assistant: cards, geolocation, errors, safety.

The fake answers the REST route with the payloads of the nearby-services
contract, so the rendering is proven without the real directory.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager

import pytest

from tests.web.support import PHONE, FakeAssistant, ask, open_chat, page_server, serious_violations, serving

pytestmark = pytest.mark.browser

UNAVAILABLE = "Le service est momentanément indisponible. Vous pouvez appeler la CAF au 3230"
# Test data only (not shown to anyone): the shape of the nearby-services contract.
CARD = {
    "name": "Crèche des Essais",
    "kind": "Crèche",
    "service_type": "creche",
    "address": "1 rue de l'Exemple",
    "postcode": "76620",
    "city": "Le Havre",
    "distance_m": 850,
    "position": "position approchée : centre du quartier",
    "phone": "02 00 00 00 00",
    "email": None,
    "website": "javascript:alert(1)",
    "hours_today": "08:30–18:00",
    "open_now": True,
    "hours_note": "Fermé les jours fériés.",
    "map_url": "https://www.openstreetmap.org/?mlat=49.51&mlon=0.16",
    "verified": False,
    "caveat": "À vérifier : horaires à confirmer. Appelez le 02 00 00 00 00 avant de vous déplacer.",
    "source": "données de test (détail)",
    "source_date": "2026-11-01",
    "checked": "2026-11-28",
    "source_text": "données de test, novembre 2026",
    "confirmation": "Vérifié le 28/11/2026 (un agent de test).",
    "stale_note": None,
    "map_exact": True,
    "also_here": [{"name": "Bus des Essais", "phone": None}],
}
FAR_CARD = dict(
    CARD,
    name="Halte-garderie des Essais",
    distance_m=1530,
    open_now=False,
    phone=None,
    map_url=None,
    verified=True,
    caveat=None,
    hours_today="fermé",
    position=None,
    hours_note=None,
    also_here=[],
    confirmation=None,
    source_text="données de test, 2016",
    stale_note="Information de 2016 : elle date de plus de deux ans et a pu changer.",
)
NOTE_CARD = dict(
    FAR_CARD,
    name="Relais des Essais",
    hours_today=None,
    open_now=None,
    hours_note="Horaires non trouvés ; renseignements au 02 35 19 45 45.",
)
# As the assistant sends them: the text repeats the places (« • » lines) and the links' labels.
SERVICES = [
    {
        "recipient_id": "t",
        "text": "Voici les crèches les plus proches de Caucriauville :\n"
        "• Crèche des Essais — à 850 m\n  1 rue de l'Exemple, 76620 Le Havre\n"
        "• Halte-garderie des Essais — à 1,5 km\nTous les modes de garde",
    },
    {
        "recipient_id": "t",
        "custom": {
            "type": "service_results",
            "service_type": "creche",
            "place": {"label": "Caucriauville", "precision": "quartier"},
            "results": [CARD, FAR_CARD, NOTE_CARD],
            "links": [
                {"label": "Tous les modes de garde", "url": "https://monenfant.fr"},
                {"label": "piège", "url": "javascript:alert(2)"},
            ],
        },
    },
]
DETAILS = [
    {
        "recipient_id": "t",
        "custom": {
            "type": "service_details",
            "results": [
                dict(CARD, hours_week=[{"day": "lundi", "hours": "08:30–16:30"}, {"day": "dimanche", "hours": "fermé"}])
            ],
        },
    }
]
LOCATION_REQUEST = [
    {
        "recipient_id": "t",
        "text": "Dans quel quartier êtes-vous ?",
        "buttons": [{"title": "Centre-ville", "payload": '/inform{"location": "centre-ville"}'}],
    },
    {"recipient_id": "t", "custom": {"type": "location_request"}},
]
HOSTILE = [
    {
        "recipient_id": "t",
        "text": '<img src=x onerror="window.__pwned=1"><b>gras</b> javascript:alert(3)',
        "buttons": [{"title": "<script>window.__pwned=2</script>", "payload": "/greet"}],
    },
    {
        "recipient_id": "t",
        "custom": {
            "type": "benefit_answer",
            "checked": "2026-11-28",
            "source": {"title": "<i>piège</i>", "url": "javascript:alert(4)"},
        },
    },
]


@contextmanager
def fake_site(replies, **options):
    """The demo page served against a fake assistant answering `replies`; yields (fake, page URL)."""
    fake = FakeAssistant(replies, **options)
    with serving(fake), page_server(fake.url) as base:
        yield fake, base


@pytest.fixture
def fake_chat(page):
    """start(replies, **options) opens the chat against a fake assistant and returns the fake."""
    with ExitStack() as stack:

        def start(replies, **options):
            fake, base = stack.enter_context(fake_site(replies, **options))
            open_chat(page, base)
            return fake

        yield start


def test_service_results_are_shown_as_cards(page, fake_chat):
    fake_chat(SERVICES)
    ask(page, "une crèche près de chez moi")
    cards = page.locator(".lhc-card")
    assert cards.count() == 3
    first = cards.nth(0)
    text = first.inner_text()
    for expected in (
        "Crèche des Essais",
        "1 rue de l'Exemple, 76620 Le Havre",
        "à 850 m (position approchée : centre du quartier)",
        "Aujourd'hui : 08:30–18:00",
        "Ouvert maintenant",
        "Fermé les jours fériés.",
        "à vérifier horaires à confirmer.",
        "Au même endroit : Bus des Essais",
        "Source : données de test, novembre 2026. Vérifié le 28/11/2026 (un agent de test).",
    ):
        assert expected in text
    # The places are shown once, as cards: the text keeps only its introduction.
    assert (
        page.locator(".lhc-from-bot .lhc-bubble").inner_text()
        == "Voici les crèches les plus proches de Caucriauville :"
    )
    assert first.get_by_role("link", name="Appeler le 02 00 00 00 00").get_attribute("href") == "tel:0200000000"
    assert (
        first.get_by_role("link", name="Voir sur la carte")
        .get_attribute("href")
        .startswith("https://www.openstreetmap.org/")
    )
    second = cards.nth(1).inner_text()
    assert "à 1,5 km" in second and "Aujourd'hui : fermé" in second and "Fermé maintenant" in second
    assert "Information de 2016 : elle date de plus de deux ans" in second and "Vérifié" not in second
    hours_unknown_with_note = cards.nth(2)
    assert "Aujourd'hui" not in hours_unknown_with_note.inner_text()
    assert hours_unknown_with_note.get_by_role("link", name="02 35 19 45 45").get_attribute("href") == "tel:0235194545"
    assert page.get_by_role("link", name="Tous les modes de garde").get_attribute("href") == "https://monenfant.fr/"
    # javascript: addresses never become links
    assert page.locator("a[href^='javascript']").count() == 0 and "Site internet" not in text


def test_service_details_add_the_hours_of_the_week(page, fake_chat):
    fake_chat(DETAILS)
    ask(page, "horaires de la crèche des essais")
    week = page.locator(".lhc-card-week").inner_text()
    assert "lundi" in week and "08:30–16:30" in week and "dimanche" in week and "fermé" in week


def test_me_localiser_sends_the_position_then_shows_the_cards(browser):
    context = browser.new_context(
        locale="fr-FR", geolocation={"latitude": 49.5123456789, "longitude": 0.16123456}, permissions=["geolocation"]
    )
    page = context.new_page()
    with fake_site(SERVICES) as (fake, base):
        open_chat(page, base)
        page.get_by_role("button", name="Me localiser").click()
        page.locator(".lhc-card").first.wait_for()
        assert fake.requests[-1]["message"] == '/find_service{"location": "49.512346,0.161235"}'
        assert fake.requests[-1]["metadata"] == {"audience": "family", "geo": {"lat": 49.512346, "lon": 0.161235}}
        assert "Ma position" in page.locator(".lhc-from-user").inner_text()
    context.close()


def test_a_refused_position_gets_a_polite_message_and_sends_nothing(page, fake_chat):
    fake = fake_chat(SERVICES)  # the page's context did not grant geolocation
    page.get_by_role("button", name="Me localiser").click()
    note = page.locator(".lhc-note-info")
    note.wait_for()
    assert "quartier ou votre code postal" in note.inner_text()
    assert fake.requests == []


def test_a_location_request_offers_the_locate_button_and_quick_replies(page, fake_chat):
    fake_chat(LOCATION_REQUEST)
    ask(page, "une crèche")
    turn = page.locator(".lhc-from-bot").last
    assert turn.get_by_role("button", name="Me localiser").is_visible()
    assert turn.get_by_role("button", name="Centre-ville").is_visible()


def test_bot_html_is_shown_as_text_and_runs_nothing(page, fake_chat):
    fake_chat(HOSTILE)
    ask(page, "bonjour")
    log = page.locator(".lhc-log")
    assert '<img src=x onerror="window.__pwned=1"><b>gras</b>' in log.inner_text()
    assert log.locator("img, b, script, i").count() == 0
    assert page.get_by_role("button", name="<script>window.__pwned=2</script>").is_visible()
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_a_server_error_shows_the_unavailable_message_and_no_stack_trace(page, fake_chat):
    fake_chat([], status=500)
    page.get_by_label("Votre question").fill("allocations familiales")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text(UNAVAILABLE).wait_for()
    assert "Traceback" not in page.content() and "KeyError" not in page.content()
    assert page.get_by_label("Votre question").input_value() == "allocations familiales"


@pytest.mark.parametrize(
    "status, notice",
    [
        (429, "Vous m'envoyez beaucoup de messages en peu de temps : attendez une minute."),
        (503, "Le service est momentanément indisponible : réessayez dans quelques minutes."),
    ],
)
def test_the_assistants_own_notice_is_shown_when_it_refuses_a_message(page, fake_chat, status, notice):
    fake_chat([{"recipient_id": "x", "text": notice}], status=status, notice=True)
    ask(page, "bonjour")
    page.get_by_text(notice).wait_for()
    assert page.get_by_text(UNAVAILABLE).count() == 0


def test_a_slow_server_shows_the_unavailable_message_and_keeps_the_text(page, fake_chat):
    page.clock.install()
    fake_chat(SERVICES, delay=3)
    page.get_by_label("Votre question").fill("une crèche")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("L'assistant écrit…").wait_for()
    page.clock.fast_forward("00:16")  # past the 15 s the chat waits
    page.get_by_text(UNAVAILABLE).wait_for()
    assert page.get_by_label("Votre question").input_value() == "une crèche"
    assert page.locator(".lhc-card").count() == 0


def test_the_conversation_survives_a_reload_and_can_be_restarted(page, fake_chat):
    fake = fake_chat(SERVICES)
    ask(page, "une crèche")
    page.reload()
    page.locator(".lhc-card").first.wait_for()  # still open, conversation restored
    assert page.locator(".lhc-from-user").inner_text().endswith("une crèche")
    page.get_by_role("button", name="Nouvelle conversation").click()
    assert page.locator(".lhc-turn").count() == 0
    ask(page, "bonjour")
    assert fake.requests[0]["sender"] != fake.requests[-1]["sender"]


@pytest.mark.parametrize("viewport", [PHONE, {"width": 640, "height": 400}], ids=["phone-360", "zoom-200"])
def test_the_chat_fits_a_phone_and_a_200_percent_zoom(browser, viewport):
    context = browser.new_context(locale="fr-FR", viewport=viewport)
    page = context.new_page()
    with fake_site(SERVICES) as (_, base):
        open_chat(page, base)
        ask(page, "une crèche")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        panel = page.locator(".lhc-panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= viewport["width"]
        for name in ("Envoyer", "Fermer"):
            page.get_by_role("button", name=name).scroll_into_view_if_needed()
            assert page.get_by_role("button", name=name).is_visible()
    context.close()


def test_cards_and_notes_have_no_serious_accessibility_violation(page, fake_chat):
    fake_chat(SERVICES + LOCATION_REQUEST)
    ask(page, "une crèche")
    page.get_by_role("button", name="Me localiser").first.click()  # refused: adds the info note
    page.locator(".lhc-note-info").wait_for()
    assert serious_violations(page) == []


def test_no_request_leaves_the_page_and_the_assistant(page, fake_chat):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    fake = fake_chat(SERVICES)
    ask(page, "une crèche")
    site = page.url.split("/", 3)[:3]
    allowed = ("/".join(site), fake.url)
    assert requests and all(url.startswith(allowed) or url.startswith("data:") for url in requests), requests
