"""The REST channel, tolerant of malformed requests.

Same URL and format as Rasa's REST channel (/webhooks/rest/webhook), but a
missing or non-text message is treated as an empty message (which gets the
polite « je n'ai pas reçu de question » answer), metadata that is not an
object is ignored, and a request without a sender gets a conversation of its
own instead of Rasa's shared "default" one.
"""
from __future__ import annotations

import uuid
from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.request import Request


def _body(request: Request) -> Dict[Text, Any]:
    body = request.json
    return body if isinstance(body, dict) else {}


class TolerantRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = _body(req).get("sender")
        return sender if isinstance(sender, str) and sender.strip() else uuid.uuid4().hex

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = _body(req).get("message")
        return message if isinstance(message, str) else ""

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = _body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None
