"""The REST chat channel: Rasa's URL and format, with limits at the door.

`POST /webhooks/rest/webhook` `{"sender": "...", "message": "...", "metadata": {...}}`
answers a list of messages, as Rasa's REST channel does, but:
- a missing or non-text message, or a body that is not JSON, is an empty message
  (which gets the polite « je n'ai pas reçu de question » answer);
- the message is cut to 2 000 characters, with a notice first in the answer;
- a body over the size limit gets 413 with a French notice, too many messages
  from one conversation or one address 429, a conversation database that does
  not answer 503, each with a French notice in the same list format;
- the sender id and the metadata are bounded (bot/runtime/door.py);
- nothing the person typed is written to the logs;
- behind a trusted proxy, the request's X-Request-ID is the message's id, and a retry of a
  message already stored gets the stored replies (bot/conversations/replay.py).
The limits live in bot/runtime/door.py; this module is the Sanic glue.
"""

from __future__ import annotations

import json
import logging
import traceback
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request

from bot.conversations.availability import STORE_HEALTH
from bot.conversations.replay import stored_replies
from bot.runtime.door import (
    CUT_NOTICE,
    SENDER_ID,
    TOO_LARGE_NOTICE,
    Door,
    clean_message,
    clean_metadata,
    clean_sender,
    client_address,
    english_notice,
    from_trusted_proxy,
    too_fast_notice,
    unavailable_notice,
)
from bot.settings import rate_limits, trusted_proxies
from bot.text import looks_english

logger = logging.getLogger(__name__)


def _body(request: Request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


def _notice(sender: str, text: str, status: int) -> response.HTTPResponse:
    return response.json([{"recipient_id": sender, "text": text}], status=status)


class TolerantRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self, door: Door | None = None, trusted: tuple[str, ...] | None = None) -> None:
        self.door = door or Door.from_settings(*rate_limits())
        self.trusted = trusted_proxies() if trusted is None else trusted

    def _request_id(self, request: Request) -> str | None:
        """The id a trusted proxy gave the request (the same on its retries), kept as the message's id."""
        if not from_trusted_proxy(request.ip, self.trusted):
            return None
        raw = request.headers.get("x-request-id", "")
        return raw if SENDER_ID.match(raw) else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("tolerant_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            body = _body(request)
            sender = clean_sender(body.get("sender"))
            address = client_address(request.ip, request.headers.get("x-forwarded-for"), self.trusted)
            if not self.door.allow(sender, address):
                return _notice(sender, too_fast_notice(), 429)
            if STORE_HEALTH.is_down():
                return _notice(sender, unavailable_notice(), 503)
            text, cut = clean_message(body.get("message"))
            message_id = self._request_id(request)
            if message_id:  # a proxy's retry of a message an instance stored before dying: answered once
                tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
                replayed = stored_replies(tracker, message_id)
                if replayed is not None:
                    return response.json(replayed)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender,
                        input_channel=self.name(),
                        metadata=clean_metadata(body.get("metadata")),
                        message_id=message_id,
                    )
                )
            except CancelledError:
                logger.error("Message abandonné avant la réponse (le client s'est déconnecté).")
                raise
            except Exception as error:  # the frames, not the message (it may quote what was typed)
                logger.error(
                    "Échec du traitement d'un message (%s) :\n%s",
                    type(error).__name__,
                    "".join(traceback.format_tb(error.__traceback__)),
                )
                return _notice(sender, unavailable_notice(), 500)
            if STORE_HEALTH.is_down():
                return _notice(sender, unavailable_notice(), 503)
            notices = [{"recipient_id": sender, "text": CUT_NOTICE}] if cut else []
            if looks_english(text):
                notices.append({"recipient_id": sender, "text": english_notice()})
            return response.json(notices + collector.messages)

        @webhook.exception(PayloadTooLarge)
        async def too_large(request: Request, exception: Exception) -> response.HTTPResponse:
            return _notice("", TOO_LARGE_NOTICE, 413)

        return webhook
