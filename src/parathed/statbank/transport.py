"""HTTP transport for the StatBank client: the standard library, replaceable in tests.

A transport performs exactly one HTTP exchange. It returns every HTTP status as a
:class:`HttpResponse` (4xx and 5xx included) and raises only for a failure below HTTP:
:class:`TimeoutError` when the server does not answer in time and
:class:`ConnectionError` when it cannot be reached at all (no network, DNS failure,
refused connection).
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """One POST of a JSON body to a URL."""

    url: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = (
        ("Content-Type", "application/json; charset=utf-8"),
        ("Accept", "*/*"),
        ("User-Agent", "parathed-statbank/1"),
    )


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """The status and raw body of one HTTP answer."""

    status: int
    body: bytes
    content_type: str = ""


class Transport(Protocol):
    """Performs one HTTP exchange (see the module docstring for the error contract)."""

    def __call__(self, request: HttpRequest, *, timeout: float) -> HttpResponse:
        """Sends ``request`` and returns the answer, whatever its status."""
        ...


class UrllibTransport:
    """The real transport: :mod:`urllib.request`, TLS from the system's defaults."""

    def __call__(self, request: HttpRequest, *, timeout: float) -> HttpResponse:
        """Sends ``request`` with urllib and returns the answer, whatever its status."""
        if not request.url.startswith(("https://", "http://")):
            raise ValueError(f"not an HTTP URL: {request.url}")
        http_request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            request.url, data=request.body, headers=dict(request.headers), method="POST"
        )
        try:
            with urllib.request.urlopen(http_request, timeout=timeout) as answer:  # noqa: S310
                return HttpResponse(
                    status=answer.status,
                    body=answer.read(),
                    content_type=answer.headers.get("Content-Type", ""),
                )
        except urllib.error.HTTPError as error:
            with error:
                return HttpResponse(
                    status=error.code,
                    body=error.read(),
                    content_type=error.headers.get("Content-Type", ""),
                )
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError | socket.timeout):
                raise TimeoutError(str(error.reason)) from error
            raise ConnectionError(str(error.reason)) from error
        except TimeoutError as error:
            raise TimeoutError(str(error)) from error
