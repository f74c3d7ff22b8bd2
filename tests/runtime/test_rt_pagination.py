"""Cursor pagination over JSON-array pages (sync)."""

from __future__ import annotations

import pytest
from rt_support import Server, paged_tools, reply

PAGES = {None: ["t1", "t2"], "t2": ["t3", "t4"], "t4": ["t5"], "t5": []}


def test_iterating_the_page_walks_all_pages(sdk, make_client):
    server = Server(paged_tools(PAGES))
    tools = list(make_client(server).tools.list(limit=2))
    assert [t.id for t in tools] == ["t1", "t2", "t3", "t4", "t5"]
    assert all(isinstance(t, sdk.Tool) for t in tools)
    assert [r.url.params.multi_items() for r in server.requests] == [
        [("limit", "2")],
        [("after", "t2"), ("limit", "2")],
        [("after", "t4"), ("limit", "2")],
        [("after", "t5"), ("limit", "2")],
    ]
    assert all(r.url.path == "/v1/tools/" and r.method == "GET" for r in server.requests)


def test_first_page_only_until_asked(rt, make_client):
    server = Server(paged_tools(PAGES))
    page = make_client(server).tools.list()
    assert isinstance(page, rt.SyncArrayPage)
    assert [t.id for t in page.items] == ["t1", "t2"]
    assert len(server.requests) == 1
    assert page.has_next_page() is True
    second = page.get_next_page()
    assert [t.id for t in second.items] == ["t3", "t4"]
    assert isinstance(second, rt.SyncArrayPage)
    assert len(server.requests) == 2


def test_iter_pages_and_end(make_client):
    server = Server(paged_tools(PAGES))
    pages = list(make_client(server).tools.list().iter_pages())
    assert [[t.id for t in p.items] for p in pages] == [["t1", "t2"], ["t3", "t4"], ["t5"], []]
    assert [p.has_next_page() for p in pages] == [True, True, True, False]
    with pytest.raises(RuntimeError, match="No next page"):
        pages[-1].get_next_page()
    assert len(server.requests) == 4


def test_empty_first_page(make_client):
    server = Server(reply(200, json=[]))
    page = make_client(server).tools.list()
    assert page.items == []
    assert page.has_next_page() is False
    assert list(page) == []
    assert len(server.requests) == 1


def test_options_are_kept_for_following_pages(make_client):
    server = Server(paged_tools(PAGES))
    client = make_client(server)
    tools = client.tools.list(extra_headers={"X-Trace": "1"}, extra_query={"after": "t2", "v": 1})
    assert [t.id for t in tools] == ["t3", "t4", "t5"]
    assert [r.url.params.get("after") for r in server.requests] == ["t2", "t4", "t5"]
    assert [r.headers["x-trace"] for r in server.requests] == ["1", "1", "1"]
    assert all(r.url.params["v"] == "1" for r in server.requests)


def test_next_pages_are_retried_too(make_client):
    server = Server(paged_tools(PAGES))
    client = make_client(server)
    page = client.tools.list()
    server.replies = [reply(503), paged_tools(PAGES)]
    assert [t.id for t in page.get_next_page().items] == ["t3", "t4"]
    assert len(client.sleeps) == 1
