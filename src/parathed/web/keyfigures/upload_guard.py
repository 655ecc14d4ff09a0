"""Checks an uploaded file's size and zip structure before openpyxl may open it.

An .xlsx file is a zip archive. A small archive can unpack to gigabytes (a zip bomb) or
hold a huge number of entries; both are refused here from the archive's directory,
without unpacking anything. Limits: 10 MB upload, 100 MB unpacked, 1,000 entries.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 1000
REQUIRED_ENTRIES = ("[Content_Types].xml", "xl/workbook.xml")


class UnsafeUploadError(ValueError):
    """The file is too large, not an .xlsx workbook, or unpacks to too much."""


def check_xlsx_upload(file: IO[bytes], *, size: int) -> None:
    """Raises ``UnsafeUploadError`` (Danish message) unless the file is a sane .xlsx.

    ``size`` is the uploaded size in bytes. The file position is left at the start.
    """
    if size > MAX_UPLOAD_BYTES:
        raise UnsafeUploadError(
            _("The file is %(size)s MB; at most %(limit)s MB can be uploaded.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "limit": "10"}
        )
    file.seek(0)
    if not zipfile.is_zipfile(file):
        raise UnsafeUploadError(
            _(
                "The file is not an Excel workbook (.xlsx). Use the template "
                "downloaded from this page and save it as .xlsx."
            )
        )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnsafeUploadError(
            _("The file is damaged and cannot be read as an Excel workbook (.xlsx).")
        ) from error
    finally:
        file.seek(0)
    if len(entries) > MAX_ENTRIES:
        raise UnsafeUploadError(
            _(
                "The file holds %(count)s parts; an Excel workbook from the template "
                "holds far fewer (at most %(limit)s are accepted)."
            )
            % {"count": len(entries), "limit": MAX_ENTRIES}
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnsafeUploadError(
            _(
                "The file unpacks to %(size)s MB; at most %(limit)s MB are accepted. "
                "Use the template downloaded from this page."
            )
            % {"size": f"{unpacked / 1024 / 1024:.0f}", "limit": "100"}
        )
    names = {entry.filename for entry in entries}
    if any(required not in names for required in REQUIRED_ENTRIES):
        raise UnsafeUploadError(
            _(
                "The file is not an Excel workbook (.xlsx). Use the template "
                "downloaded from this page and save it as .xlsx."
            )
        )
