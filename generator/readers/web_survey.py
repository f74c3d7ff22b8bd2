"""First pass over scraped web text: what needs the whole page (or a look ahead) to decide.

Example blocks are found here so that their lines are never read as constructs; an operation's
title is the plain line right before its method or SDK line; a Title Case line right before an
example is a label; the page title is the first heading-like line before any construct; the
page is the Python flavor when it has an SDK call, a `class X:` line or a Python-typed field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.diagnostics import Diagnostics
from generator.facts import Location
from generator.readers import web_lines as wl
from generator.readers.sdkcall import looks_like_call
from generator.readers.web_examples import Block, scan_example

# What a line marks: ("verb", method, path), ("sdk",) or ("section", kind, label, location).
Mark = (
    tuple[Literal["verb"], str, str]
    | tuple[Literal["sdk"]]
    | tuple[Literal["section"], str, str, Location | None]
)


@dataclass
class Survey:
    """First pass: example blocks, operation lines and their titles, section labels, example
    labels, the page title and the grammar."""

    blocks: dict[int, Block]
    marks: dict[int, Mark]  # line index -> ("verb", method, path) | ("sdk",) | ("section", ...)
    titles: dict[int, int]  # method/SDK line index -> its title line index
    skip: set[int]  # title lines and example labels: not text of any entry
    known: set[str]  # titles; repeated later in the page they are navigation
    title: str
    python: bool


def _mark(s: str) -> Mark | None:
    verb = wl.verb_line(s)
    if verb:
        return ("verb", *verb)
    if "(" in s and looks_like_call(s):
        return ("sdk",)
    section = wl.section_label(s)
    return ("section", *section) if section else None


def survey(lines: list[str], path: str, diags: Diagnostics) -> Survey:
    """Find examples, operation titles (the plain line before a method or SDK line), example
    labels, the page title (first heading-like line before any construct) and the grammar."""
    blocks: dict[int, Block] = {}
    marks: dict[int, Mark] = {}
    titles: dict[int, int] = {}
    skip: set[int] = set()
    title, python, started, prev = "", False, False, -1

    def plain(j: int) -> bool:
        return j >= 0 and j not in marks and not wl.is_construct(lines[j].strip())

    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        block = scan_example(lines, i, path, diags)
        if block is not None:
            blocks[i] = block
            if prev not in skip and plain(prev) and wl.heading_like(lines[prev].strip()):
                skip.add(prev)
            started, prev, i = True, -1, block.end
            continue
        mark = _mark(s)
        if mark is not None:
            marks[i] = mark
            if mark[0] != "section" and plain(prev) and not wl.is_chrome(lines[prev].strip()):
                titles[i] = prev
                skip.add(prev)
            started, python = True, python or mark[0] == "sdk"
        elif not started and not title and wl.heading_like(s) and not wl.is_construct(s):
            title = s
        if not python:
            field = wl.field_candidate(s)
            python = bool(wl.class_line(s) or (field and wl.python_typed(field[1])))
        prev, i = i, i + 1
    known = {lines[t].strip() for t in titles.values()} | ({title} if title else set())
    return Survey(blocks, marks, titles, skip, known, title, python)
