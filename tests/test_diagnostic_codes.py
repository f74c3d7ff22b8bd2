"""The diagnostic codes: the README documents exactly `generator.diagnostics.CODES`, and every
code is emitted somewhere (a code nobody emits is dead documentation)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diagnostics import CODES

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- diagnostic-codes:start -->", "<!-- diagnostic-codes:end -->"
_ROW = re.compile(r"^\|\s*`?(?P<code>[A-Z]\d{3})`?\s*\|\s*(?P<meaning>(?:[^|\\]|\\.)*?)\s*\|\s*$")


def expected_table() -> str:
    """The README section, markers included, as it must read (copy-paste ready)."""
    rows = [
        f"| `{code}` | {meaning.replace('|', chr(92) + '|')} |" for code, meaning in CODES.items()
    ]
    return "\n".join([START, "| code | meaning |", "| --- | --- |", *rows, END])


def readme_codes(text: str) -> list[tuple[str, str]] | None:
    """(code, meaning) rows of the table between the markers, in order; None without markers."""
    if START not in text or END not in text:
        return None
    section = text.split(START, 1)[1].split(END, 1)[0]
    rows = []
    for line in section.splitlines():
        m = _ROW.match(line.strip())
        if m:
            rows.append((m["code"], re.sub(r"\\(.)", r"\1", m["meaning"])))
    return rows


def test_readme_lists_exactly_the_codes_in_generator_diagnostics():
    found = readme_codes(README.read_text(encoding="utf-8"))
    hint = f"\n\nThe README's Diagnostics section must hold this table:\n\n{expected_table()}\n"
    assert found is not None, f"README.md has no {START} ... {END} section.{hint}"
    assert found == list(CODES.items()), f"README.md's table differs from CODES.{hint}"


def test_the_table_parser_reads_what_expected_table_writes():
    assert readme_codes("intro\n" + expected_table() + "\nafter") == list(CODES.items())


def _emitted_in_source() -> set[str]:
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "generator").rglob("*.py")
        if p.name != "diagnostics.py"
    )
    return {code for code in CODES if re.search(rf"(?<![A-Za-z0-9]){code}(?![0-9])", text)}


def _emitted_in_corpus() -> set[str]:
    snapshots = ROOT / "tests" / "__snapshots__" / "test_corpus.ambr"
    text = snapshots.read_text(encoding="utf-8") if snapshots.is_file() else ""
    return set(re.findall(r": (?:error|warning|note) ([A-Z]\d{3}): ", text))


def test_every_code_is_emitted_somewhere():
    dead = sorted(set(CODES) - _emitted_in_source() - _emitted_in_corpus())
    assert dead == [], f"codes no code emits (dead): {dead}"


def test_every_code_in_the_corpus_snapshots_is_documented():
    assert _emitted_in_corpus() <= set(CODES)
