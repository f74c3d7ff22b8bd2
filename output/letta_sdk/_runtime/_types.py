"""Request-side types: the NOT_GIVEN sentinel, type aliases and per-call options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

import httpx
import pydantic


class NotGiven:
    """Type of :data:`NOT_GIVEN`: a parameter the caller did not pass (None sends ``null``)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
"""Default of optional parameters: the key is left out of the request."""

Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = object
Timeout: TypeAlias = float | httpx.Timeout | None


@dataclass(frozen=True)
class RequestOptions:
    """Per-call overrides accepted by every generated method."""

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN


@dataclass(frozen=True)
class RequestSpec:
    """Everything needed to (re)issue one request; pages keep it to ask for the next one."""

    method: str
    path: str
    cast_to: Any
    options: RequestOptions
    query: Mapping[str, object] | None = None
    body: Body | None = None
    body_model: type[pydantic.BaseModel] | None = None
    headers: Mapping[str, object] | None = None
    cursor_param: str | None = None
    item_id: str = "id"
