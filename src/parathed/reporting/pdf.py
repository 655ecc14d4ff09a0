"""Converts a deck to PDF with LibreOffice in headless mode. No Django.

In: the path of a .pptx. Out: the path of the PDF written into ``out_dir``. Each
call runs ``soffice`` with its own throwaway user profile, deleted afterwards:
LibreOffice lets one profile serve one process, so a shared profile makes a second
conversion hand its job to the first or fail. Conversions may therefore run
side by side. A conversion that fails or outlasts its timeout raises
``PdfConversionError`` and leaves no LibreOffice process behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

OFFICE_PROGRAMS = ("soffice", "libreoffice")
DEFAULT_TIMEOUT_S = 120.0


class PdfConversionError(RuntimeError):
    """LibreOffice is missing, failed, or did not finish in time."""


def find_office() -> str:
    """Returns the path of ``soffice`` (or ``libreoffice``) found on PATH.

    Raises PdfConversionError when neither is installed.
    """
    for name in OFFICE_PROGRAMS:
        found = shutil.which(name)
        if found is not None:
            return found
    raise PdfConversionError(
        "LibreOffice was not found: neither 'soffice' nor 'libreoffice' is on PATH."
    )


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kills the process and the children it started (soffice is a launcher)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    # Drain and close the pipe; a child outside the group could still hold it open.
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)
    if process.stdout is not None:
        process.stdout.close()
    process.wait()


def convert_to_pdf(
    pptx: Path, *, out_dir: Path, timeout_s: float = DEFAULT_TIMEOUT_S
) -> Path:
    """Writes ``pptx`` as ``<out_dir>/<stem>.pdf`` and returns that path.

    ``out_dir`` is created when missing; an older PDF of the same name is replaced.
    ``timeout_s`` (seconds, above 0) bounds the whole conversion. Raises
    PdfConversionError when the input is missing, LibreOffice is not installed, exits
    with an error, writes no PDF, or runs past the timeout (then it is killed).
    Does not change ``pptx``.
    """
    if timeout_s <= 0:
        raise ValueError("timeout_s must be above 0")
    if not pptx.is_file():
        raise PdfConversionError(f"No such file to convert: {pptx}")
    office = find_office()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (pptx.stem + ".pdf")
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(
        prefix="parathed-soffice-", ignore_cleanup_errors=True
    ) as profile:
        command = [
            office,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(pptx),
        ]
        # A new session makes soffice and the office process it starts one group,
        # so a timeout can end both.
        process = subprocess.Popen(  # noqa: S603 (a fixed program, no shell)
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process)
            raise PdfConversionError(
                f"LibreOffice did not convert {pptx.name} within {timeout_s:g} s."
            ) from exc
        except BaseException:
            _kill_group(process)
            raise
    if process.returncode != 0:
        raise PdfConversionError(
            f"LibreOffice failed on {pptx.name} (exit code {process.returncode}): "
            f"{output.strip()}"
        )
    if not target.is_file() or target.stat().st_size == 0:
        raise PdfConversionError(
            f"LibreOffice wrote no PDF for {pptx.name}: {output.strip()}"
        )
    return target
