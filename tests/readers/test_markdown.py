"""The markdown reader (HTTP and Python flavors): one construct per test, then the sample spec."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SAMPLE_SPEC

from generator.diagnostics import Diagnostics
from generator.facts import (
    DeclEntry,
    DocumentFacts,
    Example,
    FieldEntry,
    SdkCall,
    TArray,
    TLiteral,
    TMap,
    TObject,
    TPrim,
    TRef,
    TUnion,
    TypeEntry,
    ValueEntry,
)
from generator.jsontext import JsonData
from generator.readers import markdown
from generator.readers.bullets import fence_closes, fence_open, split_lines
from generator.readers.sdkcall import looks_like_call
from generator.source import Span

P = "t.md"


def md(*lines: str) -> str:
    """A document whose line N is lines[N-1]."""
    return "\n".join(lines) + "\n"


def read(text: str, flavor: str = "http") -> tuple[DocumentFacts, list[str]]:
    """Facts and formatted diagnostics (notes included) of one snippet."""
    diags = Diagnostics()
    doc = markdown.read(P, text, diags, flavor)  # type: ignore[arg-type]
    return doc, [d.format() for d in diags.items]


def returns_of(*bullets: str, flavor: str = "http") -> tuple[tuple, list[str]]:
    """Entries of a Returns section whose lines start at line 5."""
    doc, diags = read(md("## Op", "", "**get** `/x`", "### Returns", *bullets), flavor)
    return doc.operations[0].returns, diags


def S(line: int) -> Span:
    return Span(P, line)


def field(name: str, type_, line: int, optional=False, desc="", children=()) -> FieldEntry:
    return FieldEntry(name, type_, optional, S(line), desc, children=tuple(children))


STR = TPrim("string")


# --- document and operation structure ---------------------------------------------------------


def test_h1_is_the_title():
    doc, diags = read(md("# Tools", "", "## Op", "**get** `/x`"))
    assert (doc.title, doc.path, doc.flavor, doc.span) == ("Tools", P, "http", S(1))
    assert (doc.flat, doc.python_names) == (False, False)
    assert diags == []


def test_operation_header_method_path_and_description():
    doc, diags = read(
        md(
            "## Search Tools",
            "",
            "**POST** `/v1/tools/search`",
            "",
            "Search tools.",
            "",
            "Requires embeddings. Uses vector search,",
            "full-text search, or hybrid.",
            "### Returns",
        )
        + "- `string`\n"
    )
    (op,) = doc.operations
    assert (op.title, op.span, op.method, op.path) == (
        "Search Tools",
        S(1),
        "post",
        "/v1/tools/search",
    )
    assert op.description == (
        "Search tools.\n\nRequires embeddings. Uses vector search,\nfull-text search, or hybrid."
    )
    assert (op.sdk, op.params, op.examples) == (None, (), ())
    assert diags == []


def test_operations_in_order():
    doc, _ = read(md("## A", "**get** `/a`", "## B", "**delete** `/b/{id}`"))
    assert [(o.title, o.method, o.path, o.span.line) for o in doc.operations] == [
        ("A", "get", "/a", 1),
        ("B", "delete", "/b/{id}", 3),
    ]
    assert [o.returns for o in doc.operations] == [None, None]


@pytest.mark.parametrize(
    ("heading", "location"),
    [
        ("Path Parameters", "path"),
        ("Query Parameters", "query"),
        ("Body Parameters", "body"),
        ("Header Parameters", "header"),
    ],
)
def test_parameter_sections_set_the_location(heading, location):
    doc, diags = read(
        md("## Op", "**get** `/x`", f"### {heading}", "", "- `a: string`", "", "  Aa")
    )
    (param,) = doc.operations[0].params
    assert param.location == location
    assert param.field == field("a", STR, 5, desc="Aa")
    assert diags == []


def test_python_parameters_have_no_location():
    text = md(
        "## Run",
        "**post** `/r`",
        "### Parameters",
        "- `tool_id: str`",
        "- `args: Optional[Dict[str, object]]`",
    )
    doc, diags = read(text, "python")
    assert [(p.location, p.field) for p in doc.operations[0].params] == [
        (None, field("tool_id", STR, 4)),
        (None, field("args", TMap(TPrim("unknown")), 5, optional=True)),
    ]
    assert (doc.flavor, doc.python_names) == ("python", True)
    assert diags == []


def test_sdk_call_line():
    text = md(
        "## Run Mcp Tool",
        "",
        "`mcp_servers.tools.run(strtool_id, ToolRunParams**kwargs)  -> ToolExecutionResult`",
        "",
        "**post** `/v1/run`",
        "",
        "Execute a tool",
    )
    doc, diags = read(text, "python")
    (op,) = doc.operations
    assert op.sdk == SdkCall(
        ("mcp_servers", "tools", "run"),
        ("tool_id",),
        "ToolRunParams",
        TRef("ToolExecutionResult"),
        S(3),
    )
    assert (op.method, op.path, op.description) == ("post", "/v1/run", "Execute a tool")
    assert diags == []


def test_malformed_sdk_call_is_d005():
    doc, diags = read(md("## Op", "`a.b(x y z!) -> T`", "**get** `/x`"), "python")
    assert doc.operations[0].sdk is None
    assert diags == [f"{P}:2: error D005: cannot read argument 'x y z!'"]


# --- bullets ----------------------------------------------------------------------------------


def test_field_bullets_http_and_python():
    http, _ = returns_of("- `metadata_: optional map[unknown]`", "- `tags: array of string`")
    assert http == (
        field("metadata_", TMap(TPrim("unknown")), 5, optional=True),
        field("tags", TArray(STR), 6),
    )
    py, diags = returns_of("- `tags: Optional[List[str]]`", flavor="python")
    assert py == (field("tags", TArray(STR), 5, optional=True),)
    assert diags == []


def test_value_bullets():
    entries, diags = returns_of(
        '- `order: optional "asc" or 1`', '  - `"asc"`', "    Oldest first", "  - `1`", "  - `true`"
    )
    (order,) = entries
    assert order.type == TLiteral(("asc", 1))
    assert order.children == (
        ValueEntry("asc", S(6), "Oldest first"),
        ValueEntry(1, S(8)),
        ValueEntry(True, S(9)),
    )
    assert diags == []


def test_declaration_bullet():
    entries, diags = returns_of(
        '- `ToolType = "custom" or "letta_core" or 8 more`', '  - `"custom"`', "- `Empty = unknown`"
    )
    assert entries == (
        DeclEntry(
            "ToolType",
            TLiteral(("custom", "letta_core"), 8),
            S(5),
            children=(ValueEntry("custom", S(6)),),
        ),
        DeclEntry("Empty", TPrim("unknown"), S(7)),
    )
    assert diags == []


def test_type_bullet_with_object_summary():
    entries, _ = returns_of(
        "- `Tool object { id, name, 15 more }`", "", "  A tool.", "", "  - `id: string`"
    )
    assert entries == (
        TypeEntry(TObject("Tool", ("id", "name"), 15), S(5), "A tool.", (field("id", STR, 9),)),
    )


def test_python_class_bullet_with_and_without_body():
    entries, diags = returns_of(
        "- `class ToolExecutionResult: …`",
        '  - `status: Literal["success", "error"]`',
        "- `class ToolCall: …`",
        flavor="python",
    )
    assert entries == (
        TypeEntry(
            TObject("ToolExecutionResult", None),
            S(5),
            children=(field("status", TLiteral(("success", "error")), 6),),
        ),
        TypeEntry(TObject("ToolCall", None), S(7)),
    )
    assert diags == []


def test_union_variants_under_a_field():
    entries, diags = returns_of(
        "- `tool_return: array of TextContent or ImageContent or string`",
        "  - `array of TextContent or ImageContent`",
        "    - `TextContent object { text }`",
        "      - `text: string`",
        "  - `string`",
    )
    (tool_return,) = entries
    assert tool_return.type == TArray(TUnion((TRef("TextContent"), TRef("ImageContent"), STR)))
    (arr, string) = tool_return.children
    assert arr.type == TArray(TUnion((TRef("TextContent"), TRef("ImageContent"))))
    assert arr.children == (
        TypeEntry(TObject("TextContent", ("text",)), S(7), children=(field("text", STR, 8),)),
    )
    assert string == TypeEntry(STR, S(9))
    assert diags == []


def test_python_union_variants():
    entries, diags = returns_of(
        "- `agent_type: Optional[Union[AgentType, str, null]]`",
        '  - `Literal["memgpt_agent", 6 more]`',
        '    - `"memgpt_agent"`',
        "  - `str`",
        "  - `List[ToolCall]`",
        "  - `Dict[str, object]`",
        flavor="python",
    )
    (agent_type,) = entries
    assert agent_type.optional is True
    assert agent_type.type == TUnion((TRef("AgentType"), STR, TPrim("null")))
    assert agent_type.children == (
        TypeEntry(
            TLiteral(("memgpt_agent",), 6), S(6), children=(ValueEntry("memgpt_agent", S(7)),)
        ),
        TypeEntry(STR, S(8)),
        TypeEntry(TArray(TRef("ToolCall")), S(9)),
        TypeEntry(TMap(TPrim("unknown")), S(10)),
    )
    assert diags == []


def test_deep_nesting_of_fields_of_fields():
    entries, diags = returns_of(
        "- `a: A`",
        "  - `b: B`",
        "    - `c: optional C`",
        "      - `d: string`",
        "        D's description",
        "    - `c2: number`",
        "  - `b2: boolean`",
    )
    d = field("d", STR, 8, desc="D's description")
    c = field("c", TRef("C"), 7, optional=True, children=[d])
    b = field("b", TRef("B"), 6, children=[c, field("c2", TPrim("number"), 10)])
    assert entries == (field("a", TRef("A"), 5, children=[b, field("b2", TPrim("boolean"), 11)]),)
    assert diags == []


def test_description_paragraphs_and_args_block_are_verbatim():
    entries, diags = returns_of(
        "- `msg: ToolReturnMessage`",
        "",
        "  A message representing",
        "  the return value.",
        "",
        "  Args:",
        "  id (str): The ID",
        "      indented more",
        "",
        "  - `id: string`",
        "",
        "  Text after the children.",
    )
    (msg,) = entries
    assert msg.description == (
        "A message representing\nthe return value.\n\n"
        "Args:\nid (str): The ID\n    indented more\n\n"
        "Text after the children."
    )
    assert msg.children == (field("id", STR, 14),)
    assert diags == []


def test_code_fence_in_a_description_is_text():
    entries, diags = returns_of(
        "- `a: string`",
        "  Example:",
        "  ```",
        "  - `not: a bullet`",
        "",
        "  # not a heading",
        "  ```",
        "- `b: string`",
    )
    assert entries == (
        field("a", STR, 5, desc="Example:\n```\n- `not: a bullet`\n\n# not a heading\n```"),
        field("b", STR, 12),
    )
    assert diags == []


def test_returns_as_a_bare_field_list():
    entries, diags = returns_of("- `id: string`", "- `name: optional string`")
    assert entries == (field("id", STR, 5), field("name", STR, 6, optional=True))
    assert diags == []


# --- examples and domain types ----------------------------------------------------------------


def test_examples_request_and_response():
    doc, diags = read(
        md(
            "## Op",
            "**get** `/x`",
            "### Example",
            "",
            "```http",
            "curl https://api/x \\",
            "    -H 'A: b'",
            "```",
            "",
            "```",
            "plain",
            "```",
            "",
            "#### Response",
            "",
            "```json",
            "{",
            '  "a": 1',
            "}",
            "```",
        )
    )
    assert doc.operations[0].examples == (
        Example("request", "http", "curl https://api/x \\\n    -H 'A: b'", S(5)),
        Example("request", "", "plain", S(10)),
        Example("response", "json", '{\n  "a": 1\n}', S(16), JsonData({"a": 1})),
    )
    assert diags == []


def test_a_response_example_is_parsed_once_by_the_reader_requests_stay_code():
    doc, diags = read(
        md(
            "## Op",
            "**get** `/x`",
            "### Example",
            "```json",
            '{"sent": true}',
            "```",
            "#### Response",
            "```json",
            '[1, 2.5, "x", null, {"a": [false]}]',
            "```",
            "```",
            "null",
            "```",
        )
    )
    request, response, null = doc.operations[0].examples
    assert request.value is None  # a request example is code, even when it is JSON
    assert response.value == JsonData([1, 2.5, "x", None, {"a": [False]}])
    assert null.value == JsonData(None)  # documented `null` (a fence of any language): a value
    assert diags == []


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("{oops", "D006"),
        ("NaN", "D006"),
        ('{"x": Infinity}', "D006"),
        ("1e999", "D006"),
        ('"\\ud800"', "D006"),
        ("", "D006"),
        ("[" * 101 + "]" * 101, "D008"),
    ],
)
def test_a_response_example_that_no_output_can_carry_has_no_value(bad: str, code: str):
    doc, diags = read(md("## Op", "**get** `/x`", "#### Response", "```json", bad, "```"))
    (example,) = doc.operations[0].examples
    assert (example.text, example.value) == (bad, None)  # the text is kept, as it was
    assert [d.split(": ")[1] for d in diags] == [f"warning {code}"]


def test_python_example_with_comment_lines_is_not_split():
    doc, diags = read(
        md("## Op", "**get** `/x`", "### Example", "```python", "# not a heading", "x = 1", "```"),
        "python",
    )
    assert doc.operations[0].examples == (
        Example("request", "python", "# not a heading\nx = 1", S(4)),
    )
    assert diags == []


def test_domain_types_section():
    doc, diags = read(
        md(
            "# Tools",
            "## Op",
            "**get** `/x`",
            "## Domain Types",
            "",
            "### Npm Requirement",
            "",
            "- `NpmRequirement object { name }`",
            "",
            "  - `name: string`",
            "",
            "### Tool Delete Response",
            "",
            "- `ToolDeleteResponse = unknown`",
        )
    )
    assert doc.types == (
        TypeEntry(TObject("NpmRequirement", ("name",)), S(8), children=(field("name", STR, 10),)),
        DeclEntry("ToolDeleteResponse", TPrim("unknown"), S(14)),
    )
    assert [o.title for o in doc.operations] == ["Op"]
    assert diags == []


# --- diagnostics ------------------------------------------------------------------------------


def test_d001_unknown_bullet_is_an_error_and_reading_goes_on():
    entries, diags = returns_of("- `not a type at all`", "  - `child: string`", "- `ok: string`")
    assert entries == (field("ok", STR, 7),)
    assert diags == [
        f"{P}:5: error D001: bullet is not a field, value, declaration or type: 'not a type at all'"
    ]


def test_d001_unknown_section_and_stray_text_are_warnings():
    doc, diags = read(
        md(
            "# T",
            "stray prose",
            "## Op",
            "**get** `/x`",
            "### Callbacks",
            "- `x: string`",
            "### Returns",
            "- `string`",
        )
    )
    assert doc.operations[0].returns == (TypeEntry(STR, S(8)),)
    assert doc.operations[0].params == ()
    assert diags == [
        f"{P}:2: warning D001: text here is ignored",
        f"{P}:5: warning D001: unknown section 'Callbacks' is ignored",
    ]


def test_d001_parameter_that_is_not_a_field():
    doc, diags = read(md("## Op", "**get** `/x`", "### Query Parameters", "- `string`"))
    assert doc.operations[0].params == ()
    assert diags == [
        f"{P}:4: error D001: a parameter must be a `name: type` bullet ('Query Parameters')"
    ]


def test_d002_unparsable_field_type_skips_its_subtree():
    entries, diags = returns_of(
        "- `a: array of {`", "  - `b: string`", "    desc of b", "- `c: string`"
    )
    assert entries == (field("c", STR, 8),)
    assert len(diags) == 1 and diags[0].startswith(
        f"{P}:5: error D002: cannot read the type of 'a'"
    )


def test_d002_python_grammar_in_python_flavor():
    _, diags = returns_of("- `a: string or`", flavor="python")
    assert [d.split(": ")[:2] for d in diags] == [[f"{P}:5", "error D002"]]


def test_d004_operation_without_method_line():
    doc, diags = read(md("# T", "## Op", "", "Just prose.", "### Returns", "- `string`"))
    (op,) = doc.operations
    assert (op.method, op.path, op.description) == (None, None, "Just prose.")
    assert op.returns == (TypeEntry(STR, S(6)),)
    assert diags == [f"{P}:2: error D004: operation 'Op' has no **method** `path` line"]


def test_d006_invalid_json_response_is_a_warning_at_the_bad_line():
    doc, diags = read(
        md("## Op", "**get** `/x`", "#### Response", "```json", "{", '  "a": 1,', "}", "```")
    )
    assert doc.operations[0].examples == (
        Example("response", "json", '{\n  "a": 1,\n}', S(4), None),
    )
    assert len(diags) == 1 and diags[0].startswith(
        f"{P}:7: warning D006: example is not valid JSON"
    )


@pytest.mark.parametrize(
    ("bullets", "line", "message"),
    [
        (["- `a: A`", "   - `b: string`"], 6, "bullet indented by 3 spaces, not a multiple of 2"),
        (["- `a: A`", "    - `b: string`"], 6, "bullet indented by 4 spaces, at most 2 expected"),
        (["- `a: A`", "\t- `b: string`"], 6, "bullet indented with a tab"),
        (
            ["- `a: A`", '  - `"x"`', "    - `b: string`"],
            7,
            "a value bullet cannot have nested bullets",
        ),
    ],
)
def test_d007_inconsistent_indentation(bullets, line, message):
    entries, diags = returns_of(*bullets, "- `z: string`")
    assert entries[0].name == "a" and entries[-1] == field("z", STR, 5 + len(bullets))
    assert diags == [f"{P}:{line}: error D007: {message}"]


def test_d007_child_is_skipped_but_its_parent_is_kept():
    entries, _ = returns_of("- `a: A`", "    - `b: string`", "      B", "  - `c: string`")
    assert entries == (field("a", TRef("A"), 5, children=[field("c", STR, 8)]),)


def test_d008_nesting_deeper_than_100_levels():
    bullets = ["  " * k + f"- `f{k}: F`" for k in range(200)]
    entries, diags = returns_of(*bullets)
    assert diags == [f"{P}:105: error D008: bullets nested deeper than 100 levels"]
    depth, node = 1, entries[0]
    while node.children:
        depth, node = depth + 1, node.children[0]
    assert (depth, node.name, node.span) == (100, "f99", S(104))


@pytest.mark.parametrize(
    ("tail", "line", "message"),
    [
        (["### Returns", ""], 3, "file ends right after the heading 'Returns'"),
        (["#### Response", "```json", "{"], 4, "code block is never closed"),
        (["### Returns", "- `id: string`", "- `name: opt"], 5, "file ends inside a bullet"),
        (["## Domain Types"], 3, "file ends right after the heading 'Domain Types'"),
    ],
)
def test_d009_truncated_file(tail, line, message):
    _, diags = read(md("## Op", "**get** `/x`", *tail))
    assert diags == [f"{P}:{line}: error D009: {message}"]


def test_d009_operation_heading_at_end_of_file_also_lacks_a_method():
    doc, diags = read(md("## Op", "**get** `/x`", "## Next", ""))
    assert [o.title for o in doc.operations] == ["Op", "Next"]
    assert diags == [
        f"{P}:3: error D004: operation 'Next' has no **method** `path` line",
        f"{P}:3: error D009: file ends right after the heading 'Next'",
    ]


def test_broken_bullet_before_the_end_is_d001_not_d009():
    _, diags = returns_of("- `name: opt", "- `b: string`")
    assert diags == [f"{P}:5: error D001: bullet not understood: '`name: opt'"]


def test_crlf_reads_like_lf():
    text = (SAMPLE_SPEC / "tools.http.md").read_text(encoding="utf-8")
    lf, lf_diags = read(text)
    crlf, crlf_diags = read(text.replace("\n", "\r\n"))
    assert crlf == lf
    assert crlf_diags == lf_diags == []


# --- detect -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "flavor"),
    [
        ("tools.http.md", "http"),
        ("mcp-servers-tools-run.python.md", "python"),
        ("tools.web.txt", None),
        ("mcp-servers-tools.web.txt", None),
        ("mcp-servers-tools-retrieve.python.web.txt", None),
        ("README.md", None),
    ],
)
def test_detect_real_files(name, flavor):
    assert markdown.detect((SAMPLE_SPEC / name).read_text(encoding="utf-8")) == flavor


@pytest.mark.parametrize(
    ("text", "flavor"),
    [
        (md("## A", "**get** `/a`"), "http"),
        (md("## Domain Types", "### X", "- `X object { a }`", "  - `a: optional string`"), "http"),
        (md("## Domain Types", "### X", "- `X = Foo`"), None),
        (md("## A", "`a.b.c(strx) -> T`", "**get** `/a`"), "python"),
        (md("## A", "**get** `/a`", "### Returns", "- `class X: …`"), "python"),
        (md("## A", "**get** `/a`", "### Returns", "- `a: str`"), "python"),
        (md("## A", "**get** `/a`", "```", "- `a: Optional[str]`", "```"), "http"),
        (md("# Notes", "", "Some prose with `code`."), None),
        ("", None),
    ],
)
def test_detect_snippets(text, flavor):
    assert markdown.detect(text) == flavor


def _detect_by_full_scan(text: str) -> str | None:
    """The flavor rule, checked on every line to the end (what `detect` shortcuts)."""
    method = domain = http_bullets = False
    fence = None
    for line in split_lines(text):
        s = line.strip()
        if not s:
            continue
        if fence is not None:
            fence = None if fence_closes(s, fence) else fence
        elif s[0] in "`~" and (fence := fence_open(s)) is not None:
            continue
        elif s[0] == "`":
            code = markdown._CODE_LINE.fullmatch(s)
            if code and looks_like_call(code.group(1)):
                return "python"
        elif s.startswith("- `") and s.endswith("`"):
            if markdown._PY_TYPE.search(s[3:-1]):
                return "python"
            http_bullets = http_bullets or bool(markdown._HTTP_TYPE.search(s[3:-1]))
        elif s[0] == "*":
            method = method or bool(markdown._METHOD.fullmatch(s))
        elif s[0] == "#":
            domain = domain or s == "## Domain Types"
    return "http" if method or (domain and http_bullets) else None


_DETECT_LINES = [
    "## A",
    "## Domain Types",
    "### X",
    "**get** `/a`",
    "**post**\t`/b`",
    "```",
    "```json",
    "~~~",
    "`a.b(x) -> T`",
    "\u00a0`a.b()`\u2003",
    "`a.b(`",
    "`code` (see a.b(x))",
    "- `a: str`",
    "- `a: Optional[str]`",
    "- `class X: …`",
    "- `X object { a }`",
    "  - `a: optional string`",
    "- `List[int]`",
    "text with List[ and `class of` and : str`",
    "",
    "   ",
    "- `b: int` x",
]


@settings(max_examples=400, derandomize=True, database=None)
@given(
    st.lists(st.sampled_from(_DETECT_LINES), max_size=12),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_detect_agrees_with_a_full_scan(lines: list[str], newline: str):
    """The shortcut (no Python hint anywhere: the first HTTP evidence decides) never changes
    the answer."""
    text = newline.join(lines)
    assert markdown.detect(text) == _detect_by_full_scan(text)


# --- the sample spec's files (real pages) -----------------------------------------------------


def read_spec(name: str) -> tuple[DocumentFacts, list[str]]:
    diags = Diagnostics()
    text = (SAMPLE_SPEC / name).read_text(encoding="utf-8")
    doc = markdown.read(name, text, diags, markdown.detect(text))  # type: ignore[arg-type]
    return doc, [d.format() for d in diags.items]


def test_real_http_file():
    doc, diags = read_spec("tools.http.md")
    assert diags == []
    assert doc.title == "Tools"
    assert [(o.title, o.method, o.path) for o in doc.operations] == [
        ("Delete Tool", "delete", "/v1/tools/{tool_id}"),
        ("Retrieve Tool", "get", "/v1/tools/{tool_id}"),
        ("Update Tool", "patch", "/v1/tools/{tool_id}"),
        ("List Tools", "get", "/v1/tools/"),
        ("Create Tool", "post", "/v1/tools/"),
        ("Upsert Tool", "put", "/v1/tools/"),
        ("Search Tools", "post", "/v1/tools/search"),
    ]
    names = [t.type.name if isinstance(t, TypeEntry) else t.name for t in doc.types]
    assert names == [
        "NpmRequirement",
        "PipRequirement",
        "Tool",
        "ToolCreate",
        "ToolReturnMessage",
        "ToolSearchRequest",
        "ToolSearchResult",
        "ToolType",
        "ToolDeleteResponse",
        "ToolSearchResponse",
    ]


def test_real_http_file_details():
    doc, _ = read_spec("tools.http.md")
    delete, retrieve, _, listing, *_ = doc.operations
    assert delete.returns is None
    assert [e.role for e in delete.examples] == ["request", "response"]
    assert delete.examples[1].text == "{}"
    (tool,) = retrieve.returns
    assert tool.type == TObject("Tool", ("id", "args_json_schema", "created_by_id"), 15)
    assert len(tool.children) == 18
    assert len(listing.returns) == 18 and listing.returns[0].name == "id"
    assert [p.field.name for p in listing.params if p.location == "query"][:2] == [
        "after",
        "before",
    ]


def test_real_python_file():
    doc, diags = read_spec("mcp-servers-tools-run.python.md")
    assert diags == []
    assert (doc.title, doc.flavor, doc.python_names, doc.types) == ("", "python", True, ())
    (op,) = doc.operations
    assert (op.title, op.method) == ("Run Mcp Tool", "post")
    assert op.path == "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run"
    assert (op.sdk.method_path, op.sdk.positional) == (
        ("mcp_servers", "tools", "run"),
        ("tool_id",),
    )
    assert [(p.location, p.field.name) for p in op.params] == [
        (None, "mcp_server_id"),
        (None, "tool_id"),
        (None, "args"),
    ]
    (result,) = op.returns
    assert result.type == TObject("ToolExecutionResult", None)
    assert [c.name for c in result.children][:2] == ["status", "agent_state"]
    assert [(e.role, e.language) for e in op.examples] == [
        ("request", "python"),
        ("response", "json"),
    ]


@pytest.mark.slow
def test_ten_megabytes_read_in_a_few_seconds():
    text = (SAMPLE_SPEC / "mcp-servers-tools-run.python.md").read_text(encoding="utf-8")
    copies = 10_000_000 // len(text) + 1
    big = text * copies
    start = time.perf_counter()
    assert markdown.detect(big) == "python"
    doc, diags = read(big, "python")
    assert time.perf_counter() - start < 15
    assert (len(doc.operations), diags) == (copies, [])


def _sections_line_by_line(lines: list[str]) -> list[tuple]:
    """Headings outside fences, every line looked at (what `_sections` skips to the marked lines)."""
    heads, fence = [], None
    for i, line in enumerate(lines):
        if fence is not None:
            fence = None if fence_closes(line, fence) else fence
            continue
        fence = fence_open(line)
        m = markdown._HEADING.fullmatch(line) if fence is None and line[:1] == "#" else None
        if m:
            heads.append((len(m.group(1)), m.group(2), i + 1))
    return heads


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# T",
                "## Op",
                "### Returns",
                "text",
                "```",
                "````",
                "```json",
                "~~~",
                " ~~~ ",
                "",
                "#x",
            ]
        ),
        max_size=30,
    )
)
def test_sections_look_only_at_marked_lines_and_find_the_same_headings(lines):
    sections = markdown._sections("t.md", lines, Diagnostics())
    assert [(s.level, s.title, s.line) for s in sections[1:]] == _sections_line_by_line(lines)
