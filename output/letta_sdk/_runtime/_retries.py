"""Retry policy: which responses are retried and how long to wait (pure functions)."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from contextlib import suppress
from email.utils import parsedate_to_datetime

import httpx

MAX_RETRY_AFTER = 60.0
"""Server-provided delays above this many seconds are ignored in favour of backoff."""

_RETRY_STATUSES = frozenset({408, 409, 429})


def should_retry(response: httpx.Response) -> bool:
    """Whether a failed response is worth retrying; ``x-should-retry`` has the last word."""
    override = str(response.headers.get("x-should-retry", "")).lower()
    if override in ("true", "false"):
        return override == "true"
    return response.status_code in _RETRY_STATUSES or response.status_code >= 500


def _retry_after(headers: Mapping[str, str], now: float) -> float | None:
    lowered = {k.lower(): v for k, v in headers.items()}
    with suppress(KeyError, ValueError):
        return float(lowered["retry-after-ms"]) / 1000
    value = lowered.get("retry-after", "")
    with suppress(ValueError):
        return float(value)
    with suppress(TypeError, ValueError):
        return parsedate_to_datetime(value).timestamp() - now
    return None


def retry_delay(
    attempt: int,
    headers: Mapping[str, str] | None = None,
    *,
    now: float | None = None,
    jitter: float | None = None,
) -> float:
    """Seconds to wait before retry number ``attempt + 1`` (``attempt`` counts from 0).

    Honours ``retry-after-ms`` then ``Retry-After`` (seconds or HTTP date) when within
    (0, 60] seconds; otherwise ``min(0.5 * 2**attempt, 8)`` scaled by a jitter in [0.75, 1].
    ``jitter`` in [0, 1] replaces the random draw (for tests).
    """
    after = _retry_after(headers or {}, time.time() if now is None else now)
    if after is not None and 0 < after <= MAX_RETRY_AFTER:
        return after
    backoff = min(0.5 * 2.0**attempt, 8.0)
    draw = random.random() if jitter is None else jitter
    return backoff * (1 - 0.25 * draw)
