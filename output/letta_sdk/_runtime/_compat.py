"""Forward compatibility: parse what a newer server sends without failing.

A response is validated normally first. When that fails, it is built leniently instead: every
part that validates is typed as usual; a value the SDK does not know yet (a new enum value, a new
union variant, a changed scalar) is kept exactly as the server sent it. Unknown fields are kept by
the models themselves (``extra="allow"``).
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

import pydantic

from ._models import validate_type


def is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def construct_lenient(tp: Any, data: object) -> Any:
    """``tp`` built from ``data``, validated where possible and kept as sent where not."""
    try:
        return validate_type(tp, data)
    except (pydantic.ValidationError, TypeError):
        pass
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        if _unknown_tag(args, data):
            return data  # a variant this SDK does not know yet
        return construct_lenient(args[0], data)
    if is_model(tp) and isinstance(data, dict):
        return _construct_model(tp, data)
    if origin in (list, tuple) and isinstance(data, list) and args:
        return [construct_lenient(args[0], item) for item in data]
    if origin is dict and isinstance(data, dict) and len(args) == 2:
        return {k: construct_lenient(args[1], v) for k, v in data.items()}
    if origin in (Union, types.UnionType):
        return _construct_union(args, data)
    return data


def _construct_model(tp: type[pydantic.BaseModel], data: dict[str, object]) -> pydantic.BaseModel:
    names = {(f.alias or name): name for name, f in tp.model_fields.items()}
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        name = names.get(key) or (key if key in tp.model_fields else None)
        if name is None:
            extra[key] = value
        else:
            values[name] = construct_lenient(tp.model_fields[name].annotation, value)
    return tp.model_construct(_fields_set=set(values), **values, **extra)


def _construct_union(args: tuple[Any, ...], data: object) -> Any:
    members = [a for a in args if a is not type(None)]
    containers = [m for m in members if get_origin(m) in (list, tuple, dict, Annotated)]
    for member in containers:  # `Optional[List[X]]`: build the list item by item
        if shape_matches(member, data):
            return construct_lenient(member, data)
    if isinstance(data, dict):  # a variant whose required fields are all there, most overlap
        fitting = [m for m in members if is_model(m) and _required(m) <= set(data)]
        if fitting:
            best = max(fitting, key=lambda m: len(set(data) & _wire_names(m)))
            return _construct_model(best, data)
    return data  # a variant this SDK does not know yet


def _unknown_tag(args: tuple[Any, ...], data: object) -> bool:
    """A discriminated union whose tag in ``data`` names none of its variants."""
    tag = next((getattr(a, "discriminator", None) for a in args[1:]), None)
    if not isinstance(tag, str) or not isinstance(data, dict) or tag not in data:
        return False
    known: set[object] = set()
    for member in get_args(args[0]):
        field = member.model_fields.get(tag) if is_model(member) else None
        if field is not None:
            known.update(get_args(field.annotation))
    return bool(known) and data[tag] not in known


def _required(tp: type[pydantic.BaseModel]) -> set[str]:
    return {(f.alias or name) for name, f in tp.model_fields.items() if f.is_required()}


def _wire_names(tp: type[pydantic.BaseModel]) -> set[str]:
    return {(f.alias or name) for name, f in tp.model_fields.items()}


def shape_matches(tp: Any, data: object) -> bool:
    """False when the top level is not even the right kind of JSON value (then the response is
    reported as invalid rather than built leniently)."""
    origin = get_origin(tp)
    if origin is Annotated:
        return shape_matches(get_args(tp)[0], data)
    if is_model(tp):
        return isinstance(data, dict)
    if origin in (list, tuple):
        return isinstance(data, list)
    if origin is dict:
        return isinstance(data, dict)
    return True
