"""Which description wins a conflict is decided by documented authority (the flavor's rank, then
a type's own declaration over a copy embedded elsewhere), then by the descriptions' content:
never by file names, folders or hashes, so renaming a page or editing an unrelated line of it
cannot change the winner. The diagnostic says which one was kept and why."""

from __future__ import annotations

from textwrap import dedent

import pytest

from generator import ir
from generator.diagnostics import Diagnostics
from generator.readers import read_document
from generator.resolve import build_api


def build(*docs: tuple[str, str]) -> tuple[ir.Api, Diagnostics]:
    diags = Diagnostics()
    facts = [read_document(name, dedent(text).lstrip(), diags) for name, text in docs]
    return build_api([f for f in facts if f is not None], diags), diags


def thing_page(count_type: str, *, extra: str = "") -> str:
    """A page whose operation returns an inline copy of `Thing` with `count: <count_type>`."""
    return f"""
    # Things
    {extra}
    ## Retrieve Thing

    **get** `/v1/things/{{thing_id}}`

    ### Path Parameters

    - `thing_id: string`

    ### Returns

    - `Thing object {{ id, count }}`

      - `id: string`

      - `count: {count_type}`
    """


DECLARING_PAGE = """
# Thing types

## Domain Types

### Thing

- `Thing object { id, count }`

  A thing, as its own page declares it.

  - `id: string`

  - `count: boolean`
"""


def count_type(api: ir.Api) -> ir.TypeRef:
    thing = api.type_named("Thing")
    assert isinstance(thing, ir.ObjectType)
    return next(f.type for f in thing.fields if f.wire_name == "count")


@pytest.mark.parametrize("names", [("a.http.md", "z.http.md"), ("z.http.md", "a.http.md")])
def test_a_types_own_declaration_wins_over_a_copy_whatever_the_file_names(names):
    copy_name, declaring_name = names
    api, diags = build((copy_name, thing_page("string")), (declaring_name, DECLARING_PAGE))
    assert count_type(api) == ir.Primitive("boolean")
    (conflict,) = [d for d in diags.items if d.code == "M002"]
    assert conflict.span.file == copy_name
    assert f"keeping the one at {declaring_name}:" in conflict.message
    assert "(HTTP declaration over HTTP copy)" in conflict.message


def test_between_equals_the_content_decides_not_names_or_unrelated_edits():
    def winner(first: tuple[str, str], second: tuple[str, str]) -> ir.TypeRef:
        api, diags = build(first, second)
        (conflict,) = [d for d in diags.items if d.code == "M002"]
        assert "both are HTTP copies; the first in content order is kept" in conflict.message
        return count_type(api)

    integer, string = thing_page("integer"), thing_page("string")
    edited = thing_page("string", extra="\n    An unrelated paragraph that changes the digest.\n")
    runs = [
        winner(("a.http.md", integer), ("b.http.md", string)),
        winner(("b.http.md", integer), ("a.http.md", string)),
        winner(("a.http.md", integer), ("b.http.md", edited)),
        winner(("x/index.http.md", edited), ("y/index.http.md", integer)),
    ]
    assert len(set(runs)) == 1, runs


def test_the_flavor_that_knows_structure_wins_over_the_python_copy():
    python_copy = """
    ## Get Thing

    `things.retrieve(strthing_id) -> Thing`

    **get** `/v1/things/{thing_id}`

    ### Parameters

    - `thing_id: str`

    ### Returns

    - `class Thing: …`

      - `id: str`

      - `count: str`
    """
    api, diags = build(("a.python.md", python_copy), ("b.http.md", DECLARING_PAGE))
    assert count_type(api) == ir.Primitive("boolean")
    (conflict,) = [d for d in diags.items if d.code == "M002"]
    assert "(HTTP declaration over Python copy)" in conflict.message
