"""Forward compatibility: responses from a newer server parse instead of raising."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Literal

import httpx
import pytest
from pydantic import Field


def _models(rt: ModuleType):
    class Text(rt.BaseModel):
        text: str
        type: Literal["text"] = "text"

    class Image(rt.BaseModel):
        url: str
        type: Literal["image"] = "image"

    Part = Annotated[Text | Image, Field(discriminator="type")]

    class Message(rt.BaseModel):
        id: str
        kind: Literal["a", "b"] | None = None
        parts: list[Part] | None = None
        count: int | None = None

    return Text, Image, Message


def test_valid_data_is_validated_as_usual(rt: ModuleType) -> None:
    Text, _, Message = _models(rt)
    msg = rt._compat.construct_lenient(
        Message, {"id": "m", "parts": [{"text": "hi", "type": "text"}]}
    )
    assert isinstance(msg.parts[0], Text)
    assert msg.model_fields_set == {"id", "parts"}


def test_unknown_enum_value_is_kept_and_the_rest_stays_typed(rt: ModuleType) -> None:
    Text, _, Message = _models(rt)
    data = {"id": "m", "kind": "brand_new", "parts": [{"text": "hi", "type": "text"}], "more": 1}
    msg = rt._compat.construct_lenient(Message, data)
    assert msg.kind == "brand_new"
    assert isinstance(msg.parts[0], Text)
    assert msg.model_extra == {"more": 1}
    assert msg.to_dict() == data


def test_unknown_union_variant_is_kept_as_sent(rt: ModuleType) -> None:
    Text, _, Message = _models(rt)
    parts = [{"text": "hi", "type": "text"}, {"video": "v.mp4", "type": "video"}]
    msg = rt._compat.construct_lenient(Message, {"id": "m", "parts": parts})
    assert isinstance(msg.parts[0], Text)
    assert msg.parts[1] == {"video": "v.mp4", "type": "video"}


def test_response_parsing_uses_the_lenient_path(rt: ModuleType) -> None:
    _, _, Message = _models(rt)
    request = httpx.Request("GET", "https://api.example.com/m")
    response = httpx.Response(200, json={"id": "m", "kind": "c", "count": 2}, request=request)
    msg = rt._response.parse_body(response, Message)
    assert (msg.id, msg.kind, msg.count) == ("m", "c", 2)


def test_a_body_of_the_wrong_kind_is_still_an_error(rt: ModuleType) -> None:
    _, _, Message = _models(rt)
    with pytest.raises(rt.APIResponseValidationError):
        request = httpx.Request("GET", "https://api.example.com/m")
        response = httpx.Response(200, json=["not", "an", "object"], request=request)
        rt._response.parse_body(response, Message)
