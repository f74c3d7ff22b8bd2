"""Identifiers: validating constructors so that no raw docs string reaches a template as a name."""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata
from typing import NewType

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9]|\b|_|$)|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")
_RESERVED_ATTRS = {
    # pydantic BaseModel attributes a field must not shadow
    "model_config",
    "model_fields",
    "model_dump",
    "model_validate",
    "model_copy",
    "model_extra",
    "model_fields_set",
    "model_construct",
    "model_json_schema",
    "dict",
    "json",
    "copy",
    "schema",
    "construct",
    "validate",
    "parse_obj",
    "fields",
    "register",
}
# Names the generated modules import; a documented type of that name would hide them.
RESERVED_CLASSES = frozenset(
    "Literal Annotated Any TypeAlias Field BaseModel TYPE_CHECKING Optional Union".split()
)

# Names the generated code uses itself, which a docs name must not take (it would be a duplicate
# argument, or shadow a method of the SDK runtime in templates/sdk_runtime/):
RESERVED_PARAMS = frozenset(
    # arguments of every SDK method and server handler besides the documented parameters
    # (`body` only where there is a request body)
    "self body extra_headers extra_query extra_body timeout max_retries".split()
)
RESOURCE_ATTRS = frozenset({"with_raw_response", "with_streaming_response"})  # of every resource
CLIENT_ATTRS = RESOURCE_ATTRS | frozenset(  # of the client (top-level resources are attributes)
    "api_key base_url timeout max_retries default_headers path request close aclose get_page".split()
)


# A type name as the docs spell it (`URL object`, `sg-lang`, `ToolCreate`): not yet validated
# nor scoped. The resolver turns each into a `ClassName`; the IR holds only those.
DocName = NewType("DocName", str)

MAX_NAME = 100  # names become file names (at most 255 bytes, with `snake` underscores added)


def _shorten(name: str) -> str:
    """`name` cut to MAX_NAME characters, a digest of the whole keeping cut names apart."""
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9]}_{digest}"


def words(raw: str) -> list[str]:
    """Split any spelling (`mcp-servers`, `McpServers`, `tool_id`, `URL object`) into words."""
    return [w for w in _WORD.findall(raw.replace("-", " ").replace(".", " ")) if w]


def snake(raw: str) -> str:
    """`McpServers` -> `mcp_servers`; `tool-id` -> `tool_id`."""
    return "_".join(w.lower() for w in words(raw))


def pascal(raw: str) -> str:
    """`mcp_servers` -> `McpServers`; keeps inner capitals of an already Pascal word (`URL`)."""
    return "".join(w[:1].upper() + w[1:] for w in words(raw))


class PyName(str):
    """A valid, non-keyword Python identifier in snake_case spelling (attributes, params, modules)."""

    __slots__ = ()

    def __new__(cls, raw: str) -> PyName:
        if not raw.isidentifier() or keyword.iskeyword(raw):
            raise ValueError(f"not a usable Python name: {raw!r}")
        return super().__new__(cls, raw)

    @classmethod
    def sanitize(cls, raw: str) -> tuple[PyName, bool]:
        """Make a usable name from any docs string; the flag says whether it had to change.

        Python reads identifiers NFKC-normalized, so the name is normalized first (spellings that
        Python would read as one name must collide visibly, not silently). A leading underscore
        would make a model field private (pydantic drops it): it moves to the end."""
        if (  # most names: already fine, and NFKC leaves ASCII as it is
            raw.isascii()
            and raw.isidentifier()
            and raw[0] != "_"
            and len(raw) <= MAX_NAME
            and not keyword.iskeyword(raw)
            and raw not in _RESERVED_ATTRS
        ):
            return cls(raw), False
        return cls._cleaned(raw)

    @classmethod
    def _cleaned(cls, raw: str) -> tuple[PyName, bool]:
        """`sanitize` the long way, for any string."""
        text = unicodedata.normalize("NFKC", raw.strip())
        name = "".join(c if ("a" + c).isidentifier() else "_" for c in text)
        name = re.sub(r"_+", "_", name) if name != raw else name
        if name.startswith("_"):
            stem = name.lstrip("_")
            name = f"{stem}_" if stem else ""
        if not name[:1].isidentifier():  # empty, or starts with a digit or a combining mark
            name = f"n_{name}"
        if keyword.iskeyword(name) or name in _RESERVED_ATTRS:
            name = f"{name}_"
        name = _shorten(name)
        return cls(name), name != raw


class ClassName(str):
    """A valid PascalCase Python class name."""

    __slots__ = ()

    def __new__(cls, raw: str) -> ClassName:
        if not raw.isidentifier() or keyword.iskeyword(raw) or not raw[0].isupper():
            raise ValueError(f"not a usable class name: {raw!r}")
        return super().__new__(cls, raw)

    @classmethod
    def sanitize(cls, raw: str) -> tuple[ClassName, bool]:
        """Make a class name from any docs string (`URL object` -> `URL`, `sg-lang` -> `SgLang`)."""
        if raw in RESERVED_CLASSES:
            return cls(raw + "Type"), True
        if raw.isidentifier() and raw[:1].isupper() and not keyword.iskeyword(raw):
            if unicodedata.normalize("NFKC", raw) == raw and len(raw) <= MAX_NAME:
                return cls(raw), False
        name = pascal(unicodedata.normalize("NFKC", raw)) or "Model"
        if name[0].isdigit():
            name = f"N{name}"
        if keyword.iskeyword(name):  # `None`, `True`, `False`
            name = f"{name}_"
        if name in RESERVED_CLASSES:
            name += "Type"
        return cls(_shorten(name)), True
