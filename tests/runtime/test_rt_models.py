"""BaseModel, NOT_GIVEN, RequestOptions and the public export list."""

from __future__ import annotations

import dataclasses
import warnings

import httpx
import pytest

PUBLIC = """NOT_GIVEN NotGiven Headers Query Body Timeout RequestOptions SyncAPIClient AsyncAPIClient
SyncAPIResource AsyncAPIResource SyncArrayPage AsyncArrayPage AsyncPaginator APIResponse
AsyncAPIResponse BaseModel APIError APIConnectionError APITimeoutError APIStatusError
BadRequestError AuthenticationError PermissionDeniedError NotFoundError ConflictError
UnprocessableEntityError RateLimitError InternalServerError APIResponseValidationError""".split()


def test_public_names(rt):
    missing = [name for name in PUBLIC if not hasattr(rt, name)]
    assert missing == []
    assert set(PUBLIC) <= set(rt.__all__)
    assert all(hasattr(rt, name) for name in rt.__all__)


def test_not_given(rt):
    assert not rt.NOT_GIVEN
    assert bool(rt.NOT_GIVEN) is False
    assert repr(rt.NOT_GIVEN) == "NOT_GIVEN"
    assert isinstance(rt.NOT_GIVEN, rt.NotGiven)
    assert rt.NOT_GIVEN is not None


def test_request_options(rt):
    options = rt.RequestOptions()
    assert (options.extra_headers, options.extra_query, options.extra_body) == (None, None, None)
    assert options.timeout is rt.NOT_GIVEN and options.max_retries is rt.NOT_GIVEN
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.timeout = 1  # type: ignore[misc]
    assert rt.RequestOptions(timeout=httpx.Timeout(1.0), max_retries=0).max_retries == 0


def test_base_model_keeps_unknown_fields_and_tracks_set_fields(sdk):
    tool = sdk.Tool.model_validate({"id": "t", "metadata_": None, "brand_new": [1]})
    assert tool.metadata is None
    assert tool.brand_new == [1]
    assert tool.model_extra == {"brand_new": [1]}
    assert "metadata" in tool.model_fields_set
    assert "description" not in tool.model_fields_set
    assert tool.to_dict() == {"id": "t", "metadata_": None, "brand_new": [1]}
    assert tool.to_json(indent=None) == '{"id":"t","metadata_":null,"brand_new":[1]}'
    assert tool.to_dict(exclude_unset=False)["description"] is None


def test_base_model_accepts_field_names_and_protected_namespaces(rt):
    with warnings.catch_warnings():
        warnings.simplefilter("error")

        class LLMConfig(rt.BaseModel):
            model_name: str
            model_endpoint: str | None = None

    config = LLMConfig(model_name="gpt")
    assert config.to_dict() == {"model_name": "gpt"}


def test_populate_by_name(sdk):
    tool = sdk.Tool(id="t", metadata={"k": "v"})
    assert tool.metadata == {"k": "v"}
    assert tool.to_json() == '{\n  "id": "t",\n  "metadata_": {\n    "k": "v"\n  }\n}'
