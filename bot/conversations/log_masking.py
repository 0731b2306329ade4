"""Nothing personal in the logs: every log record of every server is masked when it is created.

`install()` (called by bot/runtime/launch.py in each server process) wraps the
logging record factory, so that whatever logger, handler or format a library
uses, the message and its traceback are already masked:
- the text after « message », « text », « user message »… when quoted is replaced
  (Rasa and its libraries quote what people typed there);
- tokens and passwords in URLs and « key=value » pairs become « *** »;
- identifiers are masked as in the conversation database (bot.conversations.masking);
- very long records are cut.
`mask_log_text` is also applied to every line the servers print (bot/runtime/log_files.py).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable

from bot.conversations.masking import mask_text

MAX_RECORD_CHARS = 8000
TYPED = "[texte masqué]"
QUOTED_TEXT = re.compile(
    r"(?P<key>\b(?:user[ _]message|message|text|user_text|response_text|utterance)['\"]?\s*(?:[=:]\s*|\s+))"
    r"(?P<quote>['\"])(?:\\.|(?!(?P=quote)).){0,2000}(?P=quote)",
    re.IGNORECASE,
)
SECRET = re.compile(
    r"(?P<key>\b(?:token|auth[_-]token|password|passwd|pwd|secret|api[_-]key)\b['\"]?\s*[=:]\s*['\"]?)"
    r"[^\s&'\",;]+",
    re.IGNORECASE,
)
URL_PASSWORD = re.compile(
    r"(?P<scheme>(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{0,30}://[^/\s:@]{1,200}:)[^@\s/]{1,200}@", re.IGNORECASE
)
BEARER = re.compile(r"\b(Bearer)\s+[A-Za-z0-9._~+/\-]+=*", re.IGNORECASE)


def mask_log_text(text: str) -> str:
    """A log line or record without typed text, secrets or identifiers."""
    if len(text) > MAX_RECORD_CHARS:
        text = text[:MAX_RECORD_CHARS] + " […]"
    text = QUOTED_TEXT.sub(lambda m: f"{m.group('key')}{m.group('quote')}{TYPED}{m.group('quote')}", text)
    text = SECRET.sub(lambda m: m.group("key") + "***", text)
    text = URL_PASSWORD.sub(lambda m: m.group("scheme") + "***@", text)
    text = BEARER.sub(r"\1 ***", text)
    return mask_text(text)


class _MaskingFactory:
    """A log record factory that masks the records the wrapped factory makes."""

    def __init__(self, factory: Callable[..., logging.LogRecord]):
        self._factory = factory

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self._factory(*args, **kwargs)
        try:
            record.msg, record.args = mask_log_text(record.getMessage()), ()
        except Exception:  # a malformed record is left to logging's own error report
            return record
        if record.exc_info:
            record.exc_text = mask_log_text("".join(traceback.format_exception(*record.exc_info))).rstrip("\n")
        if record.stack_info:
            record.stack_info = mask_log_text(record.stack_info)
        return record


def install() -> None:
    """Mask every log record of this process from now on (idempotent)."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _MaskingFactory):
        logging.setLogRecordFactory(_MaskingFactory(factory))
