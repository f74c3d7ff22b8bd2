"""Request and response kinds, conditional streaming, pagination and deprecation
(`generator.resolve.kinds`), one rule at a time on small inline pages."""

from __future__ import annotations

from textwrap import dedent

import pytest

from generator import ir
from generator.diagnostics import Diagnostics, Level
from generator.readers import read_document
from generator.resolve import build_api


def build(*docs: tuple[str, str]) -> tuple[ir.Api, Diagnostics]:
    diags = Diagnostics()
    facts = [read_document(name, dedent(text).lstrip(), diags) for name, text in docs]
    return build_api([f for f in facts if f is not None], diags), diags


def only_op(*docs: tuple[str, str]) -> ir.Operation:
    api, diags = build(*docs)
    assert [d for d in diags.items if d.level is not Level.NOTE] == [], diags.render()
    (op,) = api.operations
    return op


def http_page(
    *,
    method: str = "get",
    path: str = "/v1/things",
    description: str = "Does a thing.",
    params: str = "",
    returns: str | None = "- `id: string`",
    request: str = "curl https://api.example.test/v1/things",
    response: str | None = '{"id": "id"}',
) -> tuple[str, str]:
    """One HTTP-flavor page with one operation; `params` are whole `### … Parameters` sections."""
    text = f"# Things\n\n## Do Thing\n\n**{method}** `{path}`\n\n{description}\n\n{params}\n\n"
    if returns is not None:
        text += f"### Returns\n\n{returns}\n\n"
    text += f"### Example\n\n```http\n{request}\n```\n\n"
    if response is not None:
        text += f"#### Response\n\n```json\n{response}\n```\n"
    return ("things.http.md", text)


def python_page(
    signature: str, *, method: str = "post", path: str = "/v1/things", body: str = ""
) -> tuple[str, str]:
    text = f"## Do Thing\n\n`{signature}`\n\n**{method}** `{path}`\n\nDoes a thing.\n\n{body}\n"
    return ("things.python.md", text)


# --- request kinds ------------------------------------------------------------------------------


def test_a_python_file_types_parameter_is_a_multipart_file_read_as_binary() -> None:
    sig = "things.upload(ThingUploadParams**kwargs)  -> ThingUploadResponse"
    body = """
### Parameters

- `file: FileTypes`

- `note: Optional[str]`

### Returns

- `class ThingUploadResponse: …`

  - `id: str`
"""
    op = only_op(python_page(sig, path="/v1/things/upload", body=body))
    assert op.request_kind == ir.MultipartBody(("file",), op.params[0].span)
    file, note = op.params
    assert (file.wire_name, file.type, file.location) == ("file", ir.Primitive("binary"), "body")
    assert note.type == ir.Primitive("string")


def curl_form(*parts: str) -> str:
    return "curl https://api.example.test/v1/things/upload \\\n" + " \\\n".join(
        ['    -H "Content-Type: multipart/form-data"', *(f"    -F '{p}'" for p in parts)]
    )


def test_a_file_only_in_the_curl_example_makes_a_multipart_body() -> None:
    page = http_page(method="post", path="/v1/things/upload", request=curl_form("file=@a.jpg"))
    api, diags = build(page)
    (op,) = api.operations
    assert isinstance(op.request_kind, ir.MultipartBody)
    assert op.request_kind.files == ("file",)
    assert op.request_kind.span.file == "things.http.md"
    said = {(d.code, d.level, d.message.split(": ", 1)[1]) for d in diags.items}
    assert said == {
        (
            "M014",
            Level.NOTE,
            "the request example's form file 'file' is documented by no parameter;"
            " a binary form part",
        ),
        ("M014", Level.NOTE, "a multipart/form-data upload, as the request example sends it"),
    }


def test_a_form_field_only_in_the_curl_example_is_a_warning() -> None:
    params = "### Body Parameters\n\n- `file: string`"
    curl = curl_form("file=@a.jpg", "title=Holiday")
    page = http_page(method="post", path="/v1/things/upload", params=params, request=curl)
    api, diags = build(page)
    (op,) = api.operations
    assert isinstance(op.request_kind, ir.MultipartBody)
    assert op.request_kind.files == ("file",)  # `title=…` is a form field, not a file
    (warning,) = [d for d in diags.items if d.level is Level.WARNING]
    assert warning.code == "M014" and "form field 'title'" in warning.message


def test_body_parameters_make_a_json_body_and_none_make_no_body() -> None:
    params = "### Body Parameters\n\n- `name: string`"
    posted = only_op(http_page(method="post", params=params))
    assert isinstance(posted.request_kind, ir.JsonBody)
    assert posted.request_kind.span == posted.params[0].span
    assert isinstance(only_op(http_page()).request_kind, ir.NoBody)


# --- response kinds -----------------------------------------------------------------------------

SSE_RETURNS = """- `ThingEvent = Tick or Done`

  Streaming response type for Server-Sent Events (SSE) endpoints.

  - `Tick object { n }`

    - `n: number`

  - `Done object { total }`

    - `total: number`"""


def test_a_response_type_described_as_server_sent_events_is_an_event_stream() -> None:
    api, _ = build(http_page(method="post", returns=SSE_RETURNS, response='{"n": 1}'))
    (op,) = api.operations
    assert op.response == ir.Ref("ThingEvent")  # the type of each event
    assert op.response_kind == ir.EventStream(api.type_named("ThingEvent").span)


def test_a_stream_method_described_as_streaming_sse_is_an_event_stream() -> None:
    page = http_page(
        method="post",
        path="/v1/things/stream",
        description="Streams the reply as Server-Sent Events.",
        returns="- `n: number`",
        response='{"n": 1}',
    )
    assert isinstance(only_op(page).response_kind, ir.EventStream)
    _, diags = build(page)
    (note,) = diags.items
    assert (note.code, note.level) == ("M014", Level.NOTE)
    assert "Server-Sent Events (its description and its name say so)" in note.message


def test_sse_in_the_description_of_an_operation_not_named_stream_is_not_enough() -> None:
    page = http_page(
        description="Returns the SSE settings.", returns="- `n: number`", response='{"n": 1}'
    )
    assert isinstance(only_op(page).response_kind, ir.JsonResponse)


def test_a_body_flag_documented_as_switching_to_sse_is_a_stream_switch() -> None:
    params = """### Body Parameters

- `stream_tokens: optional boolean`

  Stream individual tokens (only used when streaming=true).

- `streaming: optional boolean`

  If True, returns a streaming response (Server-Sent Events). If False (default), returns a complete response."""
    op = only_op(http_page(method="post", params=params))
    assert isinstance(op.response_kind, ir.JsonResponse)
    assert op.stream_switch == ir.StreamSwitch("streaming", op.params[1].span)


def test_an_event_stream_has_no_stream_switch() -> None:
    params = """### Body Parameters

- `streaming: optional boolean`

  If True, returns a streaming response (Server-Sent Events)."""
    op = only_op(http_page(method="post", params=params, returns=SSE_RETURNS, response='{"n": 1}'))
    assert isinstance(op.response_kind, ir.EventStream)
    assert op.stream_switch is None


def test_a_string_response_is_plain_text() -> None:
    body = "### Parameters\n\n- `name: str`\n\n### Returns\n\n- `str`"
    op = only_op(python_page("things.render(ThingRenderParams**kwargs)  -> str", body=body))
    assert isinstance(op.response_kind, ir.PlainText)
    assert op.response == ir.Primitive("string")


def test_an_object_return_or_an_example_alone_is_untyped() -> None:
    body = "### Parameters\n\n- `thing_id: str`"
    sig = "things.delete(strthing_id)  -> object"
    op = only_op(python_page(sig, method="delete", path="/v1/things/{thing_id}", body=body))
    assert isinstance(op.response_kind, ir.Untyped)
    example_only = only_op(http_page(returns=None, response="{}"))
    assert isinstance(example_only.response_kind, ir.Untyped)
    assert example_only.response_kind.span.file == "things.http.md"


def test_nothing_documented_about_the_response_is_no_content() -> None:
    op = only_op(http_page(method="delete", returns=None, response=None))
    assert op.response is None
    assert isinstance(op.response_kind, ir.NoContent)


def test_a_documented_object_is_json() -> None:
    assert isinstance(only_op(http_page()).response_kind, ir.JsonResponse)


# --- deprecation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "deprecated"),
    [
        ("Does a thing.\n\nDeprecated: Use `POST /v1/other` instead.", True),
        ("Deprecated. Use the other one.", True),
        ("(Deprecated) Does a thing.", True),
        ("Accepts the flag in the body (preferred) or the query (deprecated).", False),
        ("Still supported, but deprecated for new agents onward.", False),
    ],
)
def test_an_operation_is_deprecated_when_its_description_says_so(
    description: str, deprecated: bool
) -> None:
    assert only_op(http_page(description=description)).deprecated is deprecated


def test_a_parameter_is_deprecated_when_its_description_says_so() -> None:
    params = """### Query Parameters

- `template_id: optional string`

  (Deprecated) The id of the template.

- `cursor: optional string`

  Pagination cursor from previous response (deprecated, use before/after)

- `model: optional string`

  Deprecated: Use `model_settings` instead.

- `name: optional string`

  Still supported, but deprecated for new agents onward."""
    op = only_op(http_page(params=params))
    assert {p.wire_name: p.deprecated for p in op.params} == {
        "template_id": True,
        "cursor": True,
        "model": True,
        "name": False,
    }


# --- pagination ---------------------------------------------------------------------------------

LIST_RETURNS = "- `id: string`\n\n- `name: string`"
LIST_EXAMPLE = '[{"id": "id", "name": "name"}]'


def query(*names: str) -> str:
    return "### Query Parameters\n\n" + "\n\n".join(f"- `{n}: optional string`" for n in names)


def test_a_list_of_items_with_an_id_and_an_after_cursor_is_a_cursor_list() -> None:
    page = http_page(
        params=query("after", "before", "limit"), returns=LIST_RETURNS, response=LIST_EXAMPLE
    )
    op = only_op(page)
    after = op.params[0]
    assert op.pagination == ir.CursorList("after", "id", after.span, before="before", limit="limit")


@pytest.mark.parametrize(
    ("names", "returns", "example"),
    [
        (("before", "limit"), LIST_RETURNS, LIST_EXAMPLE),  # no `after`
        (("after",), "- `name: string`", '[{"name": "n"}]'),  # items have no `id`
    ],
)
def test_no_cursor_list_without_an_after_cursor_or_item_ids(
    names: tuple[str, ...], returns: str, example: str
) -> None:
    page = http_page(params=query(*names), returns=returns, response=example)
    assert only_op(page).pagination is None


ENVELOPE = """- `files: array of object {{ id, name }}`

  - `id: string`

  - `name: string`

- `{flag}: {flag_type}`

{extra}"""


def test_an_object_with_items_has_more_and_next_cursor_is_a_cursor_envelope() -> None:
    returns = ENVELOPE.format(
        flag="has_more", flag_type="boolean", extra="- `next_cursor: optional string`"
    )
    example = '{"files": [{"id": "id", "name": "n"}], "has_more": true, "next_cursor": "c"}'
    op = only_op(http_page(params=query("after", "limit"), returns=returns, response=example))
    assert op.pagination == ir.CursorEnvelope(
        "files",
        "after",
        op.params[0].span,
        item_id="id",
        has_more="has_more",
        next_cursor="next_cursor",
        limit="limit",
    )


def test_an_object_with_items_has_next_page_and_after_is_a_cursor_envelope() -> None:
    returns = ENVELOPE.format(flag="has_next_page", flag_type="boolean", extra="")
    example = '{"files": [], "has_next_page": false}'
    op = only_op(http_page(params=query("after"), returns=returns, response=example))
    assert isinstance(op.pagination, ir.CursorEnvelope)
    assert (op.pagination.has_more, op.pagination.next_cursor) == ("has_next_page", None)


def test_an_object_with_items_has_next_page_and_offset_is_an_offset_envelope() -> None:
    returns = ENVELOPE.format(flag="hasNextPage", flag_type="boolean", extra="")
    example = '{"files": [], "hasNextPage": false}'
    op = only_op(http_page(params=query("limit", "offset"), returns=returns, response=example))
    offset = op.params[1]
    assert op.pagination == ir.OffsetEnvelope(
        "files", "offset", "hasNextPage", offset.span, limit="limit"
    )


def test_an_object_with_items_and_no_paging_field_is_not_paged() -> None:
    returns = ENVELOPE.format(flag="total", flag_type="number", extra="")
    example = '{"files": [], "total": 0}'
    op = only_op(http_page(params=query("after", "offset"), returns=returns, response=example))
    assert op.pagination is None


def test_a_python_page_returning_a_page_of_the_class_it_shows_returns_a_list() -> None:
    body = """### Parameters

- `after: Optional[str]`

### Returns

- `class Cup: …`

  - `id: str`

  - `volume: float`"""
    sig = "cups.list(CupListParams**kwargs)  -> SyncArrayPage[Cup]"
    op = only_op(python_page(sig, method="get", path="/v1/cups", body=body))
    assert op.response == ir.ListOf(ir.Ref("Cup"))
    assert isinstance(op.pagination, ir.CursorList)


SWITCH_PARAMS = """### Body Parameters

- `streaming: optional boolean`

  If True, returns a streaming response (Server-Sent Events)."""


def two_ops(stream_description: str) -> tuple[ir.Operation, ir.Operation]:
    send = http_page(method="post", path="/v1/things/{thing_id}/send", params=SWITCH_PARAMS)
    stream = http_page(
        method="post",
        path="/v1/things/{thing_id}/send/stream",
        description=stream_description,
        returns=SSE_RETURNS,
        response='{"n": 1}',
    )
    api, _ = build(send, ("stream.http.md", stream[1].replace("Do Thing", "Stream Thing")))
    by_path = {op.path: op for op in api.operations}
    return by_path["/v1/things/{thing_id}/send"], by_path["/v1/things/{thing_id}/send/stream"]


def test_a_switch_gets_the_events_of_the_stream_that_sends_its_callers_to_it() -> None:
    send, stream = two_ops(
        "Deprecated: Use the `POST /{thing_id}/send` endpoint with `streaming=true` instead."
    )
    assert send.stream_switch is not None and stream.response is not None
    assert send.stream_switch.event == stream.response == ir.Ref("ThingEvent")


@pytest.mark.parametrize(
    "description",
    [
        "Use the `POST /{thing_id}/send` endpoint with `other=true` instead.",  # not its flag
        "Use the `GET /{thing_id}/send` endpoint with `streaming=true` instead.",  # not its method
        "Streams the events.",
    ],
)
def test_a_switch_no_stream_points_at_keeps_unknown_events(description: str) -> None:
    send, _ = two_ops(description)
    assert send.stream_switch is not None and send.stream_switch.event is None
