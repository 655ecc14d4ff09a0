"""Respondent benchmark (issue #4): simulated respondents against gunicorn.

For each database (SQLite, and PostgreSQL through ``scripts/with_postgres.py
--durable``: fsync and synchronous_commit on, as in production) a fresh database is
migrated and loaded with a small demo partnership (``parathed demo
--no-serve``), gunicorn serves the project's WSGI app on 127.0.0.1, and
``--respondents`` simulated respondents (aiohttp, one cookie jar each) take the survey
links of ``parathed links``. Respondents arrive spread over ``--ramp-s`` seconds and
think ``--think-min-s`` to ``--think-max-s`` seconds before each POST. With
``--duration-s`` each simulated user starts again as a new respondent (a fresh browser)
after each completion until that time is over, so the load holds for the whole run:
reliability.md P1 (300 users, 5–15 s think time, 15 minutes) is
``--duration-s 900 --think-min-s 5 --think-max-s 15``.

A respondent behaves like a browser and knows nothing of the flow's pages: it opens
``/s/<token>/``, follows redirects, and on every page fills the POST form it finds
(hidden inputs and the CSRF token as given, one value per radio group, short text in
text inputs and textareas, the first option of a select, the forward-most submit
button) and posts it, until a page has no form left: the completion page. So it runs
today's one-page questionnaire and a multi-page flow with autosave alike. Every request
is timed from its first attempt to its answer (a retry after a connection error is
part of its latency).

In the middle of the run (``--kill``, on by default: once ``--kill-after`` of the
respondents, or with ``--duration-s`` of the duration, is over) every gunicorn worker
gets ``kill -9``; the master starts new ones and respondents retry requests that failed
on the connection. Afterwards the database is checked: every POST that was acknowledged
(2xx or 3xx) must be stored, that is the number of submitted responses grew by at least
the number of acknowledged submits, and the stored answers at least by the number of
answers in acknowledged POSTs (whether they came with the final submit or with a page
save). Last, ``scripts/cpr_scan.py`` scans the database, the gunicorn log and the demo's
decks.

Errors: respondents who did not reach the completion page, answers with status 400 or
above, acknowledged saves not found in the database, CPR-shaped strings found, and on
SQLite a ``PRAGMA integrity_check`` that is not "ok" (reliability.md P2).

The last line (one per database, ``--db both`` prints both last)::

    BENCH respondents p95_ms=<ms> p99_ms=<ms> errors=<n> db=<sqlite|postgresql>
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEMO_SLUG = "demo-boernene-foerst"
MAX_PAGES = 40
MAX_ATTEMPTS = 40
RETRY_PAUSE_S = 0.25
REQUEST_TIMEOUT_S = 60
BACK_WORDS = ("back", "prev", "tilbage", "forrige", "cancel", "annuller", "afbryd")
FORWARD_WORDS = ("submit", "send", "finish", "next", "næste", "fortsæt", "indsend")
TEXTS = ("Vi mangler tid til opfølgning.", "Godt samarbejde med skolen.", "Ingen.")


# --- Forms as a browser sees them --------------------------------------------------


@dataclass
class Form:
    """One <form>: where it posts and the controls a browser would send."""

    method: str
    action: str
    hidden: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    checkboxes: list[tuple[str, str, bool, bool]] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)
    selects: dict[str, list[str]] = field(default_factory=dict)
    buttons: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # name, value, text


class FormParser(HTMLParser):
    """Collects every form of a page with its controls."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._button: tuple[str, str] | None = None
        self._button_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(
                method=a.get("method", "get").lower(), action=a.get("action", "")
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if "disabled" in a or (not name and kind not in ("submit", "image")):
                return
            if kind == "hidden":
                form.hidden.append((name, a.get("value", "")))
            elif kind == "radio":
                form.radios.setdefault(name, []).append(
                    (a.get("value", "on"), "checked" in a)
                )
            elif kind == "checkbox":
                form.checkboxes.append(
                    (name, a.get("value", "on"), "checked" in a, "required" in a)
                )
            elif kind in ("submit", "image"):
                form.buttons.append((name, a.get("value", ""), a.get("value", "")))
            elif kind not in ("button", "reset", "file", "password"):
                form.texts.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
        elif tag == "select" and name:
            self._select = name
            form.selects[name] = []
        elif tag == "option" and self._select is not None:
            form.selects[self._select].append(a.get("value", ""))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._button = (name, a.get("value", ""))
            self._button_text = []

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form:
            self._form.texts.append((self._textarea, ""))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "button" and self._button is not None and self._form:
            name, value = self._button
            self._form.buttons.append((name, value, "".join(self._button_text)))
            self._button = None


def page_form(html: str) -> Form | None:
    """Returns the page's POST form with the most radio groups, or None."""
    parser = FormParser()
    parser.feed(html)
    posts = [f for f in parser.forms if f.method == "post"]
    posts = [f for f in posts if "logout" not in f.action and "log-ud" not in f.action]
    if not posts:
        return None
    return max(posts, key=lambda f: (len(f.radios), len(f.hidden)))


def fill(form: Form, rng: random.Random) -> list[tuple[str, str]]:
    """Returns what a respondent sends: one answer per group, the forward button."""
    data = list(form.hidden)
    for name, options in form.radios.items():
        values = [value for value, _ in options]
        # Mostly a scale answer; now and then "ved ikke" (the last option).
        data.append((name, rng.choice(values[:-1] if len(values) > 2 else values)))
    for name, value, checked, required in form.checkboxes:
        if checked or required:
            data.append((name, value))
    for name, _ in form.texts:
        data.append((name, rng.choice(TEXTS)))
    for name, choices in form.selects.items():
        filled = [choice for choice in choices if choice]
        if filled:
            data.append((name, filled[0]))
    button = forward_button(form.buttons)
    if button is not None and button[0]:
        data.append((button[0], button[1]))
    return data


def forward_button(buttons: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    """Picks the submit button that moves the respondent on, never "back"."""

    def words(button: tuple[str, str, str]) -> str:
        return " ".join(button).lower()

    ahead = [b for b in buttons if not any(w in words(b) for w in BACK_WORDS)]
    if not ahead:
        return None
    named = [b for b in ahead if any(w in words(b) for w in FORWARD_WORDS)]
    name, value, _ = (named or ahead)[-1]
    return name, value


# --- Respondents --------------------------------------------------------------------


@dataclass
class Sample:
    """One request as the respondent saw it."""

    method: str
    status: int
    ms: float
    attempts: int
    at_s: float  # when the first attempt started, from the start of the run
    path: str  # tokens masked


@dataclass
class Run:
    """Everything measured in one run."""

    samples: list[Sample] = field(default_factory=list)
    completed: int = 0
    failed: int = 0
    bad_status: int = 0
    acked_submits: int = 0
    acked_answers: int = 0
    retries: int = 0
    killed_workers: int = 0
    killed_at_s: float = 0.0
    in_flight: int = 0
    in_flight_at_kill: int = 0
    # Why each failed respondent stopped: exception name, "status N" or "no form".
    failures: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)


class GaveUpError(Exception):
    """A request failed on the connection every time it was tried."""


async def send(
    session: aiohttp.ClientSession,
    run: Run,
    method: str,
    url: str,
    data: list[tuple[str, str]] | None = None,
) -> tuple[int, str, str]:
    """Sends one request, retrying connection failures; returns status, body, URL."""
    started = time.perf_counter()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        run.in_flight += 1
        try:
            async with session.request(
                method, url, data=data, allow_redirects=False
            ) as response:
                body = await response.text()
                location = response.headers.get("Location", "")
                status = response.status
        except (
            TimeoutError,
            aiohttp.ClientConnectionError,
            aiohttp.ClientPayloadError,
        ):
            # A worker killed mid-response cuts the body off (ClientPayloadError);
            # like a person reloading, the respondent sends it again: every
            # respondent request is idempotent on the server (reads, upserted page
            # saves, an idempotent submit).
            run.retries += 1
            await asyncio.sleep(RETRY_PAUSE_S)
            continue
        finally:
            run.in_flight -= 1
        ms = (time.perf_counter() - started) * 1000
        path = re.sub(r"/s/[^/]+/", "/s/<token>/", urlsplit(url).path)
        run.samples.append(
            Sample(method, status, ms, attempt, started - run.started, path)
        )
        if status >= 400:
            run.bad_status += 1
        return status, body, urljoin(url, location) if location else url
    raise GaveUpError(method)


async def respondent(
    index: int,
    link: str,
    delay: float,
    think: tuple[float, float],
    items: frozenset[str],
    run: Run,
    until: float | None = None,
) -> None:
    """One simulated user: waits ``delay`` seconds, then answers the questionnaire
    from the link to the completion page; with ``until`` (a ``perf_counter`` time)
    starts again as a new respondent (a fresh browser) until that time has passed."""
    await asyncio.sleep(delay)
    rounds = 0
    while True:
        seed = index if rounds == 0 else f"{index}-{rounds}"
        await questionnaire(random.Random(seed), link, think, items, run)  # noqa: S311
        rounds += 1
        if until is None or time.perf_counter() >= until:
            return


async def questionnaire(
    rng: random.Random,
    link: str,
    think: tuple[float, float],
    items: frozenset[str],
    run: Run,
) -> None:
    """One respondent, in a browser of their own, from the link to the completion
    page."""
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    answered: set[str] = set()
    submitted = False
    reason = "no form"
    try:
        async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as session:
            status, body, url = await send(session, run, "GET", link)
            for _ in range(MAX_PAGES):
                while 300 <= status < 400:
                    status, body, url = await send(session, run, "GET", url)
                if status != 200:
                    reason = f"status {status}"
                    break
                # Parsed off the event loop, so the loop closes finished connections
                # at once: gunicorn's sync worker waits for that close (up to 2 s).
                form = await asyncio.to_thread(page_form, body)
                if form is None:
                    submitted = bool(answered)
                    break
                data = fill(form, rng)
                await asyncio.sleep(rng.uniform(*think))
                action = urljoin(url, form.action) if form.action else url
                status, body, url = await send(session, run, "POST", action, data)
                if status < 400:
                    posted = {name for name, _ in data} & items
                    run.acked_answers += len(posted - answered)
                    answered |= posted
    except (GaveUpError, aiohttp.ClientError) as error:
        reason = type(error).__name__
    finally:
        # Reaching the completion page means the last POST, the submit, was
        # acknowledged; the database must hold a submitted response for it.
        if submitted:
            run.completed += 1
            run.acked_submits += 1
        else:
            run.failed += 1
            run.failures[reason] = run.failures.get(reason, 0) + 1


# --- The server and the database ------------------------------------------------------


def free_port() -> int:
    """Returns a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def worker_pids(master: int) -> list[int]:
    """Returns the pids of the gunicorn master's children (its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == master:
                pids.append(int(entry.name))
    return pids


def process_state(pid: int) -> str:
    """The process's state letter (R running, S sleeping, …); "" if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], port: int, workers: int, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Runs gunicorn with the project's WSGI app until the block ends."""
    from parathed.cli.web import gunicorn_arguments

    # The same gunicorn settings as ``parathed serve``.
    command = [
        sys.executable, "-m", "gunicorn",
        *gunicorn_arguments(port=port, workers=workers),
    ]  # fmt: skip
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"gunicorn exited early:\n{log.read_text()}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                if len(worker_pids(server.pid)) >= workers:
                    break
            time.sleep(0.2)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def prepare(env: dict[str, str], out: Path, port: int) -> list[str]:
    """Migrates, loads a small demo partnership, returns its open survey links."""
    parathed = str(BIN / "parathed")
    subprocess.run(
        [
            parathed,
            "demo",
            "--no-serve",
            "--municipalities",
            "2",
            "--respondents",
            "2",
            "--out",
            str(out),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    listed = subprocess.run(
        [
            parathed,
            "links",
            "--partnership",
            DEMO_SLUG,
            "--base-url",
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        match.group(1)
        for line in listed.splitlines()
        if (match := re.search(r"(http://\S+/s/\S+/)", line)) and "lukket" not in line
    ]


def stored_counts() -> tuple[int, int]:
    """Returns (submitted responses, stored answers) in the database now."""
    from parathed.web.survey.models import Answer, Response

    submitted = Response.objects.filter(status=Response.Status.SUBMITTED).count()
    return submitted, Answer.objects.count()


def integrity() -> str:
    """SQLite's ``PRAGMA integrity_check`` after the kill (reliability.md P2): "ok"
    when the database file is sound; on PostgreSQL "not applicable" (a killed app
    process cannot damage the server's files)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return "not applicable"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        return "; ".join(str(row[0]) for row in cursor.fetchall())


def server_settings() -> str:
    """Returns the PostgreSQL settings that decide what a commit costs."""
    from django.db import connection

    names = ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")
    with connection.cursor() as cursor:
        values = []
        for name in names:
            cursor.execute(f"SHOW {name}")
            values.append(f"{name}={cursor.fetchone()[0]}")
    return " ".join(values)


def item_ids() -> frozenset[str]:
    """Returns the ids of every questionnaire item of the published instrument."""
    from parathed.instrument.loader import load_instrument

    return frozenset(item.id for item in load_instrument().items)


def cpr_scan(paths: list[Path], database_url: str | None) -> tuple[int, str]:
    """Runs scripts/cpr_scan.py over the run's output; returns (hits, summary)."""
    spec = importlib.util.spec_from_file_location(
        "cpr_scan", ROOT / "scripts" / "cpr_scan.py"
    )
    if spec is None or spec.loader is None:
        sys.exit("scripts/cpr_scan.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["cpr_scan"] = module
    spec.loader.exec_module(module)
    scan = module.Scan()
    if database_url:
        module.scan_database_url(scan, database_url)
    for path in paths:
        for file in module.walk(path):
            module.scan_file(scan, file)
    kinds = sorted({source.kind for source in scan.sources})
    summary = (
        f"cpr_scan: {len(scan.sources)} sources ({', '.join(kinds)}), "
        f"{len(scan.hits)} CPR-shaped, {len(scan.errors)} errors"
    )
    for hit in scan.hits:
        summary += f"\n  CPR-SHAPED: {hit}"
    return len(scan.hits), summary


# --- One run ----------------------------------------------------------------------


async def drive(
    links: list[str],
    args: argparse.Namespace,
    master: int,
    items: frozenset[str],
) -> Run:
    """Runs every simulated user; kills the workers once a share of the respondents
    has finished (with ``--duration-s``: once that share of the duration is over)."""
    run = Run()
    rng = random.Random(args.seed)  # noqa: S311 (arrival times)
    think = (args.think_min_s, args.think_max_s)
    until = run.started + args.duration_s if args.duration_s else None
    tasks = [
        asyncio.create_task(
            respondent(
                i,
                links[i % len(links)],
                rng.uniform(0, args.ramp_s),
                think,
                items,
                run,
                until,
            )
        )
        for i in range(args.respondents)
    ]
    if args.kill:
        while (
            time.perf_counter() < run.started + args.duration_s * args.kill_after
            if until
            else run.completed + run.failed < args.respondents * args.kill_after
        ):
            if all(task.done() for task in tasks):
                break
            await asyncio.sleep(0.05)
        # Kill while a worker is running a request, if one does within five seconds.
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline and not any(
            process_state(pid) == "R" for pid in worker_pids(master)
        ):
            await asyncio.sleep(0.002)
        run.in_flight_at_kill = run.in_flight
        pids = worker_pids(master)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        run.killed_workers = len(pids)
        run.killed_at_s = time.perf_counter() - run.started
    await asyncio.gather(*tasks)
    return run


async def warm_up(links: list[str], workers: int) -> None:
    """Opens a link a few times per worker, untimed: each worker loads Django, the
    instrument and the templates on its first request. Leaves a few draft responses.
    """
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as session:

        async def one(url: str) -> None:
            async with session.get(url) as response:
                await response.read()

        for _ in range(2):
            await asyncio.gather(*(one(links[-1]) for _ in range(workers * 2)))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def run_one(args: argparse.Namespace) -> int:
    """Benchmarks one database (the one DATABASE_URL names, or a fresh SQLite)."""
    db = args.db
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-respondents-{db}-"))
    env = dict(os.environ)
    env["PARATHED_VAR_DIR"] = str(tmp / "var")
    env.pop("SECRET_KEY", None)
    env["DEBUG"] = "0"
    if db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    elif not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--db postgresql needs DATABASE_URL (scripts/with_postgres.py)")
    port = free_port()
    started = time.perf_counter()
    links = prepare(env, tmp / "out", port)
    print(
        f"{db}: demo database ready in {time.perf_counter() - started:.1f} s, ", end=""
    )
    print(f"{len(links)} open survey links")

    os.environ.update(
        DATABASE_URL=env["DATABASE_URL"], PARATHED_VAR_DIR=env["PARATHED_VAR_DIR"]
    )
    from parathed.cli._django import setup_django

    setup_django()
    items = item_ids()
    submitted_before, answers_before = stored_counts()
    if db == "postgresql":
        print(f"{db}: server {server_settings()}")

    log = tmp / "gunicorn.log"
    if args.workers is None:
        from parathed.cli.web import default_workers

        args.workers = default_workers()
    with gunicorn(env, port, args.workers, log) as server:
        asyncio.run(warm_up(links, args.workers))
        run = asyncio.run(drive(links, args, server.pid, items))
        elapsed = time.perf_counter() - run.started
    from django.db import connections

    connections.close_all()
    submitted_after, answers_after = stored_counts()
    stored_submits = submitted_after - submitted_before
    stored_answers = answers_after - answers_before
    lost = max(0, run.acked_submits - stored_submits) + max(
        0, run.acked_answers - stored_answers
    )
    checked = integrity()
    hits, scan_summary = cpr_scan(
        [tmp / "bench.sqlite3", log, tmp / "out"]
        if db == "sqlite"
        else [log, tmp / "out"],
        None if db == "sqlite" else env["DATABASE_URL"],
    )

    all_ms = [s.ms for s in run.samples]
    gets = [s.ms for s in run.samples if s.method == "GET"]
    posts = [s.ms for s in run.samples if s.method == "POST"]
    p50, p95, p99 = (percentile(all_ms, q) for q in (0.50, 0.95, 0.99))
    errors = (
        run.failed
        + run.bad_status
        + lost
        + hits
        + (checked not in ("ok", "not applicable"))
    )
    print(
        f"{db}: {args.respondents} "
        + (
            f"simulated users for {args.duration_s:.0f} s "
            f"({run.completed + run.failed} respondents), "
            if args.duration_s
            else "respondents, "
        )
        + f"{args.workers} gunicorn workers, "
        f"{len(run.samples)} requests in {elapsed:.1f} s "
        f"({len(run.samples) / elapsed:.0f}/s); completed {run.completed}, "
        f"failed {run.failed}, status >= 400: {run.bad_status}"
        + (f" (failed: {run.failures})" if run.failures else "")
    )
    print(
        f"{db}: latency ms all p50={p50:.0f} p95={p95:.0f} p99={p99:.0f} "
        f"max={max(all_ms):.0f}; GET median={statistics.median(gets):.0f} "
        f"p95={percentile(gets, 0.95):.0f}; POST median={statistics.median(posts):.0f} "
        f"p95={percentile(posts, 0.95):.0f}"
    )
    if args.kill and run.killed_workers:
        kill = run.killed_at_s
        after = [x.at_s + x.ms / 1000 for x in run.samples if x.at_s >= kill]
        back = min(after, default=kill)
        calm = [
            x.ms
            for x in run.samples
            if not (x.at_s <= back and x.at_s + x.ms / 1000 >= kill)
        ]
        print(
            f"{db}: gunicorn served again {back - kill:.1f} s after the kill "
            f"(workers fork from the preloaded master); "
            f"{len(all_ms) - len(calm)} requests "
            f"overlapped that; the other {len(calm)}: p50={percentile(calm, 0.5):.0f} "
            f"p95={percentile(calm, 0.95):.0f} p99={percentile(calm, 0.99):.0f} ms"
        )
        print(
            f"{db}: kill -9 of {run.killed_workers} workers at "
            f"{run.killed_at_s:.1f} s with {run.in_flight_at_kill} requests in flight; "
            f"{run.retries} connection retries, "
            f"{sum(s.attempts > 1 for s in run.samples)} requests needed one"
        )
    print(
        f"{db}: acknowledged submits {run.acked_submits}, submitted responses stored "
        f"{stored_submits}; acknowledged answers {run.acked_answers}, stored "
        f"{stored_answers}; acknowledged but lost: {lost}; integrity check: {checked}"
    )
    print(f"{db}: {scan_summary}")
    for sample in run.samples:
        if sample.status >= 400:
            print(
                f"{db}: status {sample.status} on {sample.method} {sample.path} "
                f"at {sample.at_s:.1f} s, attempt {sample.attempts}"
            )
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"BENCH respondents p95_ms={p95:.0f} p99_ms={p99:.0f} errors={errors} db={db}"
    )
    return 0


def main() -> int:
    """Parses options; runs one database here, or each in a child process."""
    parser = argparse.ArgumentParser(description="Simulated respondents on gunicorn.")
    parser.add_argument(
        "--db", choices=("sqlite", "postgresql", "both"), default="both"
    )
    parser.add_argument("--respondents", type=int, default=300)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn workers (default: as parathed serve, one per core, at least 2)",
    )
    parser.add_argument("--ramp-s", type=float, default=60.0)
    parser.add_argument("--think-min-s", type=float, default=0.5)
    parser.add_argument("--think-max-s", type=float, default=2.0)
    parser.add_argument(
        "--duration-s",
        type=float,
        default=0.0,
        help="keep each simulated user answering (a new respondent each time) "
        "until this many seconds have passed; 0: one questionnaire each",
    )
    parser.add_argument("--kill", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument(
        "--kill-after",
        type=float,
        default=0.4,
        help="share of respondents finished (with --duration-s: share of the "
        "duration over) before the kill -9",
    )
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--keep", action="store_true", help="keep the database, log and decks"
    )
    args, _ = parser.parse_known_args()
    if args.db == "sqlite" or (
        args.db == "postgresql"
        and os.environ.get("DATABASE_URL", "").startswith("postgres")
    ):
        return run_one(args)
    return run_children(args)


def run_children(args: argparse.Namespace) -> int:
    """Runs each database in a child; echoes its lines, prints BENCH lines last."""
    databases = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    passed = [a for a in sys.argv[1:] if not a.startswith("--db")]
    if "--db" in sys.argv:
        at = sys.argv.index("--db")
        passed = sys.argv[1:at] + sys.argv[at + 2 :]
    bench_lines: list[str] = []
    code = 0
    for db in databases:
        command = [sys.executable, __file__, "--db", db, *passed]
        if db == "postgresql":
            # fsync and synchronous_commit on, as in production: a save is
            # acknowledged once it is on disk (scripts/with_postgres.py --durable).
            command = [sys.executable, str(ROOT / "scripts" / "with_postgres.py")]
            command += ["--durable", "--"]
            command += [sys.executable, __file__, "--db", db, *passed]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        with subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, text=True
        ) as child:
            for line in child.stdout or ():
                if line.startswith("BENCH "):
                    bench_lines.append(line.rstrip("\n"))
                else:
                    print(line, end="", flush=True)
        code = code or child.returncode
    for line in bench_lines:
        print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
