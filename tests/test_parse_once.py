"""The docs' JSON is parsed once, by the readers: the facts and the IR carry values, and the
resolve and write phases of a generate of `spec/` parse no JSON text at all."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from generator import jsontext, pipeline
from generator.diagnostics import Diagnostics
from generator.jsontext import JsonData
from generator.readers import read_spec
from generator.writers import emit

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
OUTPUT = ROOT / "output"


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("JSON text parsed after the readers")


def _refuse_json_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way to parse JSON text in this process and in the children it forks."""
    monkeypatch.setattr(json, "loads", _refuse)
    monkeypatch.setattr(json, "load", _refuse)
    monkeypatch.setattr(json.JSONDecoder, "decode", _refuse)
    monkeypatch.setattr(json.JSONDecoder, "raw_decode", _refuse)
    monkeypatch.setattr(jsontext, "loads", _refuse)
    monkeypatch.setattr(jsontext, "scalar", _refuse)


def test_resolve_and_write_parse_no_json_text(monkeypatch: pytest.MonkeyPatch) -> None:
    real_build = pipeline.build_api

    def build_refusing(*args: Any, **kwargs: Any) -> Any:  # the readers are done by now
        _refuse_json_parsing(monkeypatch)
        with pytest.raises(AssertionError, match="after the readers"):
            json.loads("{}")  # the refusal is in place
        return real_build(*args, **kwargs)

    documented = {  # the operations with a JSON response example, as the readers saw them
        (op.method, (op.path or "").rstrip("/"))
        for doc in read_spec(SPEC, Diagnostics())
        for op in doc.operations
        if any(ex.role == "response" and ex.value is not None for ex in op.examples)
    }
    monkeypatch.setattr(pipeline, "build_api", build_refusing)
    loaded = pipeline.load(SPEC)
    assert not loaded.diags.has_errors, loaded.diags.render()
    with_example = [op for op in loaded.api.operations if op.response_example is not None]
    assert documented and len(with_example) == len(documented)
    files = emit(loaded.api, loaded.config)  # still refusing, in forked children too
    assert files and all((OUTPUT / path).read_bytes() == data for path, data in files.items())


def test_facts_carry_values_that_pickle() -> None:
    docs = read_spec(SPEC, Diagnostics())
    examples = [ex for doc in docs for op in doc.operations for ex in op.examples]
    responses = [ex for ex in examples if ex.role == "response"]
    assert responses and all(isinstance(ex.value, JsonData) for ex in responses)
    assert all(ex.value is None for ex in examples if ex.role == "request")
    assert pickle.loads(pickle.dumps(docs)) == docs  # how forked readers send facts back


def test_ir_nodes_holding_an_example_stay_hashable() -> None:
    api = pipeline.load(SPEC).api
    op = next(
        o
        for o in api.operations
        if o.response_example is not None and isinstance(o.response_example.value, dict)
    )
    assert isinstance(op.response_example, JsonData)
    assert isinstance(op.response_example.value, dict)
    assert hash(op) == hash(op) and op in {op}
    assert JsonData(None) != JsonData(False) and JsonData({"a": [1]}) == JsonData({"a": [1]})
    assert hash(JsonData({"a": 1})) == hash(JsonData({"a": 1}))
