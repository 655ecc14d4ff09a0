"""Machine-wide slots and process marks, with real processes killed by kill -9."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from parathed.reporting.jobs import pdf_slots
from parathed.reporting.locks import (
    Slots,
    SlotTimeoutError,
    mark_alive,
    process_mark,
)

HOLDER = """
import sys, time
from pathlib import Path
from parathed.reporting.locks import Slots
slots = Slots(Path(sys.argv[1]), int(sys.argv[2]))
with slots.hold(poll_s=0.02):
    print("held", flush=True)
    time.sleep(600)
"""

MARKER = """
import sys, time
from pathlib import Path
from parathed.reporting.locks import process_mark
print(process_mark(Path(sys.argv[1])), flush=True)
time.sleep(600)
"""


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
    )


def _line_within(process: subprocess.Popen[str], seconds: float) -> str | None:
    """The process's next stdout line if it comes within ``seconds``, else None."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    return process.stdout.readline().strip() if ready else None


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_processes_never_hold_more_slots_than_the_limit_and_kill_9_frees_one(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    slots = Slots(tmp_path, 2)
    first = _spawn(HOLDER, str(tmp_path), "2")
    processes.append(first)
    assert _line_within(first, 20) == "held"
    second = _spawn(HOLDER, str(tmp_path), "2")
    processes.append(second)
    assert _line_within(second, 20) == "held"
    third = _spawn(HOLDER, str(tmp_path), "2")
    processes.append(third)
    # Both slots are held by other processes: neither a third process nor this
    # one gets one.
    assert _line_within(third, 1.5) is None
    assert slots.try_acquire() is None
    with pytest.raises(SlotTimeoutError), slots.hold(timeout_s=0.2):
        pass
    killed_at = time.monotonic()
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert _line_within(third, 5) == "held"
    assert time.monotonic() - killed_at < 2  # free again at once, not after a timeout
    assert slots.try_acquire() is None  # second and third hold both
    os.kill(second.pid, signal.SIGKILL)
    second.wait()
    fd = slots.try_acquire()
    assert fd is not None
    Slots.release(fd)


def test_threads_of_one_process_share_the_limit(tmp_path: Path) -> None:
    slots = Slots(tmp_path, 1)
    fd = slots.try_acquire()
    assert fd is not None
    assert slots.try_acquire() is None
    Slots.release(fd)
    again = slots.try_acquire()
    assert again is not None
    Slots.release(again)


def test_pdf_slots_are_one_per_core_in_the_given_folder(tmp_path: Path) -> None:
    slots = pdf_slots(tmp_path)
    held = [slots.try_acquire() for _ in range(os.cpu_count() or 1)]
    assert None not in held
    assert slots.try_acquire() is None
    assert len(list(tmp_path.glob("pdf-slot-*.lock"))) == len(held)
    for fd in held:
        assert fd is not None
        Slots.release(fd)


def test_a_mark_lives_exactly_as_long_as_its_process(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    own = process_mark(tmp_path)
    assert process_mark(tmp_path) == own
    assert mark_alive(tmp_path, own)
    other = _spawn(MARKER, str(tmp_path))
    processes.append(other)
    mark = _line_within(other, 20)
    assert mark is not None
    assert mark != own
    assert mark_alive(tmp_path, mark)
    os.kill(other.pid, signal.SIGKILL)
    other.wait()
    assert not mark_alive(tmp_path, mark)
    assert not (tmp_path / f"{mark}.lock").exists()
    assert mark_alive(tmp_path, own)
    assert not mark_alive(tmp_path, "../" + own)
    assert not mark_alive(tmp_path, "0" * 32)


def test_a_new_mark_sweeps_the_files_of_dead_marks(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    dead = _spawn(MARKER, str(tmp_path))
    live = _spawn(MARKER, str(tmp_path))
    processes += [dead, live]
    dead_mark, live_mark = _line_within(dead, 20), _line_within(live, 20)
    os.kill(dead.pid, signal.SIGKILL)
    dead.wait()
    assert (tmp_path / f"{dead_mark}.lock").exists()
    own = process_mark(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{live_mark}.lock", f"{own}.lock"]
    )
    assert live_mark is not None
    assert mark_alive(tmp_path, live_mark)
