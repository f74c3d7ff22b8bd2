"""Parameters: keyed by (location, name), a Python name matched to the wire name it spells,
header parameters with quoted names, what each flavor knows (requiredness from HTTP, sharper
types from Python), a whole body written as one `body:` bullet. Small inline pages first, then
the reproducers of `../shared/constructs/` (c08, c10, c11, c15, c17, c18, c19) with the results
their README gives, some generated and called (a stub transport, the generated server on
127.0.0.1), and one test over the mirror's API pages."""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from live import LiveServer
from paths import CONSTRUCTS, MIRROR

from constructs.support import clean, operation
from generator import ir
from generator.diagnostics import Level
from generator.pipeline import load
from generator.resolve import wirenames
from generator.writers import emit


def build(tmp_path: Path, **pages: str) -> tuple[ir.Api, list[str]]:
    """The IR of inline pages (`name_http`/`name_python` -> `name.http.md`/`name.python.md`) and
    its warnings and errors."""
    for stem, text in pages.items():
        name, flavor = stem.rsplit("_", 1)
        (tmp_path / f"{name}.{flavor}.md").write_text(text)
    loaded = load(tmp_path)
    return loaded.api, [d.format() for d in loaded.diags.items if d.level is not Level.NOTE]


def params(op: ir.Operation) -> list[tuple[str, str, str, bool, bool]]:
    """(location, Python name, wire name, required, nullable) of each parameter."""
    return [(p.location, p.name, p.wire_name, p.required, p.nullable) for p in op.params]


def page(title: str, method: str, path: str, *sections: str, sdk: str = "") -> str:
    head = [f"## {title}", ""] + ([f"`{sdk}`", ""] if sdk else []) + [f"**{method}** `{path}`", ""]
    return "\n".join(head + list(sections)) + "\n"


# --- the rule for names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("python", "wire", "same"),
    [
        ("expires_at", "expiresAt", True),
        ("agent_id", "agentId", True),
        ("x_override_embedding_model", "x-override-embedding-model", True),
        ("metadata", "metadata_", True),
        ("tool_id", "tool_id", True),
        ("agent_id", "agent", False),
        ("expires", "expiresAt", False),
    ],
)
def test_which_python_name_spells_which_wire_name(python: str, wire: str, same: bool) -> None:
    assert wirenames.spells(python, wire) is same


# --- inline pages -------------------------------------------------------------------------------


HEADER_HTTP = page(
    "Import Agent",
    "post",
    "/v1/agents/import",
    "### Header Parameters",
    "",
    '- `"x-override-embedding-model": optional string`',
    "",
    "### Body Parameters",
    "",
    "- `name: string`",
)
HEADER_PYTHON = page(
    "Import Agent",
    "post",
    "/v1/agents/import",
    "### Parameters",
    "",
    "- `name: str`",
    "",
    "- `x_override_embedding_model: Optional[str]`",
    sdk="agents.import_file(AgentImportFileParams**kwargs)  -> object",
)


def test_a_quoted_header_is_a_header_named_in_python_never_a_body_field(tmp_path: Path) -> None:
    api, diags = build(tmp_path, agents_http=HEADER_HTTP, agents_python=HEADER_PYTHON)
    assert diags == []
    op = operation(api, "post", "/v1/agents/import")
    assert params(op) == [
        ("header", "x_override_embedding_model", "x-override-embedding-model", False, True),
        ("body", "name", "name", True, False),
    ]
    assert op.body is not None
    body = api.type_named(op.body.name)
    assert isinstance(body, ir.ObjectType)
    assert [f.wire_name for f in body.fields] == ["name"]


def test_a_quoted_header_without_python_is_sanitized_as_other_names(tmp_path: Path) -> None:
    api, diags = build(tmp_path, agents_http=HEADER_HTTP)
    op = operation(api, "post", "/v1/agents/import")
    assert params(op)[0] == (
        "header",
        "x_override_embedding_model",
        "x-override-embedding-model",
        False,
        False,
    )
    assert any("M010" in d and "x-override-embedding-model" in d for d in diags)


TWO_LOCATIONS_HTTP = page(
    "Update Approval",
    "patch",
    "/v1/tools/{tool_name}/approval",
    "### Path Parameters",
    "",
    "- `tool_name: string`",
    "",
    "### Query Parameters",
    "",
    "- `requires_approval: optional boolean`",
    "",
    "### Body Parameters",
    "",
    "- `requires_approval: boolean`",
)
TWO_LOCATIONS_PYTHON = page(
    "Update Approval",
    "patch",
    "/v1/tools/{tool_name}/approval",
    "### Parameters",
    "",
    "- `tool_name: str`",
    "",
    "- `requires_approval: bool`",
    "",
    "- `requires_approval: bool`",
    sdk="tools.update_approval(strtool_name, ToolUpdateApprovalParams**kwargs)  -> object",
)


def test_one_name_in_two_locations_is_two_parameters(tmp_path: Path) -> None:
    api, diags = build(tmp_path, tools_http=TWO_LOCATIONS_HTTP, tools_python=TWO_LOCATIONS_PYTHON)
    assert diags == []
    op = operation(api, "patch", "/v1/tools/{tool_name}/approval")
    assert params(op) == [
        ("path", "tool_name", "tool_name", True, False),
        ("query", "query_requires_approval", "requires_approval", False, False),
        ("body", "body_requires_approval", "requires_approval", True, False),
    ]
    assert op.positional == ("tool_name",)
    assert op.body is not None
    body = api.type_named(op.body.name)
    assert isinstance(body, ir.ObjectType)
    assert [(f.name, f.wire_name, f.required) for f in body.fields] == [
        ("requires_approval", "requires_approval", True)
    ]


def test_a_python_name_listed_twice_goes_to_the_location_whose_type_it_has(tmp_path: Path) -> None:
    http = page(
        "Run",
        "post",
        "/v1/runs",
        "### Query Parameters",
        "",
        "- `mode: optional string`",
        "",
        "### Body Parameters",
        "",
        "- `mode: integer`",
    )
    python = page(
        "Run",
        "post",
        "/v1/runs",
        "### Parameters",
        "",
        "- `mode: int`",
        "",
        "- `mode: Optional[str]`",
        sdk="runs.create(RunCreateParams**kwargs)  -> object",
    )
    api, diags = build(tmp_path, runs_http=http, runs_python=python)
    assert diags == []
    op = operation(api, "post", "/v1/runs")
    assert [(p.location, p.name, p.type, p.nullable) for p in op.params] == [
        ("query", "query_mode", ir.Primitive("string"), True),
        ("body", "body_mode", ir.Primitive("integer"), False),
    ]


def test_a_camel_case_wire_name_and_its_python_spelling_are_one_parameter(tmp_path: Path) -> None:
    http = page(
        "List Tokens",
        "get",
        "/v1/tokens/{agentId}",
        "### Path Parameters",
        "",
        "- `agentId: string`",
        "",
        "### Query Parameters",
        "",
        "- `expiresAt: optional string`",
    )
    python = page(
        "List Tokens",
        "get",
        "/v1/tokens/{agentId}",
        "### Parameters",
        "",
        "- `agent_id: str`",
        "",
        "- `expires_at: Optional[str]`",
        sdk="tokens.list(stragent_id, TokenListParams**kwargs)  -> object",
    )
    api, diags = build(tmp_path, tokens_http=http, tokens_python=python)
    assert diags == []
    op = operation(api, "get", "/v1/tokens/{agentId}")
    assert params(op) == [
        ("path", "agent_id", "agentId", True, False),
        ("query", "expires_at", "expiresAt", False, True),
    ]
    assert op.positional == ("agent_id",)


def test_requiredness_is_the_http_flavors_and_null_the_pythons(tmp_path: Path) -> None:
    http = page(
        "Send",
        "post",
        "/v1/send",
        "### Body Parameters",
        "",
        "- `text: string`",
        "",
        "- `flag: optional boolean`",
    )
    python = page(
        "Send",
        "post",
        "/v1/send",
        "### Parameters",
        "",
        "- `text: Optional[str]`",
        "",
        "- `flag: bool`",
        sdk="sends.create(SendCreateParams**kwargs)  -> object",
    )
    api, diags = build(tmp_path, sends_http=http, sends_python=python)
    assert diags == []
    assert params(operation(api, "post", "/v1/send")) == [
        ("body", "text", "text", True, True),
        ("body", "flag", "flag", False, False),
    ]


def test_two_http_places_that_disagree_on_requiredness_are_reported(tmp_path: Path) -> None:
    one = page("Send", "post", "/v1/send", "### Body Parameters", "", "- `text: string`")
    other = page("Send", "post", "/v1/send", "### Body Parameters", "", "- `text: optional string`")
    other = "# Sends\n\n" + other + "\n" + page("Get", "get", "/v1/send/{id}")
    api, diags = build(tmp_path, send_http=one, sends_http=other)
    assert params(operation(api, "post", "/v1/send")) == [("body", "text", "text", False, False)]
    assert [d for d in diags if "M002" in d] == [
        "sends.http.md:9: warning M002: SendSendParams.text is optional here but"
        " not at send.http.md:7; treated as optional"
    ]


def test_a_web_page_adds_to_the_parameters_by_wire_name(tmp_path: Path) -> None:
    http = page(
        "Get Gadget",
        "get",
        "/v1/gadgets/{gadgetId}",
        "### Path Parameters",
        "",
        "- `gadgetId: string`",
        "",
        "### Query Parameters",
        "",
        "- `includeLogs: optional boolean`",
    )
    python = page(
        "Get Gadget",
        "get",
        "/v1/gadgets/{gadgetId}",
        "### Parameters",
        "",
        "- `gadget_id: str`",
        "",
        "- `include_logs: Optional[bool]`",
        sdk="gadgets.retrieve(strgadget_id, GadgetRetrieveParams**kwargs)  -> object",
    )
    web = "\n".join(
        [
            "Get Gadget",
            "GET/v1/gadgets/{gadgetId}",
            "Path ParametersExpand Collapse",
            "gadgetId: string",
            "The gadget.",
            "Query ParametersExpand Collapse",
            "includeLogs: optional boolean",
            "verbose: optional boolean",
        ]
    )
    (tmp_path / "gadgets.web.txt").write_text(web + "\n")
    api, diags = build(tmp_path, gadgets_http=http, gadgets_python=python)
    assert diags == []
    op = operation(api, "get", "/v1/gadgets/{gadgetId}")
    assert params(op) == [
        ("path", "gadget_id", "gadgetId", True, False),
        ("query", "include_logs", "includeLogs", False, True),
        ("query", "verbose", "verbose", False, False),
    ]
    assert op.params[0].description == "The gadget."


@pytest.mark.parametrize(
    ("http_type", "python_type", "expected"),
    [
        ("optional boolean", "Optional[Literal[false]]", ir.LiteralOf((False,))),
        ("optional string", "Optional[Union[str, datetime, null]]", ir.Primitive("datetime")),
        ("optional string", 'Optional[Literal["a", "b"]]', ir.LiteralOf(("a", "b"))),
        ("optional integer", "Optional[int]", ir.Primitive("integer")),
    ],
)
def test_a_sharper_python_type_is_kept(
    tmp_path: Path, http_type: str, python_type: str, expected: ir.TypeRef
) -> None:
    http = page("Send", "post", "/v1/send", "### Body Parameters", "", f"- `x: {http_type}`")
    python = page(
        "Send",
        "post",
        "/v1/send",
        "### Parameters",
        "",
        f"- `x: {python_type}`",
        sdk="sends.create(SendCreateParams**kwargs)  -> object",
    )
    api, diags = build(tmp_path, sends_http=http, sends_python=python)
    assert diags == []
    (x,) = operation(api, "post", "/v1/send").params
    assert (x.type, x.required, x.nullable) == (expected, False, True)


def test_types_that_conflict_are_still_reported(tmp_path: Path) -> None:
    http = page("Send", "post", "/v1/send", "### Body Parameters", "", "- `x: optional boolean`")
    python = page(
        "Send",
        "post",
        "/v1/send",
        "### Parameters",
        "",
        '- `x: Optional[Literal["yes"]]`',
        sdk="sends.create(SendCreateParams**kwargs)  -> object",
    )
    api, diags = build(tmp_path, sends_http=http, sends_python=python)
    (x,) = operation(api, "post", "/v1/send").params
    assert x.type == ir.Primitive("boolean")
    assert len(diags) == 1 and "M002" in diags[0] and "another type" in diags[0]


# --- the reproducers ----------------------------------------------------------------------------


def test_c08_quoted_header_param() -> None:
    api = clean("c08-quoted-header-param")
    op = operation(api, "post", "/v1/reports/export")
    assert params(op) == [("header", "x_report_locale", "x-report-locale", False, True)]
    assert op.body is None  # never also a body field


def test_c10_same_param_name_two_locations() -> None:
    api = clean("c10-same-param-name-two-locations")
    op = operation(api, "post", "/v1/jobs/{job_id}/replay")
    assert params(op) == [
        ("path", "path_job_id", "job_id", True, False),
        ("query", "query_simulate", "simulate", False, False),
        ("body", "body_job_id", "job_id", False, False),
        ("body", "body_simulate", "simulate", True, False),
        ("body", "speed", "speed", False, True),
    ]
    assert op.positional == ("path_job_id",)
    assert op.body is not None
    body = api.type_named(op.body.name)
    assert isinstance(body, ir.ObjectType)
    assert [(f.wire_name, f.required) for f in body.fields] == [
        ("job_id", False),
        ("simulate", True),
        ("speed", False),
    ]


def test_c11_camelcase_wire_snakecase_python_parameters() -> None:
    from constructs.support import load_construct

    api = load_construct("c11-camelcase-wire-snakecase-python").api
    op = operation(api, "get", "/v1/gadgets/{gadgetId}")
    assert params(op) == [
        ("path", "gadget_id", "gadgetId", True, False),
        ("query", "include_logs", "includeLogs", False, True),
    ]
    assert op.positional == ("gadget_id",)


def test_c18_python_datetime_union_param() -> None:
    api = clean("c18-python-datetime-union-param")
    (since,) = operation(api, "post", "/v1/logs/search").params
    assert (since.type, since.required, since.nullable) == (ir.Primitive("datetime"), False, True)


def test_c19_python_literal_bool_param() -> None:
    api = clean("c19-python-literal-bool-param")
    op = operation(api, "post", "/v1/chats/")
    wait = next(p for p in op.params if p.name == "wait_for_stream")
    assert wait.type == ir.LiteralOf((False,))
    assert not wait.required


def test_c17_python_optional_http_required() -> None:
    api = clean("c17-python-optional-http-required")
    tiles = api.type_named("Map")
    assert isinstance(tiles, ir.ObjectType)
    (field,) = [f for f in tiles.fields if f.name == "tiles"]
    assert (field.required, field.nullable) == (True, True)
    assert field.type == ir.ListOf(ir.Primitive("number"))


WHOLE_BODY_HTTP = page(
    "Update Blob",
    "patch",
    "/v1/blobs/{blob_id}",
    "### Path Parameters",
    "",
    "- `blob_id: string`",
    "",
    "### Body Parameters",
    "",
    "- `body: string or object { size }`",
    "",
    "  - `string`",
    "",
    "  - `Sized object { size }`",
    "",
    "    - `size: number`",
)
WHOLE_BODY_PYTHON = page(
    "Update Blob",
    "patch",
    "/v1/blobs/{blob_id}",
    "### Parameters",
    "",
    "- `blob_id: str`",
    "",
    "- `size: float`",
    sdk="blobs.update(strblob_id, BlobUpdateParams**kwargs)  -> object",
)


def test_a_whole_body_bullet_is_the_body_type_not_a_property(tmp_path: Path) -> None:
    api, diags = build(tmp_path, blobs_http=WHOLE_BODY_HTTP, blobs_python=WHOLE_BODY_PYTHON)
    assert diags == []
    op = operation(api, "patch", "/v1/blobs/{blob_id}")
    assert op.body == ir.Ref("BlobUpdateParams")
    body = api.type_named("BlobUpdateParams")
    assert isinstance(body, ir.UnionType)
    assert body.members == (ir.Primitive("string"), ir.Ref("BlobUpdateParamsBodySized"))
    assert [(p.location, p.name, p.whole_body) for p in op.params] == [
        ("path", "blob_id", False),
        ("body", "body", True),  # Python's `size` is a field of a variant, not a parameter
    ]
    assert op.params[1].type == ir.Ref("BlobUpdateParams")


def test_a_body_parameter_named_body_of_an_object_type_is_a_field(tmp_path: Path) -> None:
    http = page(
        "Send",
        "post",
        "/v1/send",
        "### Body Parameters",
        "",
        "- `body: Message`",
        "",
        "- `to: string`",
    )
    http += (
        "\n## Domain Types\n\n### Message\n\n- `Message object { text }`\n\n  - `text: string`\n"
    )
    api, diags = build(tmp_path, sends_http=http)
    op = operation(api, "post", "/v1/send")
    assert op.body is not None
    body = api.type_named(op.body.name)
    assert isinstance(body, ir.ObjectType)
    assert [f.wire_name for f in body.fields] == ["body", "to"]
    assert not any(p.whole_body for p in op.params)


def test_c15_whole_body_is_union_pseudo_param() -> None:
    api = clean("c15-whole-body-is-union-pseudo-param")
    create = operation(api, "post", "/v1/recipes")
    assert create.body == ir.Ref("RecipeCreateParams")
    union = api.type_named("RecipeCreateParams")
    assert isinstance(union, ir.UnionType)
    assert union.discriminator is not None and union.discriminator.property == "kind"
    assert [(p.name, p.whole_body, p.required) for p in create.params] == [("body", True, True)]
    delete = operation(api, "delete", "/v1/recipes/{recipe_id}")  # a DELETE with a body
    assert delete.body == ir.Ref("RecipeDeleteParams")
    alias = api.type_named("RecipeDeleteParams")
    assert isinstance(alias, ir.AliasType) and alias.target == ir.MapOf(ir.Unknown())
    assert [(p.location, p.whole_body, p.required) for p in delete.params] == [
        ("path", False, True),
        ("body", True, False),
    ]
    for t in api.types:  # no property named `body` anywhere
        assert not isinstance(t, ir.ObjectType) or all(f.wire_name != "body" for f in t.fields)


# --- generated and called ------------------------------------------------------------------------


def generated(
    tmp_path_factory: pytest.TempPathFactory, construct: str, sdk: str
) -> tuple[ModuleType, ModuleType]:
    """A reproducer's SDK and server generated as packages `sdk` and `sdk_server` into a temp
    dir, imported from there."""
    loaded = load(CONSTRUCTS / construct / "spec", sdk_package=sdk, server_package=sdk + "_server")
    out = tmp_path_factory.mktemp(sdk)
    for rel, data in emit(loaded.api, loaded.config).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module(sdk), importlib.import_module(sdk + "_server")
    finally:
        sys.path.remove(str(out))


class Wire:
    """A stub transport that records each request and answers `{}`-like JSON."""

    def __init__(self, answer: object) -> None:
        self.requests: list[httpx.Request] = []
        self.answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=self.answer)

    def client(self, sdk: ModuleType) -> object:
        http = httpx.Client(transport=httpx.MockTransport(self))
        return sdk.Client(api_key="k", base_url="https://api.test", http_client=http)


def test_c10_parameters_of_one_name_go_each_to_their_location(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    sdk, _ = generated(tmp_path_factory, "c10-same-param-name-two-locations", "c10_sdk")
    wire = Wire({"replayed": 1})
    client = wire.client(sdk)
    client.jobs.replay("j1", body_job_id="j2", body_simulate=True, query_simulate=False)  # type: ignore[attr-defined]
    (request,) = wire.requests
    assert request.url.path == "/v1/jobs/j1/replay"
    assert dict(request.url.params) == {"simulate": "false"}
    assert json.loads(request.content) == {"job_id": "j2", "simulate": True}


def test_c15_the_whole_body_is_sent_as_it_is(tmp_path_factory: pytest.TempPathFactory) -> None:
    sdk, server = generated(tmp_path_factory, "c15-whole-body-is-union-pseudo-param", "c15_sdk")
    wire = Wire({"id": "r1"})
    client = wire.client(sdk)
    client.recipes.create(body={"dish_id": "d1", "kind": "dish"})  # type: ignore[attr-defined]
    assert json.loads(wire.requests[-1].content) == {"dish_id": "d1", "kind": "dish"}
    client.recipes.delete("r1")  # type: ignore[attr-defined]
    assert (wire.requests[-1].method, wire.requests[-1].content) == ("DELETE", b"")
    client.recipes.delete("r1", body={"why": "old"})  # type: ignore[attr-defined]
    assert json.loads(wire.requests[-1].content) == {"why": "old"}

    got: list[object] = []

    class Recipes(server.RecipesHandler):  # type: ignore[name-defined,misc]
        def create(self, *, body: object) -> dict[str, str]:
            got.append(body)
            return {"id": "r2"}

        def delete(self, recipe_id: str, *, body: object) -> dict[str, str]:
            got.append((recipe_id, body))
            return {}

    live = LiveServer(server.create_app([Recipes()])).start()
    try:
        real = sdk.Client(api_key="k", base_url=live.url)
        assert real.recipes.create(body={"dish_id": "d1", "kind": "dish"}).id == "r2"
        real.recipes.delete("r3", body={"why": "old"})
    finally:
        live.stop()
    dish, deleted = got
    assert type(dish).__name__ == "RecipeCreateParamsBodyFromDish"  # the union, discriminated
    assert deleted == ("r3", {"why": "old"})


def test_a_field_required_in_http_and_optional_in_python_is_required_and_nullable(
    tmp_path: Path,
) -> None:
    http = page(
        "Get Map",
        "get",
        "/v1/maps/{map_id}",
        "### Returns",
        "",
        "- `Map object { tiles, name }`",
        "",
        "  - `tiles: array of number`",
        "",
        "  - `name: optional string`",
    )
    python = page(
        "Get Map",
        "get",
        "/v1/maps/{map_id}",
        "### Returns",
        "",
        "- `class Map: …`",
        "",
        "  - `tiles: Optional[List[float]]`",
        "",
        "  - `name: str`",
        sdk="maps.retrieve(strmap_id)  -> Map",
    )
    api, diags = build(tmp_path, maps_http=http, maps_python=python)
    assert diags == []
    m = api.type_named("Map")
    assert isinstance(m, ir.ObjectType)
    assert [(f.name, f.required, f.nullable) for f in m.fields] == [
        ("tiles", True, True),
        ("name", False, False),
    ]


# --- the mirror's API pages ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> tuple[ir.Api, list[str]]:
    """The mirror's HTTP and Python reference pages, read and built once (a few seconds)."""
    spec = tmp_path_factory.mktemp("mirror")
    shutil.copytree(MIRROR / "api" / "resources", spec / "api" / "resources")
    shutil.copytree(MIRROR / "api" / "python" / "resources", spec / "api" / "python" / "resources")
    loaded = load(spec)
    return loaded.api, [d.format() for d in loaded.diags.items]


def test_the_mirrors_parameters_and_page_syntax(mirror: tuple[ir.Api, list[str]]) -> None:
    api, diags = mirror
    assert not [d for d in diags if " D001: " in d and ("title" in d or "x-override" in d)]
    imported = operation(api, "post", "/v1/agents/import")
    assert params(imported)[0] == (
        "header",
        "x_override_embedding_model",
        "x-override-embedding-model",
        False,
        True,
    )
    assert imported.body is not None
    body = api.type_named(imported.body.name)
    assert isinstance(body, ir.ObjectType)
    assert "x-override-embedding-model" not in {f.wire_name for f in body.fields}
    approval = operation(api, "patch", "/v1/agents/{agent_id}/tools/approval/{tool_name}")
    assert [(p.location, p.name, p.required) for p in approval.params] == [
        ("path", "agent_id", True),
        ("path", "tool_name", True),
        ("query", "query_requires_approval", False),
        ("body", "body_requires_approval", True),
    ]
    tokens = operation(api, "get", "/v1/client-side-access-tokens")
    assert ("query", "agent_id", "agentId", False, True) in params(tokens)
    assert not any(p.wire_name == "agent_id" for p in tokens.params)  # no duplicate
    delete = operation(api, "delete", "/v1/client-side-access-tokens/{token}")
    assert [(p.name, p.whole_body) for p in delete.params] == [("token", False), ("body", True)]
    health = operation(api, "get", "/v1/health/")
    assert (health.resource, health.sdk_name) == ((), "health")


def test_c18_the_sdk_takes_a_datetime_or_its_string(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    import datetime as dt
    import inspect

    sdk, _ = generated(tmp_path_factory, "c18-python-datetime-union-param", "c18_sdk")
    wire = Wire({"count": 2})
    client = wire.client(sdk)
    search = client.logs.search  # type: ignore[attr-defined]
    assert inspect.signature(search).parameters["since"].annotation == (
        "str | datetime | None | NotGiven"
    )
    search(since=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    search(since="2024-01-02T03:04:05Z")
    sent = [json.loads(r.content)["since"] for r in wire.requests]
    assert [dt.datetime.fromisoformat(s.replace("Z", "+00:00")) for s in sent] == [
        dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    ] * 2
