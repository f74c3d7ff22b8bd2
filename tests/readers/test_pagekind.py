"""Pages of a docs tree that are no reference page specgen reads (`generator.readers.pagekind`):
TypeScript SDK pages (R008) and pages with no reference construct (R009) are skipped with one
note each, told apart by content; reference pages are read, and their faults stay errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diagnostics import Diagnostics, Level
from generator.facts import DocumentFacts
from generator.readers import markdown, pagekind, read_document
from generator.readers.pagekind import Clue

P = "page.md"


def md(*lines: str) -> str:
    """A document whose line N is lines[N-1]."""
    return "\n".join(lines) + "\n"


def read(text: str) -> tuple[DocumentFacts | None, list[tuple[Level, str, int]]]:
    """What `read_document` makes of one page: its facts and (level, code, line) of each
    diagnostic."""
    diags = Diagnostics()
    doc = read_document(P, text, diags)
    return doc, [(d.level, d.code, d.span.line) for d in diags.items]


def skipped_with(text: str, code: str) -> str:
    """The one note a skipped page gets (and nothing else), as its message."""
    diags = Diagnostics()
    assert read_document(P, text, diags) is None
    assert [(d.level, d.code, d.span.line) for d in diags.items] == [(Level.NOTE, code, 1)]
    return diags.items[0].message


HTTP_PAGE = md(
    "## Retrieve Tool",
    "",
    "**get** `/v1/tools/{tool_id}`",
    "",
    "Get a tool by ID",
    "",
    "### Path Parameters",
    "",
    "- `tool_id: string`",
    "",
    "### Returns",
    "",
    "- `Tool object { id, name }`",
    "",
    "  - `id: string`",
    "",
    "  - `name: optional string`",
)

PYTHON_PAGE = md(
    "## Retrieve Tool",
    "",
    "`tools.retrieve(strtool_id)  -> Tool`",
    "",
    "**get** `/v1/tools/{tool_id}`",
    "",
    "### Parameters",
    "",
    "- `tool_id: str`",
    "",
    "### Returns",
    "",
    "- `class Tool: …`",
    "",
    "  - `id: str`",
    "",
    "  - `name: Optional[str]`",
)

TYPESCRIPT_PAGE = md(
    "## Retrieve Tool",
    "",
    "`client.tools.retrieve(stringtoolID, RequestOptionsoptions?): Tool`",
    "",
    "**get** `/v1/tools/{tool_id}`",
    "",
    "### Parameters",
    "",
    "- `toolID: string`",
    "",
    "### Returns",
    "",
    "- `Tool`",
    "",
    "  - `id: string`",
    "",
    "  - `tags?: Array<string>`",
    "",
    "  - `name?: string | null`",
    "",
    "### Example",
    "",
    "```typescript",
    "const tool = await client.tools.retrieve('tool-1');",
    "```",
)


# --- reference pages are read -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "flavor"), [(HTTP_PAGE, "http"), (PYTHON_PAGE, "python")])
def test_reference_pages_are_read(text: str, flavor: str) -> None:
    doc, diags = read(text)
    assert diags == []
    assert doc is not None and doc.flavor == flavor
    assert [(op.method, op.path) for op in doc.operations] == [("get", "/v1/tools/{tool_id}")]


def test_a_reference_page_of_types_only_is_read() -> None:
    page = md("# Tools", "", "## Domain Types", "", "### Tool", "", "- `Tool object { id }`")
    page += md("", "  - `id: string`")
    doc, diags = read(page)
    assert diags == []
    assert doc is not None and [t.span.line for t in doc.types] == [7]


def test_a_broken_reference_page_is_an_error_not_skipped() -> None:
    page = HTTP_PAGE.replace("- `tool_id: string`", "- `tool_id: optional array of (`")
    doc, diags = read(page)
    assert doc is not None
    assert (Level.ERROR, "D002", 9) in diags


def test_a_reference_page_with_a_typescript_field_is_read_and_the_field_is_an_error() -> None:
    # One TypeScript-looking field does not make an HTTP page a TypeScript page: its HTTP
    # constructs keep it a reference page, and the field it cannot read is an error.
    page = HTTP_PAGE.replace("- `name: optional string`", "- `name?: string | null`")
    doc, diags = read(page)
    assert doc is not None and doc.operations
    assert diags == [(Level.ERROR, "D001", 17)]


def test_a_reference_page_with_a_typescript_example_is_read() -> None:
    page = HTTP_PAGE + md(
        "", "### Example", "", "```ts", "await client.tools.retrieve('t');", "```"
    )
    doc, diags = read(page)
    assert diags == [] and doc is not None and doc.operations


def test_a_page_with_constructs_in_no_known_flavor_is_an_error() -> None:
    # An SDK signature under an operation heading, cut off: a reference page, in no flavor.
    doc, diags = read(md("# Things", "", "## Run Thing", "", "`things.run(strthing_id, "))
    assert doc is None
    assert diags == [(Level.ERROR, "R003", 1)]


# --- TypeScript pages ---------------------------------------------------------------------------


def test_a_typescript_page_is_one_note_saying_what_was_recognized() -> None:
    assert markdown.detect(TYPESCRIPT_PAGE) == "http"  # what it was read as before
    message = skipped_with(TYPESCRIPT_PAGE, "R008")
    assert "TypeScript SDK reference page" in message
    assert "line 3: TypeScript method signature `client.tools.retrieve(" in message


def test_a_typescript_page_of_types_only_is_recognized_by_its_fields() -> None:
    page = md("# Tools", "", "## Domain Types", "", "### Tool", "", "- `Tool`", "")
    page += md("  - `id: string`", "", "  - `args?: Record<string, unknown> | null`")
    message = skipped_with(page, "R008")
    assert "line 11: TypeScript field `args?: Record<string, unknown> | null`" in message


@pytest.mark.parametrize(
    "bullet",
    ["- `tags: Array<string>`", "- `x: Record<string, unknown>`", '- `order: "asc" | "desc"`'],
)
def test_typescript_type_syntax_is_typescript(bullet: str) -> None:
    page = md("## Op", "", "**get** `/x`", "", "### Parameters", "", bullet)
    survey = pagekind.survey(page)
    assert survey.typescript == Clue(7, f"TypeScript field {bullet[2:]}")
    assert survey.typescript_only is not None


@pytest.mark.parametrize(
    ("bullet", "what"),
    [
        ("- `name: optional string`", "field"),
        ("- `ids: array of string`", "field"),
        ("- `meta: map[unknown]`", "field"),
        ("- `name: Optional[str]`", "field"),
        ("- `n: int`", "field"),
        ("- `class Tool: …`", "type declaration"),
        ("- `Tool object { id }`", "type declaration"),
    ],
)
def test_http_and_python_constructs_keep_a_typescript_looking_page_read(
    bullet: str, what: str
) -> None:
    page = TYPESCRIPT_PAGE + md("", "### Tool", "", bullet)
    survey = pagekind.survey(page)
    assert survey.other == Clue(29, f"{what} {bullet[2:]}")
    assert survey.typescript_only is None


def test_a_parameters_heading_of_the_http_flavor_keeps_a_page_read() -> None:
    page = TYPESCRIPT_PAGE.replace("### Parameters", "### Path Parameters")
    assert pagekind.survey(page).other == Clue(7, "Path Parameters heading")


def test_a_python_signature_keeps_a_page_read() -> None:
    page = md("## Op", "", "`things.get(strid)  -> Thing`", "", "- `tags?: Array<string>`")
    survey = pagekind.survey(page)
    assert survey.other == Clue(3, "Python method signature `things.get(strid)  -> Thing`")
    assert survey.typescript_only is None


def test_typescript_code_fences_alone_do_not_make_a_typescript_page() -> None:
    # An SDK's README: TypeScript in fences, no reference construct: a page of no reference.
    page = md("# Letta TypeScript API Library", "", "## Usage", "", "```ts")
    page += md("const a = await client.agents.retrieve('a'): Agent;", "```")
    skipped_with(page, "R009")


# --- pages with no reference construct ----------------------------------------------------------


def test_a_guide_is_one_note() -> None:
    page = md(
        "## Create an agent",
        "",
        "Agents remember. Call `client.agents.create()` to make one, or send",
        "`POST /v1/agents` yourself:",
        "",
        "```http",
        "POST /v1/agents",
        "**post** `/v1/agents`",
        "```",
        "",
        "- `include_types: true` - force the diagnostics",
        "- `model: gpt-4`",
    )
    message = skipped_with(page, "R009")
    assert "no reference construct" in message


def test_a_guide_whose_method_line_is_prose_becomes_no_operation() -> None:
    # The markdown reader took the method line for an operation's ("Listing your agents").
    page = md(
        "# Agents guide",
        "",
        "## Listing your agents",
        "",
        "To list your agents, send a request:",
        "",
        "**get** `/v1/agents`",
        "",
        "You get back a list.",
    )
    assert markdown.detect(page) == "http"
    message = skipped_with(page, "R009")
    assert "(line 7: the method line **get** `/v1/agents` is under no operation heading)" in message


def test_a_table_of_contents_is_one_note() -> None:
    page = md(
        "# API Reference",
        "",
        "## [Tools](/api/resources/tools/index.md)",
        "",
        "- [Retrieve](/api/resources/tools/methods/retrieve/index.md)",
        "",
        "  - [List](/api/resources/tools/methods/list/index.md)",
    )
    skipped_with(page, "R009")


def test_an_sdk_readme_is_one_note() -> None:
    page = md(
        "# Letta Python API library",
        "",
        "## Usage",
        "",
        "```python",
        "client = Letta(api_key=os.environ.get('LETTA_API_KEY'))",
        "tool = client.tools.retrieve('tool-1')",
        "```",
        "",
        "While you can provide an `api_key` keyword argument,",
        "`client.tools.retrieve(tool_id)` returns a `Tool`.",
    )
    skipped_with(page, "R009")


def test_an_llms_txt_is_one_note() -> None:
    page = md(
        "# Letta",
        "",
        "> Letta agents learn from experience.",
        "",
        "## Getting Started",
        "",
        "- [Quickstart](https://docs.letta.com/quickstart/index.md): Get started",
    )
    skipped_with(page, "R009")


# --- the scraped web flavor is still read -------------------------------------------------------


def test_scraped_web_text_is_read() -> None:
    page = md(
        "Tools",
        "Retrieve Tool",
        "GET/v1/tools/{tool_id}",
        "Get a tool by ID",
        "Path ParametersExpand Collapse",
        "tool_id: string",
    )
    doc, diags = read(page)
    assert doc is not None and doc.flavor == "web"
    assert [(op.method, op.path) for op in doc.operations] == [("get", "/v1/tools/{tool_id}")]
    assert all(level is not Level.NOTE or code not in ("R008", "R009") for level, code, _ in diags)


# --- the pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "string",
        "optional array of Tool",
        "Tool object { id, name, 3 more }",
        '"asc" or "desc"',
        "string or array of A or B or 5 more",
        "Optional[List[Dict[str, object]]]",
        'Literal["a", "b"]',
        "Array<Tool> | null",
        "Record<string, unknown>",
        "true",
        "ToolType",
    ],
)
def test_typelike_types(text: str) -> None:
    assert pagekind.typelike(text)


@pytest.mark.parametrize("text", ["30", "gpt-4", "Bearer $TOKEN", "the model to use", "or"])
def test_typelike_values_and_prose(text: str) -> None:
    assert not pagekind.typelike(text)


def test_constructs_in_code_fences_do_not_count() -> None:
    page = md("## Op", "", "```", "**get** `/x`", "- `tags?: Array<string>`", "```")
    assert pagekind.survey(page) == pagekind.Survey()


def test_the_method_line_may_follow_a_signature_under_the_heading() -> None:
    page = md("## Op", "", "`health()`", "", "**get** `/v1/health`")
    assert pagekind.survey(page).reference == Clue(
        3, "SDK method signature `health()` under a heading"
    )
    page = md("## Op", "", "**get** `/v1/health`")
    assert pagekind.survey(page).reference == Clue(
        3, "operation heading with the method line **get** `/v1/health`"
    )


# --- what the user sees -------------------------------------------------------------------------


def test_generate_prints_the_notes_with_v_only(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    (spec / "typescript").mkdir(parents=True)
    (spec / "typescript" / "tools.md").write_text(TYPESCRIPT_PAGE)
    (spec / "guide.md").write_text(md("# Guide", "", "Agents remember."))
    out = str(tmp_path / "out")
    quiet = CliRunner().invoke(main, ["generate", "--spec", str(spec), "--out", out])
    loud = CliRunner().invoke(main, ["generate", "-v", "--spec", str(spec), "--out", out])
    assert quiet.exit_code == loud.exit_code == 2  # nothing left to generate (R007)
    assert " note " not in quiet.stderr
    notes = [line for line in loud.stderr.splitlines() if " note " in line]
    assert [line.split(": ")[0:2] for line in notes] == [
        ["guide.md:1", "note R009"],
        ["typescript/tools.md:1", "note R008"],
    ]


def test_a_page_cut_inside_its_method_line_is_an_error_not_a_note() -> None:
    doc, diags = read(md("## Retrieve Tool", "", "**get** `/v1/to"))
    assert doc is None and diags == [(Level.ERROR, "R003", 1)]
