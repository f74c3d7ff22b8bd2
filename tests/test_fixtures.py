"""The sample spec (`tests/fixtures/sample-spec/`) holds the published pages, unchanged: what the
tests prove on it, they prove on the real docs."""

from __future__ import annotations

from paths import SAMPLE_SPEC, SHARED_API_DOCS

from generator.readers import spec_files


def test_the_sample_pages_are_the_shared_api_docs_byte_for_byte():
    """Every page specgen reads from the fixture is in `../shared/api-docs/`, byte for byte.
    Not compared: `specgen.toml` (the project's, not published) and `README.md` (a folder note
    specgen does not read; the shared one has since grown a section on the whole reference)."""
    assert SHARED_API_DOCS.is_dir(), (
        f"{SHARED_API_DOCS} is missing (CI has ../shared beside the clone)"
    )
    pages = [p.relative_to(SAMPLE_SPEC).as_posix() for p in spec_files(SAMPLE_SPEC)]
    assert len(pages) == 5, pages
    missing = [rel for rel in pages if not (SHARED_API_DOCS / rel).is_file()]
    assert missing == [], f"not in {SHARED_API_DOCS}: {missing}"
    differ = [
        rel
        for rel in pages
        if (SAMPLE_SPEC / rel).read_bytes() != (SHARED_API_DOCS / rel).read_bytes()
    ]
    assert differ == [], f"differ from {SHARED_API_DOCS}: {differ}"
