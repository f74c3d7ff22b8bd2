"""The kinds on the real reference: the API pages of the docs mirror (HTTP and Python flavors),
read once. Whatever else the mirror still reports, these operations have these kinds."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from paths import MIRROR

from generator import ir
from generator.pipeline import load


def test_the_mirrors_streams_uploads_pages_and_deprecations(tmp_path: Path) -> None:
    spec = tmp_path / "m"
    shutil.copytree(MIRROR / "api" / "resources", spec / "api" / "resources")
    shutil.copytree(MIRROR / "api" / "python" / "resources", spec / "api" / "python" / "resources")
    gc.disable()  # as the command does (`generator.cli`): half the time on 10 MB of docs
    try:
        api = load(spec).api
    finally:
        gc.enable()
    ops = {(op.method, op.path): op for op in api.operations}

    stream = ops["post", "/v1/agents/{agent_id}/messages/stream"]
    assert isinstance(stream.response_kind, ir.EventStream)
    assert stream.response == ir.Ref("LettaStreamingResponse")
    assert stream.deprecated and stream.stream_switch is None
    create = ops["post", "/v1/agents/{agent_id}/messages"]
    assert isinstance(create.response_kind, ir.JsonResponse)
    assert create.stream_switch is not None and create.stream_switch.param == "streaming"
    assert create.stream_switch.event == stream.response  # the stream sends its callers there
    assert not create.deprecated
    streams = [op for op in api.operations if isinstance(op.response_kind, ir.EventStream)]
    assert streams == [stream]

    upload = ops["post", "/v1/agents/import"]
    assert isinstance(upload.request_kind, ir.MultipartBody) and upload.request_kind.files == (
        "file",
    )
    assert [op for op in api.operations if isinstance(op.request_kind, ir.MultipartBody)] == [
        upload
    ]
    assert isinstance(ops["post", "/v1/agents/{agent_id}/recompile"].response_kind, ir.PlainText)
    assert isinstance(ops["delete", "/v1/archives/{archive_id}"].response_kind, ir.NoContent)
    assert isinstance(ops["delete", "/v1/tools/{tool_id}"].response_kind, ir.Untyped)

    assert isinstance(ops["get", "/v1/agents/"].pagination, ir.CursorList)
    files = ops["get", "/v1/agents/{agent_id}/files"]
    assert isinstance(files.pagination, ir.CursorEnvelope)
    page = files.pagination
    assert (page.items, page.cursor_param, page.has_more, page.next_cursor) == (
        "files",
        "after",
        "has_more",
        "next_cursor",
    )
    assert [p.wire_name for p in files.params if p.deprecated] == ["cursor"]
    tokens = ops["get", "/v1/client-side-access-tokens"].pagination
    assert isinstance(tokens, ir.OffsetEnvelope)
    assert (tokens.items, tokens.offset_param, tokens.has_more, tokens.limit) == (
        "tokens",
        "offset",
        "hasNextPage",
        "limit",
    )
