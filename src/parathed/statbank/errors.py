"""What can go wrong when talking to the StatBank, each with a Danish message.

Every error's ``str()`` is a complete Danish sentence that a command or page can show
as it is.
"""

from __future__ import annotations


class StatBankError(Exception):
    """Base class: any failure to obtain data from the StatBank."""


class StatBankRequestError(StatBankError):
    """The StatBank refused the request (HTTP 4xx); ``message`` is DST's own text."""

    def __init__(self, *, status: int, message: str, table: str = "") -> None:
        self.status = status
        self.message = message
        self.table = table
        where = f" til tabel {table}" if table else ""
        super().__init__(
            f"Statistikbanken afviste forespørgslen{where} (HTTP {status}): {message}"
        )


class StatBankUnavailableError(StatBankError):
    """The StatBank did not answer usefully (5xx, timeouts) after every retry."""


class StatBankOfflineError(StatBankError):
    """No network (or offline mode) and the request is not in the local cache."""


class StatBankFormatError(StatBankError):
    """A response could not be read in the format that was asked for."""


class StatBankSelectionError(StatBankError):
    """A selection names a variable, value or period the table does not have."""
