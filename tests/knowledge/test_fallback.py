from bot.knowledge.fallback import DEFAULT_SUGGESTIONS, fallback_reply, likely_topics
from bot.text import has_readable_words


def test_readable_words():
    assert has_readable_words("é") and has_readable_words("76620")
    for unreadable in ("", "   ", "😀🙏", "\x00\x1b\t", "!!! ???", None):
        assert not has_readable_words(unreadable)


def test_likely_topics_skip_conversation_intents_and_low_confidence():
    ranking = [
        {"name": "greet", "confidence": 0.4},
        {"name": "ask_ars", "confidence": 0.3},
        {"name": "ask_asf", "confidence": 0.2},
        {"name": "ask_rsa", "confidence": 0.01},
    ]
    assert likely_topics(ranking) == ["ask_ars", "ask_asf"]


def test_fallback_offers_likely_topics_and_a_human():
    reply = fallback_reply("jsp trop ma question", [{"name": "ask_cmg", "confidence": 0.3}])
    assert "reformuler" in reply.text
    assert [b["payload"] for b in reply.buttons] == ["/ask_cmg", "/request_human"]


def test_unreadable_message_gets_default_topics():
    reply = fallback_reply("🙂", [{"name": "ask_cmg", "confidence": 0.9}])
    assert reply.text.startswith("Je n'ai pas reçu de question")
    assert [b["payload"] for b in reply.buttons][:-1] == [f"/{i}" for i in DEFAULT_SUGGESTIONS]
