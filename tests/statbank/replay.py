"""A real HTTP server on loopback that answers like api.statbank.dk from recorded files.

Tests talk to it through the client's real urllib transport, so the whole HTTP path is
exercised; only the far end is local. Recorded answers live in ``data/``:
``<TABLE>.tableinfo.json`` for TABLEINFO and ``<TABLE>.<FORMAT>.csv`` for DATA. An
unknown table gets a 400 with a DST-style JSON error. ``script`` queues special answers
(a status, a body, a delay) for the next requests of one table and function.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Scripted:
    """One special answer: ``status`` and ``body``, after ``delay`` seconds."""

    status: int = 200
    body: bytes | None = None  # None: the recorded file
    delay: float = 0.0


@dataclass
class Replay:
    """The server's state: recorded folder, queued special answers, requests seen."""

    folder: Path = DATA
    queued: dict[tuple[str, str], deque[Scripted]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    url: str = ""

    def script(self, function: str, table: str, *answers: Scripted) -> None:
        """Queues ``answers`` for the next ``function`` ("tableinfo"/"data") calls."""
        self.queued.setdefault((function, table), deque()).extend(answers)

    def calls(self, function: str, table: str) -> list[dict[str, Any]]:
        """Bodies of the requests seen for ``function`` and ``table``."""
        return [b for f, b in self.requests if f == function and b["table"] == table]

    def answer(self, function: str, body: dict[str, Any]) -> Scripted:
        """What to send for one request."""
        table = str(body.get("table", ""))
        queue = self.queued.get((function, table))
        if queue:
            scripted = queue.popleft()
            if scripted.body is not None:
                return scripted
            return Scripted(
                scripted.status, self.recorded(function, body), scripted.delay
            )
        return Scripted(200, self.recorded(function, body))

    def recorded(self, function: str, body: dict[str, Any]) -> bytes:
        """The recorded answer, or a DST-style 400 error body if there is none."""
        table = str(body.get("table", ""))
        if function == "tableinfo":
            path = self.folder / f"{table}.tableinfo.json"
        else:
            path = self.folder / f"{table}.{body.get('format', 'CSV')}.csv"
        if path.exists():
            return path.read_bytes()
        raise LookupError(table)


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length).decode("utf-8"))
            function = self.path.rstrip("/").rsplit("/", 1)[-1].lower()
            replay.requests.append((function, body))
            try:
                scripted = replay.answer(function, body)
            except LookupError:
                message = {
                    "errorTypeCode": "EXTRACT-NOTFOUND",
                    "message": f"Tabellen {body.get('table')} findes ikke.",
                }
                scripted = Scripted(400, json.dumps(message).encode("utf-8"))
            time.sleep(scripted.delay)
            try:
                self.send_response(scripted.status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                assert scripted.body is not None
                self.send_header("Content-Length", str(len(scripted.body)))
                self.end_headers()
                self.wfile.write(scripted.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class ReplayServer:
    """Starts and stops the loopback server in a background thread."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        replay.url = f"http://{host!s}:{port}/v1"
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    def __enter__(self) -> Replay:
        self.thread.start()
        return self.replay

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
