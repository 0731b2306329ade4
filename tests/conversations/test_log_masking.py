"""Log records are masked when they are created, whatever logger or handler writes them."""

from __future__ import annotations

import logging

import pytest

from bot.conversations.log_masking import install, mask_log_text


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "An exception occurred while handling user message 'je suis Karim, 06 12 34 56 78'.",
            "An exception occurred while handling user message '[texte masqué]'.",
        ),
        (
            'rest.message.received.timeout text="mon fils a 3 ans"',
            'rest.message.received.timeout text="[texte masqué]"',
        ),
        ("GET /model/parse?token=abcdef123&x=1", "GET /model/parse?token=***&x=1"),
        ("postgresql://assistant:motdepasse@db:5432/conv", "postgresql://assistant:***@db:5432/conv"),
        ("Authorization: Bearer eyJhbGciOi.xyz", "Authorization: Bearer ***"),
        ("mail a.b@c.fr et NIR 1 84 12 76 351 123 45", "mail [EMAIL] et NIR [NIR]"),
        ("Loading model models/model-abc.tar.gz", "Loading model models/model-abc.tar.gz"),
    ],
)
def test_a_log_line_loses_typed_text_secrets_and_identifiers(line, expected):
    assert mask_log_text(line) == expected


def test_a_very_long_record_is_cut():
    assert len(mask_log_text("x" * 100_000)) < 10_000


def test_installed_masking_covers_messages_arguments_and_tracebacks():
    previous = logging.getLogRecordFactory()
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    logger = logging.getLogger("test.log_masking")
    handler = Keep()
    logger.addHandler(handler)
    try:
        install()
        install()  # twice: still one layer
        logger.error("appel du %s", "06 12 34 56 78")
        try:
            raise ValueError("message 'Fatima, 07 81 23 45 67'")
        except ValueError:
            logger.exception("échec")
    finally:
        logger.removeHandler(handler)
        logging.setLogRecordFactory(previous)
    assert records[0] == "appel du [TÉLÉPHONE]"
    assert "Fatima" not in records[1] and "07 81" not in records[1] and "ValueError" in records[1]
