"""A tiny SDK in the official client's shape, written as source files, for the parity tests: the
same files serve as the official side and, edited, as the generated side (relative imports, so
the package name is free)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

BASE: dict[str, str] = {
    "__init__.py": "from ._client import Client as Client\n",
    "_pages.py": """
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
""",
    "_client.py": """
from __future__ import annotations

import functools

from .resources.things import Things
from .types.health import Health


class Raw:
    def __init__(self, client: Client) -> None:
        self.client = client

    def health(self, *, extra_headers: dict | None = None) -> object: ...


class Client:
    def __init__(self, *, api_key: str, base_url: str) -> None:
        self.base_url = base_url

    @functools.cached_property
    def things(self) -> Things:
        return Things()

    @functools.cached_property
    def with_raw_response(self) -> Raw:
        return Raw(self)

    def health(self, *, extra_headers: dict | None = None) -> Health: ...

    def copy(self, *, base_url: str | None = None) -> Client: ...
""",
    "resources/__init__.py": "",
    "resources/things.py": """
from __future__ import annotations

import functools
from typing import Optional

from .._pages import Page
from ..types.spec_param import SpecParam
from ..types.thing import Thing
from .parts import Parts


class Things:
    @functools.cached_property
    def parts(self) -> Parts:
        return Parts()

    def retrieve(
        self, thing_id: str, *, extra_headers: dict | None = None, timeout: float | None = None
    ) -> Thing: ...

    def list(
        self, *, limit: Optional[int] = None, order: str = "asc", extra_headers: dict | None = None
    ) -> Page[Thing]: ...

    def create(
        self, *, name: str, spec: SpecParam | None = None, extra_headers: dict | None = None
    ) -> Thing: ...

    def _helper(self, *, extra_headers: dict | None = None) -> None: ...
""",
    "resources/parts.py": """
from __future__ import annotations

from ..types.things.part import Part


class Parts:
    def run(self, part_id: str, *, thing_id: str, extra_headers: dict | None = None) -> Part: ...
""",
    "types/__init__.py": "",
    "types/health.py": """
from __future__ import annotations

from pydantic import BaseModel


class Health(BaseModel):
    status: str
""",
    "types/thing.py": """
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

from .things.part import Part


class Owner(BaseModel):
    name: str
    email: Optional[str] = None


class Thing(BaseModel):
    id: str
    meta: Optional[dict[str, object]] = Field(default=None, alias="metadata_")
    kind: Optional[Literal["a", "b"]] = None
    owner: Owner
    parts: list[Part] = []
""",
    "types/things/__init__.py": "",
    "types/things/part.py": """
from __future__ import annotations

from pydantic import BaseModel


class Part(BaseModel):
    part_id: str
    size: int | None
""",
    "types/spec_param.py": """
from __future__ import annotations

from typing import Optional

from typing_extensions import Annotated, Required, TypedDict


class Alias:
    def __init__(self, alias: str) -> None:
        self.alias = alias


class Rule(TypedDict, total=False):
    pattern: Required[str]


class SpecParam(TypedDict, total=False):
    spec_name: Required[Annotated[str, Alias("specName")]]
    rules: Optional[list[Rule]]
""",
}

# Every resource of BASE: the client itself, `things`, `things.parts`.
ALL_RESOURCES = {(), ("things",), ("things", "parts")}


def edited(changes: Iterable[tuple[str, str, str]], files: dict[str, str] = BASE) -> dict[str, str]:
    """`files` with each `(file, old, new)` replacement made (`old` must be there; an empty
    `old` adds a new file)."""
    out = dict(files)
    for path, old, new in changes:
        if not old:
            assert path not in out, path
            out[path] = new
            continue
        assert old in out[path], (path, old)
        out[path] = out[path].replace(old, new)
    return out


def write(folder: Path, package: str, files: dict[str, str]) -> Path:
    """The package written into `folder`; returns the package folder."""
    root = folder / package
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text.lstrip("\n"), encoding="utf-8")
    return root
