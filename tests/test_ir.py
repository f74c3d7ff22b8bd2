"""The IR of the sample spec: exact facts, and a syrupy snapshot of the whole thing."""

from __future__ import annotations

import json

from generator import ir, ir_json
from generator.diagnostics import Level


def test_ten_operations_with_sdk_paths_and_signatures(loaded):
    ops = [
        (o.method, o.path, ".".join([*o.resource, o.sdk_name]), o.positional)
        for o in loaded.api.operations
    ]
    assert ops == [
        ("delete", "/v1/tools/{tool_id}", "tools.delete", ("tool_id",)),
        ("get", "/v1/tools/{tool_id}", "tools.retrieve", ("tool_id",)),
        ("patch", "/v1/tools/{tool_id}", "tools.update", ("tool_id",)),
        ("get", "/v1/tools/", "tools.list", ()),
        ("post", "/v1/tools/", "tools.create", ()),
        ("put", "/v1/tools/", "tools.upsert", ()),
        ("post", "/v1/tools/search", "tools.search", ()),
        (
            "post",
            "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run",
            "mcp_servers.tools.run",
            ("tool_id",),
        ),
        (
            "get",
            "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}",
            "mcp_servers.tools.retrieve",
            ("tool_id",),
        ),
        (
            "get",
            "/v1/mcp-servers/{mcp_server_id}/tools",
            "mcp_servers.tools.list",
            ("mcp_server_id",),
        ),
    ]


def test_the_spec_reads_without_warnings(loaded):
    assert [d.format() for d in loaded.diags.items if d.level is not Level.NOTE] == []


def test_type_graph_counts(loaded):
    kinds: dict[str, int] = {}
    for t in loaded.api.types:
        kinds[type(t).__name__] = kinds.get(type(t).__name__, 0) + 1
    assert kinds == {"ObjectType": 80, "EnumType": 5, "UnionType": 16, "AliasType": 3}
    objects = [t for t in loaded.api.types if isinstance(t, ir.ObjectType)]
    assert sum(len(t.fields) for t in objects) == 524


def test_flavors_merge_into_one_tool(loaded):
    tool = loaded.api.type_named("Tool")
    assert isinstance(tool, ir.ObjectType)
    fields = {f.name: f for f in tool.fields}
    assert len(fields) == 18
    assert fields["metadata"].wire_name == "metadata_"
    assert fields["return_char_limit"].type == ir.Primitive("integer")
    assert fields["return_char_limit"].constraints == ir.Constraints(minimum=1, maximum=1000000)
    assert fields["tool_type"].type == ir.Ref("ToolType")
    npm = loaded.api.type_named("NpmRequirement")
    assert npm.fields[0].constraints == ir.Constraints(min_length=1)


def test_documented_names_of_inline_classes_are_kept(loaded):
    names = {t.name for t in loaded.api.types}
    assert {
        "CompactionSettingsModelSettingsSgLangModelSettings",
        "ModelSettingsSgLangModelSettings",
    } <= names
    tool_rule = loaded.api.type_named("ToolRule")
    assert isinstance(tool_rule, ir.UnionType) and len(tool_rule.members) == 9
    assert tool_rule.discriminator is not None and tool_rule.discriminator.property == "type"


def test_every_documented_response_example_fits_the_ir(loaded):
    without = [o.operation_id for o in loaded.api.operations if o.response_example is None]
    assert without == ["mcp_servers_tools_list"]  # documented by the overview page only
    assert not [d for d in loaded.diags.items if d.code == "M012"]


def test_ir_snapshot(loaded, snapshot):
    assert json.dumps(ir_json.api(loaded.api), indent=1) == snapshot
