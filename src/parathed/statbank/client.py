"""The StatBank client: ``tableinfo`` and ``data`` over HTTP, paced, retried, cached.

Talks to api.statbank.dk v1 with JSON POST bodies (UTF-8; variable ids such as
``OMRÅDE`` are not ASCII). Behaviour:

- **Pacing**: at least ``pause`` seconds between two calls that go over the network
  (answers from the cache are not paced).
- **Retries**: a 5xx answer or a timeout is retried ``retries`` times, waiting
  ``backoff``, ``2 × backoff``, ``4 × backoff`` … seconds; then
  :class:`StatBankUnavailableError`.
- **4xx**: no retry; :class:`StatBankRequestError` carrying DST's own (Danish) message.
- **Cache**: every successful answer is stored (:mod:`parathed.statbank.cache`). An
  answer younger than ``max_age`` is served from the cache without a call. When the
  network cannot be reached, the StatBank stays unavailable, or the client is
  ``offline``, a cached answer of any age is used and marked ``stale``; with nothing
  cached the client
  raises :class:`StatBankOfflineError` with a Danish explanation.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from parathed.statbank.cache import CachedAnswer, ResponseCache, describe_age
from parathed.statbank.errors import (
    StatBankFormatError,
    StatBankOfflineError,
    StatBankRequestError,
    StatBankUnavailableError,
)
from parathed.statbank.parse import StatTable, parse_bulk, parse_csv
from parathed.statbank.transport import HttpRequest, Transport, UrllibTransport

DEFAULT_BASE_URL = "https://api.statbank.dk/v1"
FORMATS = ("CSV", "BULK")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TableValue:
    """One value of a variable: its code (text, leading zeros kept) and label."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class TableVariable:
    """One variable of a table as TABLEINFO describes it."""

    id: str  # the id to use in DATA, e.g. "OMRÅDE", "Tid"
    text: str
    values: tuple[TableValue, ...]
    elimination: bool = False
    time: bool = False

    def value_ids(self) -> frozenset[str]:
        """The codes of every value, as text."""
        return frozenset(value.id for value in self.values)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an answer came from and when it was fetched from the StatBank."""

    fetched_at: datetime  # aware, UTC: when DST sent it (not when it was read)
    from_cache: bool
    stale: bool = False  # served from the cache because the StatBank was unreachable

    def describe(self, now: datetime) -> str:
        """Danish: "hentet nu" or "fra cachen, hentet 2026-11-20 (3 dage gammel)"."""
        if not self.from_cache:
            return "hentet nu fra Statistikbanken"
        age = describe_age(now - self.fetched_at)
        text = f"fra cachen, hentet {self.fetched_at.date().isoformat()} ({age} gammel)"
        if self.stale:
            text += "; Statistikbanken kunne ikke nås"
        return text


@dataclass(frozen=True, slots=True)
class TableInfo:
    """The metadata of one table (TABLEINFO)."""

    id: str
    text: str
    unit: str
    updated: str
    variables: tuple[TableVariable, ...]
    provenance: Provenance

    def variable(self, variable_id: str) -> TableVariable:
        """The variable with this id (case-insensitive); KeyError if there is none."""
        for variable in self.variables:
            if variable.id.upper() == variable_id.upper():
                return variable
        raise KeyError(variable_id)

    def time_variable(self) -> TableVariable:
        """The time variable (``Tid``)."""
        for variable in self.variables:
            if variable.time or variable.id.upper() == "TID":
                return variable
        raise KeyError("Tid")


@dataclass(frozen=True, slots=True)
class DataAnswer:
    """The parsed observations of one DATA call and their provenance."""

    table: str
    data: StatTable
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    provenance: Provenance


class StatBankClient:
    """A polite client for api.statbank.dk v1 (see the module docstring).

    ``cache`` defaults to :class:`ResponseCache` in the default folder
    (``var/statbank-cache`` or ``$PARATHED_CACHE_DIR``); ``use_cache=False`` turns
    caching off. ``transport``, ``sleep``, ``monotonic`` and ``now`` are injectable
    for tests.
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        transport: Transport | None = None,
        cache: ResponseCache | None = None,
        use_cache: bool = True,
        offline: bool = False,
        max_age: timedelta = timedelta(hours=24),
        pause: float = 1.0,
        retries: int = 3,
        backoff: float = 2.0,
        timeout: float = 60.0,
        lang: str = "da",
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport: Transport = transport or UrllibTransport()
        self.cache: ResponseCache | None = None
        if use_cache:
            self.cache = cache if cache is not None else ResponseCache()
        self.offline = offline
        self.max_age = max_age
        self.pause = pause
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.lang = lang
        self.sleep = sleep
        self.monotonic = monotonic
        self.now = now
        self.network_calls = 0
        self._last_call: float | None = None

    def tableinfo(self, table: str) -> TableInfo:
        """Returns the metadata of ``table``: variables, their value codes, periods."""
        body = {"table": table, "format": "JSON", "lang": self.lang}
        answer = self._answer("tableinfo", body, table=table)
        try:
            raw = json.loads(answer.text)
            return _tableinfo_from_json(raw, answer.provenance)
        except (ValueError, KeyError, TypeError) as error:
            raise StatBankFormatError(
                f"Statistikbankens beskrivelse af tabel {table} kunne ikke læses "
                f"({type(error).__name__})."
            ) from error

    def data(
        self,
        table: str,
        variables: Sequence[tuple[str, Sequence[str]]],
        *,
        fmt: str = "CSV",
        value_presentation: str = "Code",
    ) -> DataAnswer:
        """Returns the observations of ``table`` for a selection.

        ``variables`` pairs a variable id (as TABLEINFO gives it, e.g. ``"OMRÅDE"``,
        ``"Tid"``) with the value codes to select (``"*"``, time rules such as
        ``">=2015"`` and ``"(1)"`` are passed on as they are). A variable left out is
        eliminated by DST where the table allows it (not in BULK). ``fmt`` is ``"CSV"``
        or ``"BULK"``.
        """
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
        body: dict[str, Any] = {
            "table": table,
            "format": fmt,
            "lang": self.lang,
            "valuePresentation": value_presentation,
            "variables": [
                {"code": code, "values": list(values)} for code, values in variables
            ],
        }
        answer = self._answer("data", body, table=table)
        parsed = parse_bulk(answer.text) if fmt == "BULK" else parse_csv(answer.text)
        return DataAnswer(table=table, data=parsed, provenance=answer.provenance)

    # -- the exchange -------------------------------------------------------------

    def _answer(self, function: str, body: Mapping[str, Any], *, table: str) -> _Text:
        url = f"{self.base_url}/{function}"
        cached = self.cache.get(url, body) if self.cache is not None else None
        if self.offline:
            if cached is None:
                raise StatBankOfflineError(
                    self._miss_message(table, "offline-tilstand")
                )
            return self._from_cache(cached, stale=True)
        if cached is not None and cached.age(self.now()) <= self.max_age:
            return self._from_cache(cached, stale=False)
        try:
            text = self._exchange(url, body, table=table)
        except ConnectionError as error:
            if cached is not None:
                return self._from_cache(cached, stale=True)
            raise StatBankOfflineError(
                self._miss_message(table, f"ingen forbindelse ({error})")
            ) from error
        except StatBankUnavailableError:
            if cached is not None:
                return self._from_cache(cached, stale=True)
            raise
        fetched_at = self.now()
        if self.cache is not None:
            self.cache.put(url, body, text, fetched_at)
        return _Text(text, Provenance(fetched_at=fetched_at, from_cache=False))

    def _from_cache(self, cached: CachedAnswer, *, stale: bool) -> _Text:
        provenance = Provenance(
            fetched_at=cached.fetched_at, from_cache=True, stale=stale
        )
        return _Text(cached.text, provenance)

    def _miss_message(self, table: str, reason: str) -> str:
        folder = self.cache.folder if self.cache is not None else None
        where = f"i cachen ({folder})" if folder is not None else "(ingen cache)"
        return (
            f"Statistikbanken kan ikke nås: {reason}, og forespørgslen til tabel "
            f"{table} findes ikke {where}. Hent tallene, når der er netværk."
        )

    def _exchange(self, url: str, body: Mapping[str, Any], *, table: str) -> str:
        """One request with pacing and retries; ConnectionError passes through."""
        request = HttpRequest(
            url=url, body=json.dumps(body, ensure_ascii=False).encode("utf-8")
        )
        last_problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_turn()
            self.network_calls += 1
            try:
                response = self.transport(request, timeout=self.timeout)
            except TimeoutError:
                last_problem = f"intet svar inden for {self.timeout:g} sekunder"
                continue
            finally:
                self._last_call = self.monotonic()
            if 200 <= response.status < 300:
                return response.body.decode("utf-8-sig")
            if 400 <= response.status < 500:
                raise StatBankRequestError(
                    status=response.status,
                    message=dst_message(response.body),
                    table=table,
                )
            last_problem = f"HTTP {response.status}"
        raise StatBankUnavailableError(
            f"Statistikbanken svarede ikke brugbart på forespørgslen til tabel {table} "
            f"({last_problem}) efter {self.retries + 1} forsøg. Prøv igen senere."
        )

    def _wait_for_turn(self) -> None:
        if self._last_call is None or self.pause <= 0:
            return
        waited = self.monotonic() - self._last_call
        if waited < self.pause:
            self.sleep(self.pause - waited)


_PERIOD = re.compile(r"^\d{4}([KQ][1-4]|M(0[1-9]|1[0-2]))?$")


def _period(code: str) -> str:
    if not _PERIOD.match(code):
        raise ValueError(f"not a StatBank period (2024, 2025K1, 2024M05): {code!r}")
    return code


def time_from(period: str) -> str:
    """Every period from ``period`` on: ``">=2015"``."""
    return f">={_period(period)}"


def time_to(period: str) -> str:
    """Every period up to ``period``: ``"<=2024"``."""
    return f"<={_period(period)}"


def time_between(first: str, last: str) -> str:
    """Periods from ``first`` to ``last``: ``">=2010K1<=2015K4"``."""
    return f">={_period(first)}<={_period(last)}"


def time_newest(count: int = 1) -> str:
    """The newest period ``"(1)"``, or the newest ``count`` periods ``"(-n+3)"``."""
    if count < 1:
        raise ValueError("count must be at least 1")
    return "(1)" if count == 1 else f"(-n+{count})"


def time_oldest(count: int) -> str:
    """The oldest ``count`` periods: ``"-(-n+3)"``."""
    if count < 1:
        raise ValueError("count must be at least 1")
    return f"-(-n+{count})"


def dst_message(body: bytes) -> str:
    """DST's error text from an error answer (JSON ``message`` or the plain text)."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        raw = json.loads(text)
    except ValueError:
        if text.startswith("<"):  # an HTML error page: keep its words only
            text = re.sub(r"<[^>]*>", " ", text)
        return " ".join(text.split())[:500] or "(intet svar)"
    if isinstance(raw, dict):
        for key in ("message", "Message", "errorMessage"):
            if isinstance(raw.get(key), str) and raw[key].strip():
                return str(raw[key]).strip()[:500]
    return text[:500]


def _tableinfo_from_json(raw: Mapping[str, Any], provenance: Provenance) -> TableInfo:
    variables = tuple(
        TableVariable(
            id=str(variable["id"]),
            text=str(variable.get("text", "")),
            values=tuple(
                TableValue(id=str(value["id"]), text=str(value.get("text", "")))
                for value in variable["values"]
            ),
            elimination=bool(variable.get("elimination", False)),
            time=bool(variable.get("time", False)),
        )
        for variable in raw["variables"]
    )
    return TableInfo(
        id=str(raw["id"]),
        text=str(raw.get("text", "")),
        unit=str(raw.get("unit", "")),
        updated=str(raw.get("updated", "")),
        variables=variables,
        provenance=provenance,
    )
