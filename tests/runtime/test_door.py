"""Limits at the door of the chat channel, without the servers."""

from __future__ import annotations

from bot.runtime.door import MAX_MESSAGE_CHARS, Door, RateLimiter, clean_message, clean_metadata, clean_sender


def test_a_long_message_is_cut_and_said_so():
    assert clean_message("a" * (MAX_MESSAGE_CHARS + 5)) == ("a" * MAX_MESSAGE_CHARS, True)
    assert clean_message("bonjour") == ("bonjour", False)
    assert clean_message(None) == ("", False) and clean_message(12) == ("", False)


def test_a_sender_is_kept_only_when_it_looks_like_an_id():
    assert clean_sender("3f2b9c0e-uuid_like") == "3f2b9c0e-uuid_like"
    hashed = clean_sender("marie.dupont@example.fr")
    assert hashed.startswith("h-") and hashed == clean_sender("marie.dupont@example.fr")  # same conversation
    assert clean_sender("x" * 65).startswith("h-")
    assert clean_sender(None) != clean_sender(None)  # no sender: a conversation of its own


def test_only_the_metadata_the_assistant_reads_is_kept():
    assert clean_metadata({"audience": "agent", "geo": {"lat": 49.49, "lon": 0.11}, "cookie": "x" * 5000}) == {
        "audience": "agent",
        "geo": {"lat": 49.49, "lon": 0.11},
    }
    assert clean_metadata({"audience": "pirate", "geo": {"lat": "49", "lon": float("nan")}}) is None
    assert clean_metadata({"geo": {"lat": 91, "lon": 0}}) is None
    assert clean_metadata("agent") is None


def test_a_bucket_allows_a_burst_then_the_average_pace():
    now = [0.0]
    limiter = RateLimiter(per_minute=6, burst=3, clock=lambda: now[0])
    assert [limiter.allow("s") for _ in range(4)] == [True, True, True, False]
    now[0] += 10  # one token every 10 s
    assert limiter.allow("s") and not limiter.allow("s")
    assert limiter.allow("another conversation")


def test_the_door_limits_per_conversation_and_per_address():
    now = [0.0]
    door = Door(RateLimiter(60, 5, clock=lambda: now[0]), RateLimiter(60, 8, clock=lambda: now[0]))
    assert all(door.allow("a", "10.0.0.1") for _ in range(5)) and not door.allow("a", "10.0.0.1")
    assert [door.allow(f"s{i}", "10.0.0.1") for i in range(4)] == [True, True, True, False]  # address: 8 in all
    assert door.allow("b", "10.0.0.2")


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for():
    from bot.runtime.door import client_address

    proxies = ("127.0.0.1", "10.0.0.0/8")
    assert client_address("127.0.0.1", "203.0.113.7", proxies) == "203.0.113.7"
    # What the client wrote itself comes first; the proxies' own hops are skipped from the right.
    assert client_address("10.1.2.3", "1.2.3.4, 203.0.113.7, 10.0.0.5", proxies) == "203.0.113.7"
    # A peer that is not a trusted proxy is counted as itself, whatever header it sends.
    assert client_address("198.51.100.2", "203.0.113.7", proxies) == "198.51.100.2"
    assert client_address("127.0.0.1", "203.0.113.7", ()) == "127.0.0.1"
    # A header that is not an address is ignored.
    assert client_address("127.0.0.1", "<script>", proxies) == "127.0.0.1"
    assert client_address("127.0.0.1", None, proxies) == "127.0.0.1"
