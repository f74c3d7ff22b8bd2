"""The markdown reader's page-level syntax and parameter bullets: quoted parameter names, the
`# Title` of each section of a parent page, and signatures of methods on the client itself."""

from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts, FieldEntry, Section, TPrim
from generator.readers import markdown
from generator.readers.sdkcall import looks_like_call, looks_like_client_call, parse_sdk_call
from generator.source import Span

P = "t.md"


def md(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def read(text: str, flavor: str = "http") -> tuple[DocumentFacts, list[str]]:
    diags = Diagnostics()
    doc = markdown.read(P, text, diags, flavor)  # type: ignore[arg-type]
    return doc, [d.format() for d in diags.items]


# --- quoted parameter names ----------------------------------------------------------------------


def test_a_quoted_header_name_is_a_field_with_the_name_unquoted() -> None:
    doc, diags = read(
        md(
            "## Import",
            "",
            "**post** `/v1/import`",
            "",
            "### Header Parameters",
            "",
            '- `"x-override-embedding-model": optional string`',
            "",
            "  Which model to embed with.",
        )
    )
    assert diags == []
    (param,) = doc.operations[0].params
    assert param.location == "header"
    assert param.field == FieldEntry(
        "x-override-embedding-model",
        TPrim("string"),
        True,
        Span(P, 7),
        "Which model to embed with.",
    )


def test_a_quoted_name_keeps_its_escapes_and_a_bad_one_is_reported() -> None:
    doc, diags = read(
        md(
            "## Op",
            "",
            "**get** `/x`",
            "",
            "### Header Parameters",
            "",
            '- `"x-\\"q\\"": string`',
            "",
            '- `"": string`',
        )
    )
    assert [p.field.name for p in doc.operations[0].params] == ['x-"q"']
    assert diags == [f"{P}:9: error D001: a field name cannot be empty: '\"\": string'"]


def test_a_quoted_value_is_still_a_value() -> None:
    doc, diags = read(
        md(
            "## Op",
            "",
            "**get** `/x`",
            "",
            "### Returns",
            "",
            "- `kind: string`",
            "",
            '  - `"a: b"`',
        )
    )
    assert diags == []
    (kind,) = doc.operations[0].returns or ()
    assert isinstance(kind, FieldEntry)
    assert [c.value for c in kind.children] == ["a: b"]  # type: ignore[union-attr]


# --- sections of a parent page -------------------------------------------------------------------


PARENT = md(
    "# Gardens",  # 1
    "",
    "## Retrieve Garden",  # 3
    "",
    "**get** `/v1/gardens/{id}`",
    "",
    "## Domain Types",  # 7
    "",
    "### Garden",
    "",
    "- `Garden object { id }`",  # 11
    "",
    "  - `id: string`",
    "",
    "# Beds",  # 15
    "",
    "## List Beds",  # 17
    "",
    "**get** `/v1/gardens/{id}/beds`",
    "",
    "## Create Bed",  # 21
    "",
    "**post** `/v1/gardens/{id}/beds`",
    "",
    "## Domain Types",
    "",
    "### Bed",
    "",
    "- `Bed object { id }`",  # 29
    "",
    "  - `id: string`",
)


def test_a_second_title_opens_a_section_without_a_warning() -> None:
    doc, diags = read(PARENT)
    assert diags == []
    assert doc.title == "Gardens"
    assert [op.title for op in doc.operations] == ["Retrieve Garden", "List Beds", "Create Bed"]
    assert doc.sections == (Section("Gardens", Span(P, 1)), Section("Beds", Span(P, 15)))


def test_a_title_ends_the_operation_and_the_types_before_it() -> None:
    doc, _ = read(PARENT)
    assert [t.span.line for t in doc.types] == [11, 29]
    retrieve = doc.operations[0]
    assert retrieve.span == Span(P, 3) and retrieve.returns is None


def test_a_page_without_a_title_has_no_section() -> None:
    doc, diags = read(md("## Op", "", "**get** `/x`"))
    assert diags == [] and doc.sections == () and doc.title == ""


# --- methods of the client itself ----------------------------------------------------------------


def test_a_client_method_signature_has_a_one_name_path() -> None:
    call = parse_sdk_call("health()  -> HealthResponse", Span(P, 3))
    assert call.method_path == ("health",)
    assert call.positional == () and call.params_type is None


def test_a_client_method_needs_its_return_annotation() -> None:
    assert looks_like_client_call("ping()  -> PingResponse")
    assert not looks_like_client_call("ping()")  # any call written in code
    assert not looks_like_call("ping()  -> PingResponse")  # what flavor detection asks


def test_the_python_flavor_reads_a_client_method_the_http_flavor_does_not() -> None:
    text = md("## Check Health", "", "`health()  -> HealthResponse`", "", "**get** `/v1/health/`")
    doc, diags = read(text, "python")
    assert diags == []
    sdk = doc.operations[0].sdk
    assert sdk is not None and sdk.method_path == ("health",)
    http, _ = read(text, "http")
    assert http.operations[0].sdk is None
    assert http.operations[0].description == "`health()  -> HealthResponse`"


# --- domain types named by their heading ---------------------------------------------------------


def test_a_bare_python_domain_type_is_named_by_its_heading() -> None:
    doc, diags = read(
        md(
            "## Domain Types",
            "",
            "### Paint List Names Response",
            "",
            "- `List[str]`",
            "",
            "### Finish",
            "",
            '- `Literal["matte", "gloss"]`',
            "",
            "  How shiny.",
            "",
            '  - `"matte"`',
            "",
            '  - `"gloss"`',
            "",
            "### Letta Union",
            "",
            "- `LettaUnion`",
            "",
            "### Paint",
            "",
            "- `class Paint: …`",
        ),
        "python",
    )
    assert diags == []
    names = [(type(t).__name__, getattr(t, "name", None)) for t in doc.types]
    assert names == [
        ("DeclEntry", "PaintListNamesResponse"),
        ("DeclEntry", "Finish"),
        ("TypeEntry", None),  # names itself
        ("TypeEntry", None),
    ]
    finish = doc.types[1]
    assert finish.description == "How shiny." and len(finish.children) == 2
