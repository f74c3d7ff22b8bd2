"""Request and response kinds and pagination on the reproducers (`../shared/constructs/`):
c09 multipart upload, c12 a page of the class the Python Returns show, c22 Server-Sent Events.
The SDK and the server cannot write uploads and streams yet: each is left out with one W001
warning, and the OpenAPI document has it (the correct result's SDK half is the next issue's)."""

from __future__ import annotations

from typing import Any

from constructs.support import clean, load_construct, operation
from generator import ir
from generator.diagnostics import Level
from generator.pipeline import Loaded
from generator.writers import openapi

C09 = "c09-multipart-file-upload"
C12 = "c12-python-page-returns-item-class"
C22 = "c22-sse-streaming-endpoint"


def only_left_out(loaded: Loaded) -> str:
    """The one warning of a reproducer the SDK cannot write yet: W001, naming the operation."""
    warnings = [d for d in loaded.diags.items if d.level is not Level.NOTE]
    assert [d.code for d in warnings] == ["W001"], loaded.diags.render()
    return warnings[0].message


def document(loaded: Loaded) -> dict[str, Any]:
    return openapi.openapi_document(loaded.api, loaded.config)


def test_c09_file_types_and_curl_form_make_a_multipart_upload() -> None:
    loaded = load_construct(C09)
    assert "POST /v1/albums/{album_id}/upload (albums.upload)" in only_left_out(loaded)
    op = operation(loaded.api, "post", "/v1/albums/{album_id}/upload")
    assert isinstance(op.request_kind, ir.MultipartBody)
    assert op.request_kind.files == ("file",)
    by_name = {p.wire_name: p for p in op.params}
    assert (by_name["file"].location, by_name["file"].type) == ("body", ir.Primitive("binary"))
    assert by_name["file"].required
    assert by_name["keep_exif"].location == "body"  # a form field
    assert by_name["caption"].location == "query"
    assert isinstance(op.response_kind, ir.JsonResponse)

    doc = document(loaded)
    body = doc["paths"][op.path]["post"]["requestBody"]
    assert list(body["content"]) == ["multipart/form-data"]
    form = body["content"]["multipart/form-data"]["schema"]
    assert op.body is not None and form == openapi.schema_ref(op.body.name)
    fields = doc["components"]["schemas"][op.body.name]["properties"]
    assert fields["file"]["format"] == "binary"
    assert set(fields) == {"file", "keep_exif"}


def test_c12_a_page_of_the_returned_class_is_a_cursor_list_of_it() -> None:
    loaded = load_construct(C12)
    # the conflict of the HTTP inline list with the Python class (construct 4, names) may
    # still be reported; nothing else is
    assert {d.code for d in loaded.diags.items if d.level is not Level.NOTE} <= {"M003"}
    for api in (loaded.api, clean(C12, "spec-python-only")):
        op = operation(api, "get", "/v1/cups/")
        assert isinstance(op.response, ir.ListOf) and isinstance(op.response.item, ir.Ref)
        item = api.type_named(op.response.item.name)
        assert isinstance(item, ir.ObjectType)
        assert [f.wire_name for f in item.fields] == ["id", "volume"]
        assert isinstance(op.pagination, ir.CursorList)
        assert (op.pagination.cursor_param, op.pagination.item_id) == ("after", "id")
        assert isinstance(op.response_kind, ir.JsonResponse)


def test_c22_an_sse_endpoint_is_an_event_stream_of_its_event_union() -> None:
    loaded = load_construct(C22)
    assert "(chats.stream)" in only_left_out(loaded)
    op = operation(loaded.api, "post", "/v1/chats/{chat_id}/stream")
    assert isinstance(op.response_kind, ir.EventStream)
    assert isinstance(op.request_kind, ir.JsonBody)
    assert op.stream_switch is None
    assert isinstance(op.response, ir.Ref)
    event = loaded.api.type_named(op.response.name)
    assert isinstance(event, ir.UnionType)
    assert sorted(str(m.name) for m in event.members if isinstance(m, ir.Ref)) == [
        "DoneMarker",
        "TokenChunk",
    ]
    content = document(loaded)["paths"][op.path]["post"]["responses"]["200"]["content"]
    assert list(content) == ["text/event-stream"]
    assert content["text/event-stream"]["schema"] == openapi.schema_ref(op.response.name)
