"""Cursor pagination over endpoints whose body is a JSON array of items."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine, Generator, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from ._types import RequestSpec

if TYPE_CHECKING:
    from ._client import AsyncAPIClient, SyncAPIClient

_T = TypeVar("_T")
_AsyncPageT = TypeVar("_AsyncPageT", bound="AsyncArrayPage[Any]")


class _BasePage(Generic[_T]):
    def __init__(self, *, items: list[_T], request: RequestSpec, client: Any) -> None:
        self._items = items
        self._request = request
        self._client = client

    @property
    def items(self) -> list[_T]:
        """The items of this page only."""
        return self._items

    def _next_request(self) -> RequestSpec | None:
        """Same request with the cursor set to the id of this page's last item."""
        spec, cursor_param = self._request, self._request.cursor_param
        if not self._items or cursor_param is None:
            return None
        last = self._items[-1]
        cursor = last.get(spec.item_id) if isinstance(last, Mapping) else None
        cursor = getattr(last, spec.item_id, cursor)
        if cursor is None:
            return None
        extra = {k: v for k, v in (spec.options.extra_query or {}).items() if k != cursor_param}
        options = replace(spec.options, extra_query=extra)
        return replace(spec, query={**(spec.query or {}), cursor_param: cursor}, options=options)

    def has_next_page(self) -> bool:
        """False when this page is empty (the end of the listing)."""
        return self._next_request() is not None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={self._items!r})"


class SyncArrayPage(_BasePage[_T]):
    """One page of items; iterating it yields every item of this and all following pages."""

    _client: SyncAPIClient

    def get_next_page(self) -> Self:
        """Fetch the page after this one (check :meth:`has_next_page` first)."""
        request = self._next_request()
        if request is None:
            raise RuntimeError("No next page; check has_next_page() first.")
        return self._client._fetch_page(type(self), request)

    def iter_pages(self) -> Iterator[Self]:
        """Yield this page and then each following page."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncArrayPage(_BasePage[_T]):
    """Async page; ``async for`` over it yields every item of this and all following pages."""

    _client: AsyncAPIClient

    async def get_next_page(self) -> Self:
        """Fetch the page after this one (check :meth:`has_next_page` first)."""
        request = self._next_request()
        if request is None:
            raise RuntimeError("No next page; check has_next_page() first.")
        return await self._client._fetch_page(type(self), request)

    async def iter_pages(self) -> AsyncIterator[Self]:
        """Yield this page and then each following page."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[_T, _AsyncPageT]):
    """Returned by async list methods: ``await`` it for the first page, or ``async for``
    over it for every item across pages."""

    def __init__(self, fetch: Callable[[], Coroutine[Any, Any, _AsyncPageT]]) -> None:
        self._fetch = fetch

    def __await__(self) -> Generator[Any, None, _AsyncPageT]:
        return self._fetch().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for item in await self:
            yield item
