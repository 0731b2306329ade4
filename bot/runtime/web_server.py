"""The static web server of the chat: the embeddable widget, the demo page, the agents' console.

Serves the files of web/ only (no directory listing). HTML pages get the
assistant's address in place of `{{BOT_URL}}` and a Content-Security-Policy
that allows scripts, styles and requests from this server and the assistant
only: no third party, no inline script. Run by bot/runtime/servers.py
(`python -m bot.runtime.launch web --port 8080 --bot-url http://127.0.0.1:5005`).
"""

from __future__ import annotations

import argparse
import html
import mimetypes
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.paths import ROOT

WEB_ROOT = ROOT / "web"
BOT_URL_MARK = "{{BOT_URL}}"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def content_security_policy(bot_url: str) -> str:
    """Scripts, styles and images from this server; requests to this server and the assistant only."""
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {bot_url}; object-src 'none'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'self'"
    )


def resolve(web_root: Path, url_path: str) -> Path | None:
    """The file of web/ a URL path names ('/' is the demo page), or None (outside web/ or missing)."""
    relative = unquote(urlsplit(url_path).path).lstrip("/") or "index.html"
    candidate = (web_root / relative).resolve()
    if web_root.resolve() not in candidate.parents or not candidate.is_file():
        return None
    return candidate


class WebHandler(BaseHTTPRequestHandler):
    server_version = "web"
    sys_version = ""

    def __init__(self, *args, web_root: Path, bot_url: str, **kwargs):
        self.web_root = web_root
        self.bot_url = bot_url
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        if urlsplit(self.path).path == "/health":
            return self._send(HTTPStatus.OK, b"ok\n", "text/plain; charset=utf-8", with_body)
        path = resolve(self.web_root, self.path)
        if path is None:
            return self._send(HTTPStatus.NOT_FOUND, b"Page introuvable.\n", "text/plain; charset=utf-8", with_body)
        body = path.read_bytes()
        if path.suffix == ".html":
            body = body.replace(BOT_URL_MARK.encode(), html.escape(self.bot_url, quote=True).encode())
        content_type = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, body, content_type, with_body)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", content_security_policy(self.bot_url))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        # The widget script and its style sheet are loaded by other sites' pages.
        if content_type.startswith(("text/javascript", "text/css")):
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        """Only the status line (no query string, no client address) goes to the log."""
        sys.stderr.write(f"{self.command} {urlsplit(self.path).path} {args[1] if len(args) > 1 else ''}\n")


def make_server(host: str, port: int, bot_url: str, web_root: Path = WEB_ROOT) -> ThreadingHTTPServer:
    """A server for web/ on host:port whose pages talk to the assistant at bot_url."""
    handler = partial(WebHandler, web_root=web_root, bot_url=bot_url.rstrip("/"))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur des pages web de l'assistant (chat et console).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--bot-url", required=True, help="adresse du serveur Rasa vue par le navigateur")
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, args.bot_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
