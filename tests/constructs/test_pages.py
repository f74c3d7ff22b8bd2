"""The other pages of the docs mirror (`../shared/letta-docs-md/`): its TypeScript SDK pages and
its pages of no reference (guides, tables of contents, SDK README pages, `llms.txt`) are each
skipped with one note, and nothing else; its HTTP and Python reference pages are never skipped.

Which page is which is known here from the mirror's layout; specgen tells them apart by content
(`generator/readers/pagekind.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import CONSTRUCTS, MIRROR, SAMPLE_SPEC

from generator.diagnostics import Diagnostics, Level
from generator.readers import pagekind, read_document, read_text, spec_files

TYPESCRIPT = "api/typescript/resources/"
REFERENCE = ("api/resources/", "api/python/resources/")


@pytest.fixture(scope="module")
def pages() -> dict[str, Path]:
    found = {p.relative_to(MIRROR).as_posix(): p for p in spec_files(MIRROR)}
    assert len(found) >= 430, f"the mirror is not at {MIRROR}"
    return found


def test_typescript_and_non_reference_pages_are_one_note_each(pages: dict[str, Path]) -> None:
    others = {rel: p for rel, p in pages.items() if not rel.startswith(REFERENCE)}
    got: dict[str, list[tuple[Level, str]]] = {}
    for rel, path in others.items():
        diags = Diagnostics()
        text = read_text(rel, path.read_bytes(), diags)
        assert text is not None, diags.render()
        assert read_document(rel, text, diags) is None, f"{rel} was read"
        got[rel] = [(d.level, d.code) for d in diags.items]
    want = {rel: [(Level.NOTE, "R008" if rel.startswith(TYPESCRIPT) else "R009")] for rel in got}
    assert got == want
    kinds = [codes[0][1] for codes in got.values()]
    assert (kinds.count("R008"), kinds.count("R009")) == (120, 75)


def test_no_reference_page_is_taken_for_another_kind(pages: dict[str, Path]) -> None:
    mistaken = []
    for rel, path in pages.items():
        if rel.startswith(REFERENCE):
            page = pagekind.survey(path.read_text(encoding="utf-8"))
            if page.reference is None or page.typescript_only is not None:
                mistaken.append(f"{rel}: {page}")
    assert len([rel for rel in pages if rel.startswith(REFERENCE)]) == 240
    assert mistaken == []


def test_every_reproducer_and_sample_page_is_read() -> None:
    # The construct reproducers (HTTP and Python) and the sample pages (web text included).
    files = [p for root in (CONSTRUCTS, SAMPLE_SPEC) for p in spec_files(root)]
    assert len(files) >= 50
    skipped = []
    for path in files:
        diags = Diagnostics()
        text = read_text(path.name, path.read_bytes(), diags)
        assert text is not None
        doc = read_document(path.name, text, diags)
        if doc is None or any(d.code in ("R003", "R008", "R009") for d in diags.items):
            skipped.append(f"{path}: {diags.render(min_level=Level.NOTE)}")
    assert skipped == []
