"""Property-based fuzzing of the readers and the builder with mutations of the real docs.

One document of the sample spec (`tests/fixtures/sample-spec/`) is mutated (lines deleted,
duplicated, swapped, re-indented; the bytes cut short or salted with random bytes), the others
are kept, and the whole folder is read and built the way `generator.pipeline.load` does it.
Whatever the input: no exception, diagnostics that point into the files, and when there is no
error an IR the writers can rely on (every reference resolves, names are unique where Python
needs them to be).

CI runs a bounded, derandomized sample (SPECGEN_FUZZ_EXAMPLES, default 200, split over the two
tests); a longer hunt: `SPECGEN_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`, and other inputs
than CI's with `SPECGEN_FUZZ_SEED=<n>`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from paths import SAMPLE_SPEC

from generator import ir
from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts
from generator.readers import read_document, read_text, spec_files
from generator.resolve import build_api

EXAMPLES = int(os.environ.get("SPECGEN_FUZZ_EXAMPLES", "200"))
FILES = {p.name: p.read_bytes() for p in spec_files(SAMPLE_SPEC)}
NAMES = sorted(FILES)


def _facts(rel: str, data: bytes, diags: Diagnostics) -> DocumentFacts | None:
    """What `read_spec` does with one file."""
    text = read_text(rel, data, diags)
    if text is None:
        return None
    doc = read_document(rel, text, diags)
    return None if doc is None else replace(doc, digest=hashlib.sha256(data).hexdigest())


_CLEAN = {name: _facts(name, data, Diagnostics()) for name, data in FILES.items()}

SEED = os.environ.get("SPECGEN_FUZZ_SEED")
_SETTINGS = settings(
    max_examples=max(1, EXAMPLES // 2),
    deadline=5000,  # ms per input: a hang or a quadratic blow-up fails the test
    derandomize=SEED is None,  # the same inputs on every CI run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


def SETTINGS(test):  # noqa: N802 - used as a decorator, like hypothesis's own
    test = _SETTINGS(test)
    return seed(int(SEED))(test) if SEED is not None else test


# --- mutations ---------------------------------------------------------------------------------

OPS = ("delete", "duplicate", "swap", "indent", "dedent", "tab", "cut", "insert", "splice")
Mutation = tuple[str, int, int, bytes]
mutations = st.lists(
    st.tuples(
        st.sampled_from(OPS),
        st.integers(0, 2**31),
        st.integers(0, 2**31),
        st.binary(max_size=12),
    ),
    min_size=1,
    max_size=4,
)


def mutate(data: bytes, ops: list[Mutation]) -> bytes:
    for op, a, b, salt in ops:
        lines = data.split(b"\n")
        i, j = a % len(lines), b % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = b" " * (1 + b % 4) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][1 + b % 4 :] if lines[i].startswith(b" ") else lines[i]
        elif op == "tab":
            lines[i] = b"\t" + lines[i].lstrip(b" ")
        elif op == "splice":  # a line of one place moved into the middle of another line
            cut = b % (len(lines[j]) + 1)
            lines[j] = lines[j][:cut] + lines[i] + lines[j][cut:]
        data = b"\n".join(lines)
        if op == "cut":
            data = data[: a % (len(data) + 1)]
        elif op == "insert":
            at = a % (len(data) + 1)
            data = data[:at] + salt + data[at:]
    return data


# --- the property ------------------------------------------------------------------------------


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1


def read_and_build(mutated: str, data: bytes) -> tuple[ir.Api, Diagnostics]:
    diags = Diagnostics()
    docs = [
        d for name in NAMES if (d := _CLEAN[name] if name != mutated else _facts(name, data, diags))
    ]
    return build_api(docs, diags), diags


def check(mutated: str, data: bytes) -> None:
    api, diags = read_and_build(mutated, data)
    sizes = {name: _line_count(FILES[name]) for name in NAMES} | {mutated: _line_count(data)}
    for d in diags.items:
        assert d.span.file in sizes, d.format()
        assert 1 <= d.span.line <= sizes[d.span.file], d.format()
        assert "\n" not in d.format(), d.format()
    if not diags.has_errors:
        check_ir(api)


def check_ir(api: ir.Api) -> None:
    """What the writers rely on when the build reported no error."""
    names = [t.name for t in api.types]
    assert len(names) == len(set(names)), "two types of one name"
    defined = set(names)
    for ref in _all_refs(api):
        assert ref in defined, f"Ref({ref}) resolves to nothing"
    for t in api.types:
        if isinstance(t, ir.ObjectType):
            fields = [f.name for f in t.fields]
            assert len(fields) == len(set(fields)), f"{t.name}: two fields of one name"
    seen = set()
    for op in api.operations:
        key = (*op.resource, op.sdk_name)
        assert key not in seen, f"two operations are {key}"
        seen.add(key)
        params = [p.name for p in op.params]
        assert len(params) == len(set(params)), f"{op.operation_id}: two parameters of one name"
        assert set(op.positional) <= set(params), f"{op.operation_id}: positional {op.positional}"


def _all_refs(api: ir.Api) -> list[str]:
    stack: list[ir.TypeRef] = []
    for t in api.types:
        if isinstance(t, ir.ObjectType):
            stack.extend(f.type for f in t.fields)
        elif isinstance(t, ir.UnionType):
            stack.extend(t.members)
        elif isinstance(t, ir.AliasType):
            stack.append(t.target)
    for op in api.operations:
        stack.extend(p.type for p in op.params)
        stack.extend(x for x in (op.body, op.response) if x is not None)
    out: list[str] = []
    while stack:
        ref = stack.pop()
        if isinstance(ref, ir.Ref):
            out.append(ref.name)
        elif isinstance(ref, ir.ListOf):
            stack.append(ref.item)
        elif isinstance(ref, ir.MapOf):
            stack.append(ref.value)
        elif isinstance(ref, ir.UnionOf):
            stack.extend(ref.members)
    return out


def test_the_unmutated_spec_builds_cleanly():
    api, diags = read_and_build(NAMES[0], FILES[NAMES[0]])
    assert not diags.has_errors and len(api.operations) == 10
    check_ir(api)


@SETTINGS
@given(name=st.sampled_from(NAMES), ops=mutations)
def test_mutated_documents_give_diagnostics_not_exceptions(name: str, ops: list[Mutation]):
    check(name, mutate(FILES[name], ops))


@SETTINGS
@given(name=st.sampled_from(NAMES), start=st.integers(0, 2**31), size=st.integers(1, 400))
def test_any_window_of_a_document_reads(name: str, start: int, size: int):
    """A fragment cut from anywhere (a page saved half-way, or a copy-paste) reads or reports."""
    data = FILES[name]
    lines = data.split(b"\n")
    begin = start % len(lines)
    check(name, b"\n".join(lines[begin : begin + size]))
