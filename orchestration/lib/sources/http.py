"""A polite HTTP client for one site: paced requests with jitter, retries with backoff, a stop on 403."""

from __future__ import annotations

import http.client
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from orchestration.lib.sources.model import Blocked, SourceError

DESKTOP_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36"
)
# Throttling and server trouble pass; anything else (404, 400) will not get better by asking again.
_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(slots=True)
class Politeness:
    """How hard we may press the site. Working clients wait at least 1-1.5 s between requests."""

    interval_seconds: float = 1.5
    jitter_seconds: float = 1.0
    retries: int = 3
    backoff_seconds: float = 5.0
    timeout_seconds: float = 60.0

    @classmethod
    def paced(cls, seconds: float) -> Politeness:
        """At least ``seconds`` between requests, plus up to two thirds of it again at random."""
        return cls(interval_seconds=seconds, jitter_seconds=seconds * 2 / 3)


@dataclass(slots=True)
class PoliteHttp:
    politeness: Politeness = field(default_factory=Politeness)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    random: random.Random = field(default_factory=random.Random)
    requests_sent: int = 0
    _last_request: float | None = None

    def open(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        """The response of the first try that is not throttled or broken; the caller reads and closes it."""
        attempts = self.politeness.retries + 1
        for attempt in range(attempts):
            self._wait_turn()
            try:
                return _OPENER.open(request, timeout=self.politeness.timeout_seconds)
            except urllib.error.HTTPError as error:
                error.close()
                if error.code == 403:
                    raise Blocked(f"{_what(request)} was refused with HTTP 403") from None
                if error.code not in _RETRIED_STATUSES or attempt == attempts - 1:
                    raise SourceError(f"{_what(request)} failed with HTTP {error.code} {error.reason}") from None
                reason = f"HTTP {error.code}"
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                if attempt == attempts - 1:
                    raise SourceError(f"{_what(request)} failed after {attempts} tries: {error}") from None
                reason = str(error)
            self.backoff(attempt, reason)
        raise AssertionError("unreachable")

    def backoff(self, attempt: int, reason: str) -> None:
        """Exponential wait before the next try of a request that was throttled or broke."""
        base = self.politeness.backoff_seconds * 2**attempt
        self.sleep(base + self.random.uniform(0, base / 2))

    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last_request is not None:
            gap = self.politeness.interval_seconds + self.random.uniform(0, self.politeness.jitter_seconds)
            if now - self._last_request < gap:
                self.sleep(gap - (now - self._last_request))
        self._last_request = self.clock()
        self.requests_sent += 1


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """A response may not send us to another host: follow redirects only within the one we asked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(req.full_url).netloc:
            raise SourceError(f"{_what(req)} redirected to another host ({newurl}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameHostRedirects())


def _what(request: urllib.request.Request) -> str:
    return f"{request.get_method()} {request.full_url}"
