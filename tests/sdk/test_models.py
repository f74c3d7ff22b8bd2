"""The generated models against the documented examples: strict validation, exact round trip,
and forward compatibility with what a newer server may send."""

from __future__ import annotations

import copy
import importlib
from typing import Any

import httpx
import pydantic
import pytest
from jsoncompare import same_instants

from generator import ir


@pytest.fixture(scope="module")
def types(generated_dir):
    return importlib.import_module("letta_sdk.types")


def py_type(ref: ir.TypeRef, types: Any) -> Any:
    if isinstance(ref, ir.Ref):
        return getattr(types, ref.name)
    if isinstance(ref, ir.ListOf):
        return list[py_type(ref.item, types)]
    raise AssertionError(f"unexpected response type {ref}")


def examples(loaded) -> list[tuple[ir.Operation, Any]]:
    return [
        (op, op.response_example.value)
        for op in loaded.api.operations
        if op.response_example is not None
    ]


def test_every_documented_example_validates_and_round_trips(loaded, types):
    checked = 0
    for op, data in examples(loaded):
        adapter = pydantic.TypeAdapter(py_type(op.response, types))
        value = adapter.validate_python(data)  # strict path: raises if the example does not fit
        dumped = adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
        assert same_instants(dumped) == same_instants(data), op.operation_id
        checked += 1
    assert checked == 9


def test_aliases_are_sdk_names_for_wire_names(types):
    tool = types.Tool.model_validate({"id": "t", "metadata_": {"a": 1}})
    assert tool.metadata == {"a": 1}
    assert tool.to_dict() == {"id": "t", "metadata_": {"a": 1}}
    assert types.Tool.model_fields["metadata"].alias == "metadata_"


def test_null_and_missing_are_told_apart(types):
    tool = types.Tool.model_validate({"id": "t", "description": None})
    assert tool.description is None and "description" in tool.model_fields_set
    assert "name" not in tool.model_fields_set


def _runtime_parse(loaded, types, op_id: str, data: Any) -> Any:
    runtime = importlib.import_module("letta_sdk._runtime._response")
    op = next(o for o in loaded.api.operations if o.operation_id == op_id)
    response = httpx.Response(200, json=data, request=httpx.Request("GET", "https://x"))
    return runtime.parse_body(response, py_type(op.response, types))


def test_unknown_fields_and_enum_values_from_a_newer_server_survive(loaded, types):
    op = next(o for o in loaded.api.operations if o.operation_id == "tools_retrieve")
    data = copy.deepcopy(op.response_example.value)  # the IR's value is shared: never mutated
    data["tool_type"] = "letta_quantum_core"
    data["brand_new_field"] = {"x": 1}
    tool = _runtime_parse(loaded, types, "tools_retrieve", data)
    assert isinstance(tool, types.Tool)
    assert tool.tool_type == "letta_quantum_core"
    assert tool.model_extra == {"brand_new_field": {"x": 1}}
    assert isinstance(tool.npm_requirements[0], types.NpmRequirement)


def test_unknown_union_variant_from_a_newer_server_survives(loaded, types):
    op = next(o for o in loaded.api.operations if o.operation_id == "mcp_servers_tools_run")
    newer = copy.deepcopy(op.response_example.value)
    newer["agent_state"]["tool_rules"].append({"tool_name": "x", "type": "time_travel_rule"})
    result = _runtime_parse(loaded, types, "mcp_servers_tools_run", newer)
    rules = result.agent_state.tool_rules
    assert isinstance(rules[0], types.ChildToolRule)
    assert rules[-1] == {"tool_name": "x", "type": "time_travel_rule"}


def test_documented_descriptions_become_docstrings(types):
    assert (
        types.Tool.__doc__
        == "Representation of a tool, which is a function that can be called by the agent."
    )
