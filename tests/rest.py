"""Talking to the real servers over HTTP, as the web page does (shared by the REST tests)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid


def http(
    url: str, body: dict | None = None, method: str | None = None, headers: dict | None = None, timeout: float = 60
):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def say(servers, text: str, metadata: dict | None = None, sender: str | None = None) -> list[dict]:
    body = {"sender": sender or uuid.uuid4().hex, "message": text}
    if metadata is not None:
        body["metadata"] = metadata
    status, _, payload = http(f"{servers.settings.rasa_url}/webhooks/rest/webhook", body)
    assert status == 200, payload
    return json.loads(payload)
