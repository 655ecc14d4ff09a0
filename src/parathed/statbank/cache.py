"""A local cache of StatBank answers keyed by request; also the offline snapshot.

Each answer is one JSON file named by the SHA-256 of the request (URL and canonical JSON
body), holding the request, the answer text and when it was fetched (UTC). The default
folder is ``var/statbank-cache/`` under the working directory; the environment variable
``PARATHED_CACHE_DIR`` overrides it. With no network the client answers from here and
says how old the answer is.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DEFAULT_CACHE_DIR = Path("var") / "statbank-cache"
CACHE_DIR_ENV = "PARATHED_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$PARATHED_CACHE_DIR`` if set, else ``var/statbank-cache`` (relative)."""
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(configured) if configured else DEFAULT_CACHE_DIR


def request_key(url: str, body: Mapping[str, Any]) -> str:
    """The cache key of a request: SHA-256 of its URL and canonical JSON body."""
    canonical = json.dumps(
        {"url": url, "body": body}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """One stored answer and when it was fetched from the StatBank."""

    text: str
    fetched_at: datetime  # aware, UTC

    def age(self, now: datetime) -> timedelta:
        """How long ago the answer was fetched."""
        return now - self.fetched_at


class ResponseCache:
    """Answers on disk, one file per request; safe against half-written files."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_cache_dir()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, url: str, body: Mapping[str, Any]) -> CachedAnswer | None:
        """Returns the stored answer to this request, or None when there is none."""
        path = self._path(request_key(url, body))
        try:
            stored = json.loads(path.read_text("utf-8"))
            fetched_at = datetime.fromisoformat(stored["fetched_at"])
            text = stored["text"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(text, str) or fetched_at.tzinfo is None:
            return None
        return CachedAnswer(text=text, fetched_at=fetched_at.astimezone(UTC))

    def put(
        self, url: str, body: Mapping[str, Any], text: str, fetched_at: datetime
    ) -> None:
        """Stores the answer to this request (atomically: write, then rename)."""
        path = self._path(request_key(url, body))
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "url": url,
            "body": body,
            "fetched_at": fetched_at.astimezone(UTC).isoformat(),
            "text": text,
        }
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(payload, stream, ensure_ascii=False)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def describe_age(age: timedelta) -> str:
    """Danish wording of an age: "under en time", "1 time", "30 timer", "12 dage"."""
    hours = int(age.total_seconds() // 3600)
    if hours < 1:
        return "under en time"
    if hours < 48:
        return "1 time" if hours == 1 else f"{hours} timer"
    days = hours // 24
    return f"{days} dage"
