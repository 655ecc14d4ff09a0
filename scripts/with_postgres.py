#!/usr/bin/env python3
"""Runs one command against a throwaway PostgreSQL server.

Usage: ``scripts/with_postgres.py [--durable] -- pytest -m "not e2e" -n auto``

A fresh cluster is made in a temporary directory (trust auth, superuser
``parathed``, UTF8, locale C, no fsync; with ``--durable`` fsync, synchronous_commit
and full_page_writes stay on as in production, for benchmarks), listens on
127.0.0.1 at a free port and on a unix socket inside that directory, and gets a
database ``parathed``. The command runs with ``DATABASE_URL`` (and
``PGHOST``/``PGPORT``/``PGUSER``/``PGDATABASE``) set to it. The server is stopped and
the directory removed afterwards, also on failure or Ctrl-C, and the script exits
with the command's exit code.

PostgreSQL refuses to run as root, so under root the server runs as the
``postgres`` user and the directory belongs to it. Standard library only, so it
works before the project's virtualenv exists.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

USER = "parathed"
DATABASE = "parathed"
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
}
# What production keeps on (PostgreSQL's defaults): a commit is on disk when it is
# acknowledged. Benchmarks use these, so that a save costs what it costs in production.
DURABLE_SETTINGS = {
    "fsync": "on",
    "synchronous_commit": "on",
    "full_page_writes": "on",
}


def find_bindir() -> Path:
    """Returns the directory holding ``initdb`` and ``postgres``; exits if none."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(result.stdout.strip())
    # Newest major version first: /usr/lib/postgresql/15/bin sorts by its 15.
    versions = [Path(p).parent.name for p in glob.glob("/usr/lib/postgresql/*/bin")]
    for version in sorted(filter(str.isdigit, versions), key=int, reverse=True):
        candidates.append(f"/usr/lib/postgresql/{version}/bin")
    for candidate in candidates:
        if candidate and all(
            (Path(candidate) / tool).is_file() for tool in ("initdb", "postgres")
        ):
            return Path(candidate)
    sys.exit(
        "with_postgres: PostgreSQL server binaries (initdb, postgres) not found in "
        "`pg_config --bindir` or /usr/lib/postgresql/*/bin.\n"
        "Install them with `make system-deps` (Debian package: postgresql)."
    )


def free_port() -> int:
    """Returns a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_user_kwargs() -> dict[str, Any]:
    """Returns Popen arguments that drop root to ``postgres``; empty if not root."""
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        sys.exit(
            "with_postgres: running as root, but there is no `postgres` user to run "
            "the server as (PostgreSQL refuses root). Install the Debian package "
            "postgresql, which creates it, or run as a normal user."
        )
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


@contextlib.contextmanager
def postgres_server(*, durable: bool = False) -> Iterator[int]:
    """Starts a throwaway server, yields its port, then stops and deletes it."""
    bindir = find_bindir()
    as_user = server_user_kwargs()
    # Under root the server user must reach the directory, so keep it out of a
    # private TMPDIR; mkdtemp makes it 0700 with a random name, the risk S108 means.
    tmp_root = "/tmp" if as_user else None  # noqa: S108
    tmp = Path(tempfile.mkdtemp(prefix="pg-", dir=tmp_root))
    data, log = tmp / "data", tmp / "server.log"
    server: subprocess.Popen[bytes] | None = None
    try:
        if as_user:
            os.chown(tmp, as_user["user"], as_user["group"])
        initdb = [
            str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER,
            "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        ]  # fmt: skip
        result = subprocess.run(
            initdb, cwd=tmp, capture_output=True, text=True, check=False, **as_user
        )
        if result.returncode != 0:
            sys.exit(f"with_postgres: initdb failed:\n{result.stdout}{result.stderr}")

        port = free_port()
        command = [str(bindir / "postgres"), "-D", str(data), "-p", str(port)]
        command += ["-k", str(tmp)]
        settings = SERVER_SETTINGS | (DURABLE_SETTINGS if durable else {})
        for name, value in settings.items():
            command += ["-c", f"{name}={value}"]
        with log.open("wb") as log_file:
            # A session of its own, so a Ctrl-C in the terminal reaches the command
            # only; the server is stopped below, after the command has finished.
            server = subprocess.Popen(
                command,
                cwd=tmp,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **as_user,
            )
        wait_until_ready(bindir, port, server, log)
        createdb = [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port)]
        subprocess.run([*createdb, "-U", USER, DATABASE], check=True)
        yield port
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(tmp, ignore_errors=True)


def wait_until_ready(
    bindir: Path, port: int, server: subprocess.Popen[bytes], log: Path
) -> None:
    """Returns once the server accepts connections; exits if it dies or hangs."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"with_postgres: server exited early:\n{log.read_text()}")
        ready = subprocess.run(
            [str(bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)],
            check=False,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.1)
    sys.exit(f"with_postgres: not ready in {START_TIMEOUT_S} s:\n{log.read_text()}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stops the server with a fast shutdown (SIGINT), killing it if that hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run(command: list[str], env: dict[str, str]) -> int:
    """Runs the command to its end and returns its exit code (128+N on signal N)."""
    try:
        proc = subprocess.Popen(command, env=env)
    except FileNotFoundError:
        print(f"with_postgres: command not found: {command[0]}", file=sys.stderr)
        return 127

    def forward(signum: int, _frame: object) -> None:
        proc.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)
    interrupts = 0
    while True:
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            # The terminal sent SIGINT to the command as well; let it finish its
            # own cleanup, and give up on it at a second Ctrl-C.
            interrupts += 1
            if interrupts > 1:
                proc.kill()
            continue
        return 128 - code if code < 0 else code


def main(argv: list[str]) -> int:
    """Parses ``[--durable] [--] COMMAND...``, runs COMMAND against a fresh server,
    returns its code."""
    durable = bool(argv) and argv[0] == "--durable"
    if durable:
        argv = argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    # Until the command runs, SIGTERM ends this script through the cleanup above.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with postgres_server(durable=durable) as port:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=f"postgres://{USER}@127.0.0.1:{port}/{DATABASE}",
            PGHOST="127.0.0.1",
            PGPORT=str(port),
            PGUSER=USER,
            PGDATABASE=DATABASE,
        )
        return run(argv, env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
