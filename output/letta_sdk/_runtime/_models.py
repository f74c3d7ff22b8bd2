"""Pydantic base model for responses, and (de)serialization helpers."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Literal

import pydantic
from pydantic import ConfigDict

from ._types import NotGiven


class BaseModel(pydantic.BaseModel):
    """Base of response models: unknown fields are kept, fields accept name or alias.

    ``model_fields_set`` tells a field sent as ``null`` apart from a missing one.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())

    def to_dict(
        self, *, mode: Literal["json", "python"] = "json", exclude_unset: bool = True
    ) -> dict[str, object]:
        """Return the model as a dict keyed by wire names (only fields that were set)."""
        return self.model_dump(mode=mode, by_alias=True, exclude_unset=exclude_unset)

    def to_json(self, *, indent: int | None = 2, exclude_unset: bool = True) -> str:
        """Return the model as a JSON string keyed by wire names."""
        return self.model_dump_json(indent=indent, by_alias=True, exclude_unset=exclude_unset)


_ANY: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(Any)


@functools.lru_cache(maxsize=512)
def _cached_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


def validate_type(tp: Any, data: object) -> Any:
    """Validate ``data`` (decoded JSON) as ``tp`` with a cached ``TypeAdapter``."""
    try:
        adapter = _cached_adapter(tp)
    except TypeError:  # unhashable type form
        adapter = pydantic.TypeAdapter(tp)
    return adapter.validate_python(data)


def to_jsonable(value: object) -> object:
    """JSON data of a request value: models by alias (fields that were set), enums by value,
    dates as ISO 8601; NOT_GIVEN entries of a top-level mapping are dropped."""
    if isinstance(value, Mapping):
        value = {k: v for k, v in value.items() if not isinstance(v, NotGiven)}
    return _ANY.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
