"""Blocks the docs repeat are read once (`bullets._Block`) and a field read once is collected once
(`collect._Walked`): both must give exactly what reading everything again gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ROOT, SAMPLE_SPEC

from bench import synth
from generator import naming
from generator.diagnostics import Diagnostics
from generator.facts import FieldEntry
from generator.names import DocName
from generator.readers import bullets, markdown, read_spec
from generator.resolve import build_api, collect
from generator.source import Span


def _no_block_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bullets._ListReader, "_repeated", lambda self, i, level: False)


def _no_field_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collect.Collector, "field", collect.Collector._field)


def _read(text: str, flavor: str = "http"):
    diags = Diagnostics()
    doc = markdown.read("t.md", text, diags, flavor)  # type: ignore[arg-type]
    return doc, diags.items


def _everything(spec: Path):
    """Facts, IR and diagnostics of a spec folder."""
    diags = Diagnostics()
    docs = read_spec(spec, diags)
    read_diags = diags.items
    api = build_api(docs, diags)
    return docs, read_diags, api, diags.items


def _entries(entries):
    for e in entries:
        yield e
        yield from _entries(getattr(e, "children", ()))


BLOCK = [
    "- `widget: object { id, tags }`",
    "",
    "  The widget.",
    "",
    "  - `id: string`",
    "",
    "    Its id.",
    "",
    "  - `tags: array of string`",
]


def _returns_doc(*blocks: list[str]) -> str:
    lines = ["## Op", "", "**get** `/x`", "", "### Returns", ""]
    for block in blocks:
        lines += [*block, ""]
    return "\n".join(lines) + "\n"


def test_a_repeated_block_is_a_copy_with_its_own_lines(monkeypatch):
    text = _returns_doc(BLOCK, [b.replace("widget", "other") for b in BLOCK[:1]] + BLOCK[1:])
    text += "\n## Op2\n\n**get** `/y`\n\n### Returns\n\n" + "\n".join(BLOCK) + "\n"
    doc, diags = _read(text)
    first, second = doc.operations[0].returns[0], doc.operations[1].returns[0]
    assert isinstance(first, FieldEntry) and isinstance(second, FieldEntry)
    assert second.origin is first and second.children[0].origin is first.children[0]
    lines = text.split("\n")
    assert lines[second.span.line - 1] == BLOCK[0] and second.span.line > first.span.line
    delta = second.span.line - first.span.line
    assert [c.span.line for c in second.children] == [c.span.line + delta for c in first.children]
    _no_block_reuse(monkeypatch)
    assert _read(text) == (doc, diags)


@pytest.mark.parametrize(
    "after",
    [
        ["   - `deeper: string`"],  # odd indentation: the block does not end there
        ["    - `more: string`"],  # a child of the last field: the block goes on
        [" text at one space"],  # text that still belongs to the block's bullet
        ["\t- `tabbed: string`"],  # a tab: a D007 and no end
        ["  - `id: integer`"],  # a third field of the widget
        ["text at the margin"],  # ends it (and is a stray warning)
        ["```", "- `in a fence: string`"],  # an unclosed fence after it
    ],
)
def test_what_follows_a_repeat_decides_whether_it_is_one(after, monkeypatch):
    text = _returns_doc(BLOCK, BLOCK + after)
    doc, diags = _read(text)
    _no_block_reuse(monkeypatch)
    assert _read(text) == (doc, diags)


def test_a_block_that_reported_something_is_read_again():
    broken = [*BLOCK, "  - `bad: ???`"]
    doc, diags = _read(_returns_doc(broken, broken))
    assert [d.code for d in diags] == ["D002", "D002"]  # both places, each at its own line
    assert diags[0].span.line != diags[1].span.line
    first, second = doc.operations[0].returns
    assert second.origin is None  # read again; its clean `id` field inside may be a copy


@pytest.mark.parametrize("paths", [("/x", "/y"), ("/y", "/x")])
def test_a_repeated_reference_to_an_undocumented_type_is_reported_at_the_first(paths, monkeypatch):
    """Whichever place is collected first, the error is at the first line (references made
    inside a field collected once are made again at each copy's lines)."""
    block = ["- `item: object { ref }`", "", "  - `ref: Missing`"]
    text = "".join(
        f"## Op {path}\n\n**get** `{path}`\n\n### Returns\n\n" + "\n".join(block) + "\n\n"
        for path in paths
    )
    diags = Diagnostics()
    api = build_api([markdown.read("t.md", text, diags, "http")], diags)
    m001 = [d for d in diags.items if d.code == "M001"]
    assert [(d.span.line, d.message) for d in m001] == [(9, "Missing is documented nowhere")]
    _no_field_reuse(monkeypatch)
    again = Diagnostics()
    assert build_api([markdown.read("t.md", text, again, "http")], again) == api
    assert again.items == diags.items


@pytest.mark.parametrize(
    "folder", [SAMPLE_SPEC, ROOT / "tests" / "corpus"], ids=["sample", "corpus"]
)
def test_real_and_broken_docs_read_and_build_the_same_without_reuse(folder, monkeypatch):
    with_reuse = _everything(folder)
    _no_block_reuse(monkeypatch)
    _no_field_reuse(monkeypatch)
    assert _everything(folder) == with_reuse


def test_synthetic_docs_read_and_build_the_same_without_reuse(tmp_path, monkeypatch):
    synth.write_corpus(tmp_path, 2)
    with_reuse = _everything(tmp_path)
    copies = [e for d in with_reuse[0] for e in _entries(d.types) if getattr(e, "origin", None)]
    assert copies  # the synthetic docs repeat their types: reuse happened
    _no_block_reuse(monkeypatch)
    _no_field_reuse(monkeypatch)
    assert _everything(tmp_path) == with_reuse


_LINE = st.sampled_from(
    [
        "- `a: string`",
        "- `b: object { x }`",
        "  - `x: integer`",
        '  - `y: "p" or "q"`',
        '    - `"p"`',
        '    - `"q"`',
        "   - `odd: string`",
        "\t- `tab: string`",
        "  text",
        "    more text",
        " one space",
        "plain",
        "",
        "  ```",
        "```",
        "- `bad: ???`",
        "- `c: Ref`",
        "  - `z: Missing`",
        "- broken bullet",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    block=st.lists(_LINE, min_size=1, max_size=8),
    tails=st.lists(st.lists(_LINE, max_size=3), min_size=2, max_size=4),
)
def test_any_repetition_reads_and_builds_as_without_reuse(block, tails):
    """Repeated blocks with whatever comes after them: the same facts, IR and diagnostics."""
    lines = ["## Op", "", "**get** `/x`", "", "### Returns", ""]
    for tail in tails:
        lines += [*block, *tail]
    text = "\n".join(lines) + "\n"

    def everything():
        diags = Diagnostics()
        doc = markdown.read("t.md", text, diags, "http")
        read_diags = diags.items
        return doc, read_diags, build_api([doc], diags), diags.items

    with_reuse = everything()
    with pytest.MonkeyPatch.context() as mp:
        _no_block_reuse(mp)
        _no_field_reuse(mp)
        assert everything() == with_reuse


def test_spans_of_a_copy_follow_its_lines():
    doc, _ = _read(_returns_doc(BLOCK, BLOCK))
    first, second = doc.operations[0].returns
    for a, b in zip(_entries([first]), _entries([second]), strict=True):
        assert b.span == Span("t.md", a.span.line + len(BLOCK) + 1)


def test_a_field_collected_once_makes_its_references_and_counts_again_at_each_copy():
    doc, _ = _read(
        _returns_doc(
            ["- `item: object { ref, more }`", "", "  - `ref: Missing`", "  - `more: Thing { a }`"],
            ["- `item: object { ref, more }`", "", "  - `ref: Missing`", "  - `more: Thing { a }`"],
        )
    )
    first, second = doc.operations[0].returns
    assert second.origin is first
    registry = collect.Registry()
    collector = collect.Collector(registry, Diagnostics())
    ctx = collect.Ctx("Owner", "", 0, False)
    for entry in (second, first):  # the copy first: the original is then the one reused
        assert collector.field(entry, ctx).span == entry.span
    missing = naming.type_key(DocName("Missing"), ())  # the registry knows names by their keys
    assert registry.references[missing] == [second.children[0].span, first.children[0].span]
    assert [c.span for c in registry.counts] == [second.children[1].span, first.children[1].span]
    # the copy's observations are not made twice
    assert (
        len(registry.observations[naming.type_key(DocName("OwnerItem"), (), naming.MADE_UP_SITE)])
        == 1
    )


def test_temporary_fields_of_a_web_listing_are_never_taken_for_each_other(tmp_path, monkeypatch):
    """The web pass collects fields it builds on the fly; once freed, another may get the same
    id(): the memo holds each field it keys on, so no id is ever reused while it is kept."""
    (tmp_path / "t.http.md").write_text(
        "## Domain Types\n### Thing\n- `Thing = object {  }`\n"
        '  - `f0: "vf00" or "vf01"`\n  - `f1: "vf10"`\n  - `f12: "vf120"`\n'
    )
    (tmp_path / "t.web.txt").write_text(
        "ModelsExpand Collapse\nThing object {  }\n"
        'f0: "vf00" or "vf01"\n"vf00"\n"vf01"\nf1: "vf10"\n"vf112"\nf12: "vf120"\n"extra"\n'
    )
    with_reuse = _everything(tmp_path)
    _no_block_reuse(monkeypatch)
    _no_field_reuse(monkeypatch)
    assert _everything(tmp_path) == with_reuse
