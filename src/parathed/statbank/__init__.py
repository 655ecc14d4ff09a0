"""Client for the StatBank API of Statistics Denmark, with cache and snapshot (#6).

No Django. Public API:

- :class:`StatBankClient` (``tableinfo``, ``data``) with an injectable
  :class:`Transport` (default :class:`UrllibTransport`) and :class:`ResponseCache`;
- time selections: :func:`time_from`, :func:`time_to`, :func:`time_between`,
  :func:`time_newest`, :func:`time_oldest` (or any DST selection string);
- :func:`parse_csv`, :func:`parse_bulk`, :func:`parse_number`;
- :func:`fetch_inputs` -> :class:`FetchResult` of :class:`FetchedFigure`;
- :func:`fetch_dst_groups` / :func:`dst_groups_from_tableinfo`: DST kommunegrupper;
- errors: :class:`StatBankError` and its subclasses.
"""

from parathed.statbank.cache import (
    CACHE_DIR_ENV,
    DEFAULT_CACHE_DIR,
    ResponseCache,
    default_cache_dir,
    describe_age,
)
from parathed.statbank.client import (
    DEFAULT_BASE_URL,
    DataAnswer,
    Provenance,
    StatBankClient,
    TableInfo,
    TableValue,
    TableVariable,
    dst_message,
    time_between,
    time_from,
    time_newest,
    time_oldest,
    time_to,
)
from parathed.statbank.errors import (
    StatBankError,
    StatBankFormatError,
    StatBankOfflineError,
    StatBankRequestError,
    StatBankSelectionError,
    StatBankUnavailableError,
)
from parathed.statbank.fetch import (
    FetchedFigure,
    FetchProgress,
    FetchResult,
    TableReport,
    fetch_inputs,
    statbank_citation,
    statbank_source,
)
from parathed.statbank.groups import (
    DST_GROUP_TABLE,
    dst_groups_from_tableinfo,
    fetch_dst_groups,
)
from parathed.statbank.parse import (
    StatRow,
    StatTable,
    parse_bulk,
    parse_csv,
    parse_number,
)
from parathed.statbank.transport import (
    HttpRequest,
    HttpResponse,
    Transport,
    UrllibTransport,
)

__all__ = [
    "CACHE_DIR_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_CACHE_DIR",
    "DST_GROUP_TABLE",
    "DataAnswer",
    "FetchProgress",
    "FetchResult",
    "FetchedFigure",
    "HttpRequest",
    "HttpResponse",
    "Provenance",
    "ResponseCache",
    "StatBankClient",
    "StatBankError",
    "StatBankFormatError",
    "StatBankOfflineError",
    "StatBankRequestError",
    "StatBankSelectionError",
    "StatBankUnavailableError",
    "StatRow",
    "StatTable",
    "TableInfo",
    "TableReport",
    "TableValue",
    "TableVariable",
    "Transport",
    "UrllibTransport",
    "default_cache_dir",
    "describe_age",
    "dst_groups_from_tableinfo",
    "dst_message",
    "fetch_dst_groups",
    "fetch_inputs",
    "parse_bulk",
    "parse_csv",
    "parse_number",
    "statbank_citation",
    "statbank_source",
    "time_between",
    "time_from",
    "time_newest",
    "time_oldest",
    "time_to",
]
