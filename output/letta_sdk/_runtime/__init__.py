"""HTTP runtime of the generated SDK (httpx + pydantic v2)."""

from ._client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._models import BaseModel
from ._pagination import AsyncArrayPage, AsyncPaginator, SyncArrayPage
from ._resource import AsyncAPIResource, ResourceView, SyncAPIResource
from ._response import APIResponse, AsyncAPIResponse
from ._retries import retry_delay, should_retry
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, RequestOptions, Timeout

# fmt: off
__all__ = [
    "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "NOT_GIVEN", "APIConnectionError", "APIError",
    "APIResponse", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
    "AsyncAPIClient", "AsyncAPIResource", "AsyncAPIResponse", "AsyncArrayPage", "AsyncPaginator",
    "AuthenticationError", "BadRequestError", "BaseModel", "Body", "ConflictError", "Headers",
    "InternalServerError", "NotFoundError", "NotGiven", "PermissionDeniedError", "Query",
    "RateLimitError", "RequestOptions", "ResourceView", "SyncAPIClient", "SyncAPIResource",
    "SyncArrayPage", "Timeout", "UnprocessableEntityError", "retry_delay", "should_retry",
]
# fmt: on
