"""Page-level syntax: parent pages embedding their subresources' pages (c14), Python Domain
Types named only by their heading (c20), methods of the client itself (c21), checked on the
reproducers of `../shared/constructs/` against the results their README gives; the client-level
method also generated, imported and called (the SDK against a stub transport, then against the generated server on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from types import ModuleType

import httpx
import pytest
from live import LiveServer
from paths import CONSTRUCTS

from constructs.support import clean, operation
from generator import ir
from generator.pipeline import load
from generator.writers import emit


def test_c14_subresource_title_inside_parent_page() -> None:
    api = clean("c14-subresource-title-inside-parent-page")  # no warning for `# Beds`
    beds = operation(api, "get", "/v1/gardens/{garden_id}/beds")
    assert beds.resource == ("gardens", "beds") and beds.sdk_name == "list"
    assert operation(api, "get", "/v1/gardens/{garden_id}").resource == ("gardens",)
    assert {t.name for t in api.types} >= {"Garden", "Bed"}


def test_c21_client_level_method_has_an_empty_resource_path() -> None:
    api = clean("c21-client-level-method")
    ping = operation(api, "get", "/v1/ping/")
    assert ping.resource == ()
    assert ping.sdk_name == "ping"
    assert ping.response == ir.Ref("PingResponse")
    assert [t.name for t in api.types] == ["PingResponse"]


@pytest.fixture(scope="module")
def ping_packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, ...]]:
    """c21 generated as `ping_sdk` / `ping_server` into a temp dir, imported from there."""
    loaded = load(
        CONSTRUCTS / "c21-client-level-method" / "spec",
        sdk_package="ping_sdk",
        server_package="ping_server",
    )
    out = tmp_path_factory.mktemp("c21")
    files = emit(loaded.api, loaded.config)
    assert "| `client.ping` | `GET /v1/ping/` |" in files["api.md"].decode()  # the surface too
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("ping_sdk"), importlib.import_module("ping_server")
    finally:
        sys.path.remove(str(out))
        for name in list(sys.modules):
            if name.split(".")[0] in ("ping_sdk", "ping_server"):
                del sys.modules[name]


def test_c21_the_sdk_client_has_the_method_itself(ping_packages: tuple[ModuleType, ...]) -> None:
    sdk, _ = ping_packages
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    transport = httpx.MockTransport(answer)
    client = sdk.Client(
        api_key="k", base_url="https://api.test", http_client=httpx.Client(transport=transport)
    )
    result = client.ping()
    assert type(result).__name__ == "PingResponse" and result.ok is True
    assert (seen[0].method, seen[0].url.path) == ("GET", "/v1/ping/")
    assert not hasattr(client, "ping_")

    async def main() -> bool:
        async with sdk.AsyncClient(
            api_key="k",
            base_url="https://api.test",
            http_client=httpx.AsyncClient(transport=transport),
        ) as aclient:
            return bool((await aclient.ping()).ok)

    assert asyncio.run(main())
    assert len(seen) == 2


def test_c21_the_server_answers_the_client_level_method(
    ping_packages: tuple[ModuleType, ...],
) -> None:
    sdk, server = ping_packages

    class Impl(server.ClientHandler):  # type: ignore[name-defined,misc]
        def ping(self) -> dict[str, bool]:
            return {"ok": False}

    live = LiveServer(server.create_app([Impl()])).start()
    try:
        assert sdk.Client(api_key="k", base_url=live.url).ping().ok is False
    finally:
        live.stop()


def test_c20_python_domain_type_named_by_its_heading() -> None:
    api = clean("c20-python-unnamed-domain-alias")
    finish = api.type_named("Finish")
    assert isinstance(finish, ir.EnumType) and finish.values == ("matte", "gloss")
    names = api.type_named("PaintListNamesResponse")
    assert isinstance(names, ir.AliasType) and names.target == ir.ListOf(ir.Primitive("string"))
    # (the operation's Returns spells the list out; that it is this alias is not for this test)
    assert operation(api, "get", "/v1/paints/names").response == names.target
    paint = api.type_named("Paint")
    assert isinstance(paint, ir.ObjectType)
    assert [f.type for f in paint.fields] == [ir.Primitive("string"), ir.Ref("Finish")]
