"""A fake rules engine for tests that need an answer but not OpenFisca's: fixed amounts per variable.

`with FakeEngine.serving({"af": 120.0}) as engine:` serves /calculate on a free port (every variable asked
gets its amount, 0 otherwise) and every /parameter as 0.005 from 2000 (the CRDS rate); `engine.url` is its
address, `engine.asked` the variables asked so far.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class FakeEngine:
    amounts: dict[str, float]
    url: str = ""
    asked: list[str] = field(default_factory=list)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        engine = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, body: dict) -> None:
                self.send_response(200)
                self.send_header("Country-Package", "openfisca-france")
                self.send_header("Country-Package-Version", "0.0-test")
                self.end_headers()
                self.wfile.write(json.dumps(body).encode())

            def do_GET(self):
                self._answer({"values": {"2000-01-01": 0.005}})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                famille = body["familles"]["famille_1"]
                for variable, periods in famille.items():
                    if isinstance(periods, dict) and None in periods.values():
                        engine.asked.append(variable)
                        famille[variable] = dict.fromkeys(periods, engine.amounts.get(variable, 0.0))
                self._answer(body)

            def log_message(self, *args):
                pass

        return Handler

    @classmethod
    @contextlib.contextmanager
    def serving(cls, amounts: dict[str, float]) -> Iterator[FakeEngine]:
        engine = cls(amounts)
        server = ThreadingHTTPServer(("127.0.0.1", 0), engine.handler())
        threading.Thread(target=server.serve_forever, daemon=True).start()
        engine.url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield engine
        finally:
            server.shutdown()
            server.server_close()
