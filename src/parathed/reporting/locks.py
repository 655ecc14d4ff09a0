"""File locks that the death of their process releases. No Django.

``Slots``: a fixed number of slot files in one directory; a holder has an exclusive
``fcntl.flock`` on one of them. Every process (and every thread: each takes its own
open file) that uses the same directory shares the limit, so it holds machine-wide,
and the kernel drops the lock when the holder exits, even by kill -9: a dead process
never keeps a slot.

``process_mark``: a random id for this process, backed by a lock file it holds for
its lifetime; ``mark_alive`` tells from any process on the machine whether the
process behind a mark still runs (no pid reuse can fool it).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path

_MARK = re.compile(r"[0-9a-f]{32}")


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on ``path``, or None if taken."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


class SlotTimeoutError(TimeoutError):
    """No slot became free within the time allowed."""


class Slots:
    """At most ``count`` holders at once among all processes using ``directory``."""

    def __init__(self, directory: Path, count: int, *, name: str = "slot") -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        self.directory = directory
        self.count = count
        self.name = name

    def _path(self, index: int) -> Path:
        return self.directory / f"{self.name}-{index}.lock"

    def try_acquire(self) -> int | None:
        """Takes a free slot and returns its descriptor (give it to ``release``),
        or None when all ``count`` slots are held."""
        self.directory.mkdir(parents=True, exist_ok=True)
        # Start at a different slot per caller, so waiters do not all probe slot 0.
        start = secrets.randbelow(self.count)
        for step in range(self.count):
            fd = _try_lock(self._path((start + step) % self.count))
            if fd is not None:
                return fd
        return None

    @staticmethod
    def release(fd: int) -> None:
        """Frees the slot held by ``fd``."""
        os.close(fd)  # closing the only descriptor drops the flock

    @contextlib.contextmanager
    def hold(
        self, *, timeout_s: float | None = None, poll_s: float = 0.05
    ) -> Iterator[None]:
        """Waits for a slot (polling every ``poll_s``, up to ``timeout_s`` when
        given, else without end), holds it inside the block, then frees it."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while (fd := self.try_acquire()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise SlotTimeoutError(f"no free {self.name} within {timeout_s:g} s")
            time.sleep(poll_s)
        try:
            yield
        finally:
            self.release(fd)


_MARKS: dict[tuple[int, Path], tuple[str, int]] = {}
_MARKS_LOCK = threading.Lock()


def process_mark(directory: Path) -> str:
    """This process's mark in ``directory``: a random hex id whose lock file
    ``<directory>/<id>.lock`` the process holds until it exits.

    The same id is returned on every call in the same process and directory; a
    forked child gets its own. Taking a new mark removes the lock files of marks
    whose processes are gone, so the folder holds about one file per live process.
    """
    key = (os.getpid(), directory.resolve())
    with _MARKS_LOCK:
        found = _MARKS.get(key)
        if found is not None:
            return found[0]
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("*.lock"):  # marks of processes gone meanwhile
            mark_alive(directory, old.stem)
        mark = secrets.token_hex(16)
        # Locked under a temporary name, then renamed: a ``.lock`` file is held from
        # the moment it appears, so a check or sweep never takes a starting mark.
        starting = directory / f"{mark}.starting"
        fd = _try_lock(starting)
        if fd is None:  # a fresh random name is never held
            raise RuntimeError("a new process mark is already locked")
        starting.rename(directory / f"{mark}.lock")
        _MARKS[key] = (mark, fd)
        return mark


def mark_alive(directory: Path, mark: str) -> bool:
    """Whether the process that took ``mark`` in ``directory`` still runs.

    False when its lock file is missing or nobody holds it (the lock file is then
    removed). Call it only for marks taken on this machine.
    """
    if not _MARK.fullmatch(mark):
        return False
    path = directory / f"{mark}.lock"
    if not path.is_file():
        return False
    fd = _try_lock(path)
    if fd is None:
        return True
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    os.close(fd)
    return False
