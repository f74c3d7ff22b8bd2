"""Readers: find the documentation files under a folder, recognize each one's flavor by its
content, and read it into document facts. Bad files become diagnostics, never exceptions."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path

from generator import speedups
from generator.diagnostics import Diagnostic, Diagnostics
from generator.facts import DocumentFacts
from generator.forked import run_all
from generator.readers import markdown, pagekind, web
from generator.source import Span

SUFFIXES = (".md", ".txt", ".markdown")
MAX_BYTES = 16 * 1024 * 1024
# Files that describe the spec folder itself rather than the API.
_FOLDER_NOTES = {"readme.md", "readme.txt", "readme", "license", "license.md", "license.txt"}


def spec_files(spec_dir: Path) -> list[Path]:
    """Every candidate file below `spec_dir`, recursively, in a stable order."""
    found = [
        p
        for p in spec_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.name.lower() not in _FOLDER_NOTES
    ]
    return sorted(found, key=lambda p: p.relative_to(spec_dir).as_posix())


def read_text(rel: str, data: bytes, diags: Diagnostics) -> str | None:
    """Decode one file, or report why it cannot be read."""
    span = Span(rel, 1)
    if len(data) > MAX_BYTES:
        diags.error(span, "R005", f"file has {len(data)} bytes; the limit is {MAX_BYTES}")
        return None
    if b"\x00" in data:
        line = _line_of(data, data.index(b"\x00"))
        diags.error(Span(rel, line), "R002", "file contains NUL bytes (binary data?)")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        diags.error(Span(rel, line), "R001", f"byte {exc.start} is not UTF-8")
        return None
    if not text.strip():
        diags.warning(span, "R004", "file is empty")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting CRLF, LF and a lone CR as the readers do."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def read_document(rel: str, text: str, diags: Diagnostics) -> DocumentFacts | None:
    """Facts of one decoded file in whichever flavor it is written. Other pages of a docs tree
    are told apart by their content (`pagekind`) and skipped with a note each: TypeScript SDK
    reference pages (R008) and pages with no reference construct, such as guides, tables of
    contents and SDK README pages (R009). A page with reference constructs in no flavor
    specgen knows is a reference page that cannot be read: an error (R003). One in a known
    flavor is read, and what it gets wrong is reported as usual."""
    page = pagekind.survey(text)
    if (typescript := page.typescript_only) is not None:  # before `detect`, which reads it all
        msg = f"TypeScript SDK reference page ({typescript}); specgen reads the HTTP and"
        diags.note(Span(rel, 1), "R008", f"{msg} Python flavors: skipped")
        return None
    flavor = markdown.detect(text)
    if flavor is None and web.detect(text):
        return web.read(rel, text, diags)
    if page.reference is None:
        seen = f" ({page.loose})" if page.loose else ""
        msg = (
            "no reference construct (no heading whose body begins with a method line, an SDK"
            f" signature or a typed bullet; no Domain Types section){seen}: a guide, a table of"
            " contents or a README; skipped"
        )
        diags.note(Span(rel, 1), "R009", msg)
        return None
    if flavor is not None:
        return markdown.read(rel, text, diags, flavor)
    msg = f"has a reference construct ({page.reference}) but is in no known flavor"
    diags.error(Span(rel, 1), "R003", f"{msg}: cannot be read")
    return None


# Below this many bytes of docs the files are read in this process: a fork, and pickling the
# facts back, cost more than they save.
PARALLEL_MIN_BYTES = 1_000_000
# The child's share of the bytes: it also pickles its facts, which this process then loads
# (about a quarter of the reading time, measured at 100x the spec), so it gets less to read.
CHILD_SHARE = 0.44


def read_spec(spec_dir: Path, diags: Diagnostics) -> list[DocumentFacts]:
    """Facts of every file under `spec_dir`; byte-identical copies (mirrors repeat pages) once.
    Big specs are read in two parts side by side (`generator.forked`): the same facts and
    diagnostics, in the same order (the seam `fork_split` off: in one part, here)."""
    files: list[tuple[str, bytes, str]] = []  # (path, content, digest), first copies only
    seen: dict[str, str] = {}
    for path in spec_files(spec_dir):
        rel = path.relative_to(spec_dir).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            diags.note(Span(rel, 1), "R006", f"same content as {seen[digest]}; read once")
            continue
        seen[digest] = rel
        files.append((rel, data, digest))
    total = sum(len(data) for _, data, _ in files)
    split = total >= PARALLEL_MIN_BYTES and speedups.active().fork_split
    groups = _split(files, 1 - CHILD_SHARE) if split else [files]
    docs: list[DocumentFacts] = []
    for group_docs, group_diags in run_all([functools.partial(_read_files, g) for g in groups]):
        docs.extend(group_docs)
        diags.extend(group_diags)
    return docs


def _split(files: list[tuple[str, bytes, str]], first: float) -> list[list[tuple[str, bytes, str]]]:
    """The files in two runs, order kept, the first with about `first` of the bytes."""
    cut, running = sum(len(data) for _, data, _ in files) * first, 0
    for i, (_, data, _) in enumerate(files):
        running += len(data)
        if running >= cut:
            return [files[: i + 1], files[i + 1 :]] if i + 1 < len(files) else [files]
    return [files]


def _read_files(
    files: list[tuple[str, bytes, str]],
) -> tuple[list[DocumentFacts], list[Diagnostic]]:
    """Facts of some files and what their reading reported."""
    diags = Diagnostics()
    docs: list[DocumentFacts] = []
    for rel, data, digest in files:
        text = read_text(rel, data, diags)
        if text is None:
            continue
        doc = read_document(rel, text, diags)
        if doc is not None:
            docs.append(replace(doc, digest=digest))
    return docs, list(diags.items)
