"""The scraped-web-text reader: one construct per test, then the three real pages."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SAMPLE_SPEC

from generator.diagnostics import Diagnostics
from generator.facts import (
    Constraint,
    DeclEntry,
    DocumentFacts,
    Example,
    FieldEntry,
    OperationFacts,
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
from generator.readers import web
from generator.source import Span

P = "page.txt"


def page(*lines: str) -> str:
    """A page whose line N is lines[N-1]."""
    return "\n".join(lines) + "\n"


def read(text: str) -> tuple[DocumentFacts, list[str]]:
    """Facts and formatted diagnostics (notes included) of one snippet."""
    diags = Diagnostics()
    doc = web.read(P, text, diags)
    return doc, [d.format() for d in diags.items]


def only_op(doc: DocumentFacts) -> OperationFacts:
    assert len(doc.operations) == 1
    return doc.operations[0]


def fields(entries) -> list[FieldEntry]:
    return [e for e in entries if isinstance(e, FieldEntry)]


def S(line: int) -> Span:
    return Span(P, line)


# --- page frame, title, operations -------------------------------------------------------------


def test_title_is_first_heading_like_line_after_chrome():
    doc, diags = read(
        page(
            "Skip to content",
            "  • Auto",
            "DiscordForumGitHubSign up",
            "Letta Platform Letta Platform Letta Docs",
            "View as Markdown",
            "Copy Markdown",
            "Open in Claude",
            "",
            "Agents",
            "",
            "List Agents",
            "GET/v1/agents",
        )
    )
    assert doc.title == "Agents"
    assert (doc.flavor, doc.flat, doc.python_names, doc.path) == ("web", True, False, P)
    assert doc.span == S(1)
    assert diags == []


def test_overview_lists_title_and_method_pairs():
    doc, diags = read(
        page(
            "Tools",
            "",
            "List Tools For Mcp Server",
            "GET/v1/mcp-servers/{mcp_server_id}/tools",
            "Retrieve Mcp Tool",
            "get/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}",
            "Run Mcp Tool",
            "Post/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run",
        )
    )
    got = [(o.title, o.method, o.path, o.span.line) for o in doc.operations]
    assert got == [
        ("List Tools For Mcp Server", "get", "/v1/mcp-servers/{mcp_server_id}/tools", 3),
        ("Retrieve Mcp Tool", "get", "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}", 5),
        ("Run Mcp Tool", "post", "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run", 7),
    ]
    assert all(o.description == "" and o.returns is None for o in doc.operations)
    assert diags == []


def test_table_of_contents_without_method_lines_is_navigation():
    doc, diags = read(
        page("Tools", "Delete Tool", "Retrieve Tool", "ModelsExpand Collapse", "Tool object { id }")
    )
    assert doc.operations == ()
    assert doc.types == (TypeEntry(TObject("Tool", ("id",)), S(5)),)
    assert diags == []


def test_sdk_call_line_gives_sdk_and_the_title_before_it():
    doc, diags = read(
        page(
            "Get Mcp Tool",
            "",
            "mcp_servers.tools.retrieve(strtool_id, ToolRetrieveParams**kwargs) -> Tool",
            "get/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}",
        )
    )
    op = only_op(doc)
    assert (op.title, op.span, op.method) == ("Get Mcp Tool", S(1), "get")
    assert op.sdk == SdkCall(
        ("mcp_servers", "tools", "retrieve"), ("tool_id",), "ToolRetrieveParams", TRef("Tool"), S(3)
    )
    assert doc.python_names is True
    assert diags == []


def test_operation_description_is_paragraphs_until_the_section():
    doc, _ = read(
        page(
            "Run Tool",
            "POST/v1/tools/{tool_id}/run",
            "",
            "Execute a tool.",
            "It runs “sandboxed”.",
            "",
            "Second paragraph.",
            "ParametersExpand Collapse",
            "tool_id: string",
        )
    )
    assert only_op(doc).description == "Execute a tool.\nIt runs “sandboxed”.\n\nSecond paragraph."


def test_prose_starting_with_a_verb_and_slash_is_not_a_method_line():
    doc, diags = read(page("Op", "GET /v1/x", "Get/set the value.", "Delete/remove it"))
    assert (only_op(doc).path, only_op(doc).description) == (
        "/v1/x",
        "Get/set the value.\nDelete/remove it",
    )
    assert diags == []


def test_operation_without_title_line():
    doc, _ = read(page("ParametersExpand Collapse", "GET/v1/a", "POST/v1/b"))
    assert [(o.title, o.span.line, o.path) for o in doc.operations] == [
        ("", 2, "/v1/a"),
        ("", 3, "/v1/b"),
    ]


# --- sections and fields -----------------------------------------------------------------------


def test_section_labels_set_the_parameter_location():
    doc, diags = read(
        page(
            "Op",
            "PATCH/v1/x/{a}",
            "Path ParametersExpand Collapse",
            "a: string",
            "Query ParametersExpand Collapse",
            "b: optional number",
            "Body ParametersExpand Collapse",
            "c: boolean",
            "Header ParametersExpand Collapse",
            "d: string",
            "ParametersExpand Collapse",
            "e: string",
        )
    )
    got = [(p.location, p.field.name, p.field.span.line) for p in only_op(doc).params]
    assert got == [("path", "a", 4), ("query", "b", 6), ("body", "c", 8), ("header", "d", 10)] + [
        (None, "e", 12)
    ]
    assert diags == []


def test_field_lines_in_http_grammar():
    doc, _ = read(
        page(
            "ModelsExpand Collapse",
            "Thing object { a, b, 3 more }",
            "a: optional array of NpmRequirement { name, version }",
            "b: map[unknown]",
            'c: "x" or "y"',
            "d: string or number",
            "e: Other object",
        )
    )
    header = doc.types[0]
    assert header == TypeEntry(TObject("Thing", ("a", "b"), 3), S(2), children=header.children)
    assert [(f.name, f.optional, f.type) for f in fields(header.children)] == [
        ("a", True, TArray(TObject("NpmRequirement", ("name", "version")))),
        ("b", False, TMap(TPrim("unknown"))),
        ("c", False, TLiteral(("x", "y"))),
        ("d", False, TUnion((TPrim("string"), TPrim("number")))),
        ("e", False, TObject("Other", None)),
    ]
    assert doc.python_names is False


def test_field_lines_in_python_grammar():
    doc, _ = read(
        page(
            "Op",
            "GET/v1/x",
            "ParametersExpand Collapse",
            "a: str",
            "b: Optional[List[NpmRequirement]]",
            "c: Optional[Dict[str, object]]",
            'd: Literal["a", "b", 3 more]',
            "e: object",
        )
    )
    got = [(p.field.name, p.field.optional, p.field.type) for p in only_op(doc).params]
    assert got == [
        ("a", False, TPrim("string")),
        ("b", True, TArray(TRef("NpmRequirement"))),
        ("c", True, TMap(TPrim("unknown"))),
        ("d", False, TLiteral(("a", "b"), 3)),
        ("e", False, TPrim("unknown")),  # the page is Python: `object` is Python's
    ]
    assert doc.python_names is True


def test_class_header_alone_marks_a_python_page():
    doc, _ = read(page("Op", "GET/v1/x", "ReturnsExpand Collapse", "class Tool:", "id: object"))
    assert doc.python_names is True
    assert fields(only_op(doc).returns[0].children)[0].type == TPrim("unknown")


def test_field_description_paragraphs():
    doc, _ = read(
        page(
            "ModelsExpand Collapse",
            "T object { a }",
            "Type description.",
            "a: string",
            "",
            "First line",
            "second line.",
            "",
            "Second paragraph.",
            "",
        )
    )
    header = doc.types[0]
    assert header.description == "Type description."
    assert header.children[0].description == "First line\nsecond line.\n\nSecond paragraph."


def test_prose_with_a_colon_is_description_not_a_field():
    doc, diags = read(
        page(
            "ModelsExpand Collapse",
            "T object { a }",
            "a: string",
            "Args: id (str): The ID of the message",
            "Note: Use the other one.",
            "note: see below",
        )
    )
    (a,) = doc.types[0].children
    expected = "Args: id (str): The ID of the message\nNote: Use the other one.\nnote: see below"
    assert a.description == expected
    assert diags == []


# --- constraints ---------------------------------------------------------------------------------

CONSTRAINTS = [
    ("minLength1", "minLength", 1),
    ("maxLength255", "maxLength", 255),
    ("maximum1000000", "maximum", 1000000),
    ("minimum1", "minimum", 1),
    ("minimum-5", "minimum", -5),
    ("exclusiveMinimum0", "exclusiveMinimum", 0),
    ("exclusiveMaximum0.5", "exclusiveMaximum", 0.5),
    ("multipleOf2.5", "multipleOf", 2.5),
    ("pattern^[a-z]+$", "pattern", "^[a-z]+$"),
    ("minItems1", "minItems", 1),
    ("maxItems10", "maxItems", 10),
    ("uniqueItemstrue", "uniqueItems", True),
    ("formatdate-time", "format", "date-time"),
    ('default"custom"', "default", "custom"),
    ("default5", "default", 5),
    ("default0.25", "default", 0.25),
    ("defaultfalse", "default", False),
]


@pytest.mark.parametrize(("line", "name", "value"), CONSTRAINTS)
def test_glued_constraint_lines(line, name, value):
    doc, diags = read(
        page("Op", "GET/v1/x", "ParametersExpand Collapse", "a: string", "Desc.", line)
    )
    f = only_op(doc).params[0].field
    assert f.constraints == (Constraint(name, value, S(6)),)
    assert type(f.constraints[0].value) is type(value)
    assert f.default == (value if name == "default" else None)
    assert f.description == "Desc."
    assert diags == []


def test_several_constraints_stay_on_their_field():
    doc, _ = read(
        page(
            "Op",
            "GET/v1/x",
            "ParametersExpand Collapse",
            "a: number",
            "maximum1000000",
            "minimum1",
            "b: string",
        )
    )
    a, b = (p.field for p in only_op(doc).params)
    assert [(c.name, c.value, c.span.line) for c in a.constraints] == [
        ("maximum", 1000000, 5),
        ("minimum", 1, 6),
    ]
    assert b.constraints == ()


@pytest.mark.parametrize("line", ["minimum of three", "defaults to x", "formatted text", "pattern"])
def test_prose_starting_with_a_constraint_word_is_description(line):
    doc, diags = read(page("Op", "GET/v1/x", "ParametersExpand Collapse", "a: string", line))
    f = only_op(doc).params[0].field
    assert (f.constraints, f.description) == ((), line)
    assert diags == []


# --- enum values and variants ------------------------------------------------------------------


@pytest.mark.parametrize("header", ["One of the following:", "Accepts one of the following:"])
def test_values_after_one_of_are_children_of_the_field(header):
    doc, _ = read(
        page(
            "Op",
            "GET/v1/x",
            "ParametersExpand Collapse",
            "mode: optional ToolType",
            "The mode.",
            header,
            '"custom"',
            "Custom tools.",
            '"letta_core"',
            "b: string",
        )
    )
    mode, b = (p.field for p in only_op(doc).params)
    assert mode.children == (
        ValueEntry("custom", S(7), "Custom tools."),
        ValueEntry("letta_core", S(9)),
    )
    assert mode.description == "The mode."
    assert b.children == ()


def test_bare_scalars_are_values_only_after_one_of():
    doc, _ = read(
        page(
            "Op",
            "GET/v1/x",
            "ParametersExpand Collapse",
            "n: 1 or 2 or null",
            "One of the following:",
            "1",
            "2.5",
            "null",
            "m: number",
            "7",
        )
    )
    n, m = (p.field for p in only_op(doc).params)
    assert [v.value for v in n.children] == [1, 2.5, None]
    assert (m.children, m.description) == ((), "7")


def test_variant_type_lines_in_params_attach_to_the_field():
    doc, _ = read(
        page(
            "Op",
            "POST/v1/x",
            "Body ParametersExpand Collapse",
            "response_format: Optional[ResponseFormat]",
            "Accepts one of the following:",
            "class TextResponseFormat:",
            "Text.",
            "class JsonObjectResponseFormat:",
        )
    )
    (param,) = only_op(doc).params
    assert param.field.children == (
        TypeEntry(TObject("TextResponseFormat", None), S(6), "Text."),
        TypeEntry(TObject("JsonObjectResponseFormat", None), S(8)),
    )


def test_bare_type_names_are_variants_only_where_no_description_is_open():
    doc, _ = read(
        page(
            "Op",
            "GET/v1/x",
            "ParametersExpand Collapse",
            "a: Tool or string",
            "One of the following:",
            "Tool",
            "string",
            "Plain text.",
            "Deprecated",
        )
    )
    (param,) = only_op(doc).params
    assert param.field.children == (
        TypeEntry(TRef("Tool"), S(6)),
        TypeEntry(TPrim("string"), S(7), "Plain text.\nDeprecated"),
    )


# --- headers and flat listings -------------------------------------------------------------------


def test_model_declaration_header_takes_the_flat_listing():
    doc, diags = read(
        page(
            "ModelsExpand Collapse",
            "ToolListResponse = array of Tool { id, npm_requirements, 1 more }",
            "id: string",
            "npm_requirements: optional array of NpmRequirement { name, version }",
            "name: string",
            "minLength1",
            "version: optional string",
            "tool_type: optional ToolType",
            "One of the following:",
            '"custom"',
            'ToolType = "custom" or "letta_core"',
            "One of the following:",
            '"custom"',
            '"letta_core"',
        )
    )
    first, second = doc.types
    assert isinstance(first, DeclEntry)
    assert (first.name, first.type, first.span) == (
        "ToolListResponse",
        TArray(TObject("Tool", ("id", "npm_requirements"), 1)),
        S(2),
    )
    assert [(f.name, f.span.line) for f in first.children] == [
        ("id", 3),
        ("npm_requirements", 4),
        ("name", 5),
        ("version", 7),
        ("tool_type", 8),
    ]
    assert first.children[2].constraints == (Constraint("minLength", 1, S(6)),)
    assert first.children[4].children == (ValueEntry("custom", S(10)),)
    assert second == DeclEntry(
        "ToolType",
        TLiteral(("custom", "letta_core")),
        S(11),
        children=(ValueEntry("custom", S(13)), ValueEntry("letta_core", S(14))),
    )
    assert diags == []


def test_object_summary_headers_and_inline_variant_markers():
    doc, diags = read(
        page(
            "ModelsExpand Collapse",
            "Message object { id, content }",
            "A message.",
            "content: array of TextContent { text } or ImageContent { source }",
            "The content.",
            "array of TextContent { text } or ImageContent { source }",
            "ImageContent object { source }",
            "source: string",
            "Other object { x }",
            "x: string",
        )
    )
    message, other = doc.types
    assert (message.type, message.description) == (
        TObject("Message", ("id", "content")),
        "A message.",
    )
    kinds = [(type(e).__name__, e.span.line) for e in message.children]
    assert kinds == [("FieldEntry", 4), ("TypeEntry", 6), ("TypeEntry", 7), ("FieldEntry", 8)]
    assert message.children[2] == TypeEntry(TObject("ImageContent", ("source",)), S(7))
    assert other.type == TObject("Other", ("x",))
    assert [f.name for f in other.children] == ["x"]
    assert diags == []


def test_class_lines_after_a_one_of_stay_variants_in_models():
    doc, _ = read(
        page(
            "ModelsExpand Collapse",
            "class Settings:",
            "response_format: Optional[ResponseFormat]",
            "Accepts one of the following:",
            "class TextResponseFormat:",
            'type: Literal["text"]',
            "class JsonObjectResponseFormat:",
            'type: Literal["json_object"]',
        )
    )
    (settings,) = doc.types
    assert [(type(e).__name__, e.span.line) for e in settings.children] == [
        ("FieldEntry", 3),
        ("TypeEntry", 5),
        ("FieldEntry", 6),
        ("TypeEntry", 7),
        ("FieldEntry", 8),
    ]


def test_returns_class_header_with_flat_fields():
    doc, _ = read(
        page(
            "Op",
            "GET/v1/x",
            "ReturnsExpand Collapse",
            "class Tool:",
            "",
            "A tool.",
            "",
            "id: str",
            "npm_requirements: Optional[List[NpmRequirement]]",
            "name: str",
            "class Nested:",
        )
    )
    (header,) = only_op(doc).returns
    assert (header.type, header.span, header.description) == (
        TObject("Tool", None),
        S(4),
        "A tool.",
    )
    assert [getattr(e, "name", None) for e in header.children] == [
        "id",
        "npm_requirements",
        "name",
        None,
    ]
    assert header.children[3] == TypeEntry(TObject("Nested", None), S(11))


def test_returns_without_header_is_a_flat_tuple_of_fields():
    doc, _ = read(page("Op", "GET/v1/x", "ReturnsExpand Collapse", "id: string", "n: number"))
    returns = only_op(doc).returns
    assert [(f.name, f.type) for f in returns] == [("id", TPrim("string")), ("n", TPrim("number"))]


# --- examples ------------------------------------------------------------------------------------


def test_python_example_runs_through_the_statement_block():
    doc, _ = read(
        page(
            "Get Tool",
            "GET/v1/tools/{tool_id}",
            "Get Tool",
            "from letta_client import Letta",
            "",
            "client = Letta(",
            '    api_key="My API Key",',
            ")",
            "tool = client.tools.retrieve(",
            '    "tool_id",',
            ")",
            "print(tool.id)",
            "Afterwards text.",
        )
    )
    (example,) = only_op(doc).examples
    assert example == Example("request", "python", example.text, S(4))
    assert example.text.splitlines()[-1] == "print(tool.id)"
    assert example.text.count("\n") == 8
    assert only_op(doc).description == ""


def test_curl_example_with_continuations_and_quoted_body():
    doc, _ = read(
        page(
            "Create Tool",
            "POST/v1/tools",
            "curl https://api.letta.com/v1/tools \\",
            "    -H 'Content-Type: application/json' \\",
            "    -d '{",
            '          "source_code": "x"',
            "        }'",
            "{",
            '  "id": "t"',
            "}",
        )
    )
    curl, response = only_op(doc).examples
    assert (curl.role, curl.language, curl.span, curl.value) == ("request", "http", S(3), None)
    assert curl.text.splitlines()[-1] == "        }'"  # its JSON body stays code: not parsed
    assert response == Example("response", "json", '{\n  "id": "t"\n}', S(8), JsonData({"id": "t"}))


def test_curl_example_ends_at_a_blank_line():
    doc, diags = read(page("Op", "GET/v1/x", "curl https://x \\", "", "Text after."))
    (curl,) = only_op(doc).examples
    assert (curl.text, curl.span) == ("curl https://x \\", S(3))
    assert only_op(doc).description == ""
    assert diags == []


def test_json_examples_and_returns_examples_copy():
    doc, diags = read(
        page(
            "Delete Tool",
            "DELETE/v1/tools/{tool_id}",
            "{}",
            "[",
            "  1",
            "]",
            "Returns Examples",
            "[",
            "  1",
            "]",
        )
    )
    assert only_op(doc).examples == (
        Example("response", "json", "{}", S(3), JsonData({})),
        Example("response", "json", "[\n  1\n]", S(4), JsonData([1])),  # the copy at 8: dropped
    )
    assert diags == []


def test_labels_and_repeated_titles_before_examples_are_chrome():
    doc, _ = read(
        page(
            "Get Tool",
            "GET/v1/x",
            "ReturnsExpand Collapse",
            "mode: string",
            "One of the following:",
            '"a"',
            "Get Tool",
            "from x import y",
            "Response Sample",
            "{}",
        )
    )
    op = only_op(doc)
    assert op.returns[0].children == (ValueEntry("a", S(6)),)
    assert [e.language for e in op.examples] == ["python", "json"]


@pytest.mark.parametrize(
    "chrome",
    ["Skip to content", "Was this page helpful?", "Returns Examples", "Copy Markdown", "T Page"],
)
def test_site_chrome_and_repeated_titles_inside_a_listing_are_ignored(chrome):
    doc, _ = read(
        page("T Page", "ModelsExpand Collapse", "T object { a }", "a: string", "Desc.", chrome)
    )
    assert doc.title == "T Page"
    assert doc.types[0].children[0].description == "Desc."


# --- diagnostics ---------------------------------------------------------------------------------


def test_unreadable_field_type_is_a_d002_warning_and_the_entry_is_dropped():
    doc, diags = read(
        page("Op", "GET/v1/x", "ParametersExpand Collapse", "a: array of", "Its text.", "b: string")
    )
    assert [p.field.name for p in only_op(doc).params] == ["b"]
    assert len(diags) == 1 and diags[0].startswith("page.txt:4: warning D002: ")


def test_unreadable_declaration_is_d002_and_its_listing_is_dropped():
    doc, diags = read(
        page("ModelsExpand Collapse", "Broken = List[", "a: string", "T object { b }")
    )
    assert [e.type for e in doc.types] == [TObject("T", ("b",))]
    assert len(diags) == 1 and diags[0].startswith("page.txt:2: warning D002: ")


def test_unreadable_type_line_is_d002():
    _, diags = read(page("ModelsExpand Collapse", "T object { a }", "U object { bad name }"))
    assert len(diags) == 1 and diags[0].startswith("page.txt:3: warning D002: ")


@pytest.mark.parametrize("line", ["maxLength1.5", "minimumX", 'default"open', "uniqueItemsYes"])
def test_bad_constraint_value_is_d010(line):
    doc, diags = read(page("Op", "GET/v1/x", "ParametersExpand Collapse", "a: string", line))
    assert only_op(doc).params[0].field.constraints == ()
    assert len(diags) == 1 and diags[0].startswith("page.txt:5: warning D010: ")


@pytest.mark.parametrize("line", ["GET/v1/tools/{tool_id", "post/v1//a", "GET/v1/{}", "GET/v1/a}"])
def test_malformed_method_path_is_d004(line):
    doc, diags = read(page("Op", line, "ParametersExpand Collapse", "a: string"))
    op = only_op(doc)
    assert (op.title, op.method, op.path, len(op.params)) == ("Op", None, None, 1)
    assert len(diags) == 1 and diags[0].startswith("page.txt:2: error D004: ")


def test_unreadable_sdk_call_is_d005():
    doc, diags = read(page("Op", "tools.retrieve(strtool_id) -> List[", "GET/v1/x"))
    op = only_op(doc)
    assert (op.sdk, op.method) == (None, "get")
    assert len(diags) == 1 and diags[0].startswith("page.txt:2: warning D005: ")


def test_invalid_json_example_is_d006():
    doc, diags = read(page("Op", "GET/v1/x", "{", '  "a": 1,', "}"))
    assert only_op(doc).examples == ()
    assert len(diags) == 1 and diags[0].startswith("page.txt:3: warning D006: ")


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ('{"x": NaN}', "D006"),
        ('{"x": 1e999}', "D006"),
        ('["\\udc00"]', "D006"),
        ("[" * 101 + "]" * 101, "D008"),
    ],
)
def test_json_no_output_can_carry_is_no_example(bad: str, code: str):
    doc, diags = read(page("Op", "GET/v1/x", bad, "{", '  "ok": [1.5, null]', "}"))
    (example,) = only_op(doc).examples  # the bad block is dropped, the next one parsed
    assert (example.span, example.value) == (S(4), JsonData({"ok": [1.5, None]}))
    assert [d.split(": ")[:2] for d in diags] == [["page.txt:3", f"warning {code}"]]


@pytest.mark.parametrize(
    ("tail", "line"),
    [
        (["{", '  "a": {', '    "b": 1'], 3),
        (["from x import y", "y(", "  1,"], 3),
        (["curl https://x \\"], 3),
    ],
)
def test_example_cut_off_by_the_end_of_file_is_d009(tail, line):
    doc, diags = read(page("Op", "GET/v1/x", *tail))
    assert only_op(doc).examples == ()
    assert diags == [diags[0]] and diags[0].startswith(f"page.txt:{line}: error D009: ")


def test_unknown_section_and_section_outside_an_operation_are_d001():
    doc, diags = read(
        page(
            "ReturnsExpand Collapse", "a: string", "Op", "GET/v1/x", "ErrorsExpand Collapse", "b: x"
        )
    )
    assert only_op(doc).returns is None and only_op(doc).params == ()
    assert len(diags) == 2
    assert diags[0].startswith("page.txt:1: warning D001: section 'Returns' is outside")
    assert diags[1].startswith("page.txt:5: warning D001: section 'Errors' is not understood")


def test_pathological_lines_become_diagnostics():
    deep = ["[" * 3000, "]" * 3000]
    doc, diags = read(
        page(
            "Op",
            "GET/v1/x",
            "ParametersExpand Collapse",
            "n: " + "9" * 5000,
            "a: string",
            "default" + "[" * 3000 + "]" * 3000,
            "[",
            *deep,
            "]",
        )
    )
    assert [p.field.name for p in only_op(doc).params] == ["a"]
    assert [d[:27] for d in diags] == [
        "page.txt:4: warning D002: c",
        "page.txt:6: warning D010: c",
        "page.txt:7: warning D008: e",
    ]
    assert all(len(d) < 300 for d in diags)


def test_crlf_reads_like_lf():
    lines = ("Op", "GET/v1/x", "", "Desc.", "", "ParametersExpand Collapse", "a: string", "{", "}")
    lf = web.read(P, page(*lines), Diagnostics())
    crlf = web.read(P, page(*lines).replace("\n", "\r\n"), Diagnostics())
    assert crlf == lf
    assert only_op(crlf).description == "Desc."
    assert only_op(crlf).examples[0].text == "{\n}"


# --- detect --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tools\nGET/v1/tools\n",
        "x\nget/v1/a/{b}\r\n",
        "Op\nParametersExpand Collapse\na: string\n",
        'a: T\nOne of the following:\n"x"\n',
    ],
)
def test_detect_web_text(text):
    assert web.detect(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "# Tools\n\n**get** `/v1/tools`\n\n### Parameters\n\n- `a: string`\n",
        "ModelsExpand Collapse\n- `a: string`\n",
        "GET/v1/x\n```json\n{}\n```\n",
        "Just some prose.\nIt mentions GET requests and /v1/paths.\n",
        "",
    ],
)
def test_detect_rejects_markdown_and_prose(text):
    assert web.detect(text) is False


def test_detect_on_the_real_files():
    for name in ("mcp-servers-tools.web.txt", "tools.web.txt"):
        assert web.detect((SAMPLE_SPEC / name).read_text()) is True
    assert (
        web.detect((SAMPLE_SPEC / "mcp-servers-tools-retrieve.python.web.txt").read_text()) is True
    )
    assert web.detect((SAMPLE_SPEC / "tools.http.md").read_text()) is False
    assert web.detect((SAMPLE_SPEC / "mcp-servers-tools-run.python.md").read_text()) is False


# --- robustness ----------------------------------------------------------------------------------

LINE_PARTS = [
    "",
    "Title",
    "GET/v1/x/{id}",
    "GET/v1/{",
    "a.b(strx) -> T",
    "ParametersExpand Collapse",
    "ReturnsExpand Collapse",
    "ModelsExpand Collapse",
    "ZzzExpand Collapse",
    "a: string",
    "b: Optional[",
    "T = array of U { a }",
    "T object { a }",
    "class C:",
    "One of the following:",
    '"v"',
    "1",
    "minLength1",
    "maximumX",
    "{",
    "}",
    "[",
    "from x import y",
    "y(",
    "curl x \\",
    "Skip to content",
    "prose line.",
    "n: " + "9" * 5000,
    "9" * 5000,
    "default" + "[" * 3000 + "]" * 3000,
    "[" * 3000 + "]" * 3000,
    "x.y(" + "9" * 5000 + ")",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_PARTS), max_size=40), st.booleans())
def test_never_raises_and_spans_stay_in_the_file(parts, crlf):
    text = "\n".join(parts)
    diags = Diagnostics()
    doc = web.read(P, text.replace("\n", "\r\n") if crlf else text, diags)
    assert doc.flavor == "web"
    assert all(1 <= d.span.line <= max(1, len(parts)) and d.span.file == P for d in diags.items)


def test_large_input_reads_in_linear_time():
    base = (SAMPLE_SPEC / "mcp-servers-tools-retrieve.python.web.txt").read_text() + "\n"
    text = base * (2_000_000 // len(base))
    start = time.perf_counter()
    doc = web.read(P, text, Diagnostics())
    assert time.perf_counter() - start < 20
    assert len(doc.operations) == text.count("get/v1/")


# --- the real pages ------------------------------------------------------------------------------


def read_spec(name: str) -> tuple[DocumentFacts, list[str]]:
    diags = Diagnostics()
    doc = web.read(name, (SAMPLE_SPEC / name).read_text(encoding="utf-8"), diags)
    return doc, [d.format() for d in diags.items]


TOOL_FIELDS = [
    "id",
    "args_json_schema",
    "created_by_id",
    "default_requires_approval",
    "description",
    "enable_parallel_execution",
    "json_schema",
    "last_updated_by_id",
    "metadata_",
    "name",
    "npm_requirements",
    "name",
    "version",
    "pip_requirements",
    "name",
    "version",
    "project_id",
    "return_char_limit",
    "source_code",
    "source_type",
    "tags",
    "tool_type",
]
TOOL_TYPES = [
    "custom",
    "letta_core",
    "letta_memory_core",
    "letta_multi_agent_core",
    "letta_sleeptime_core",
    "letta_voice_sleeptime_core",
    "letta_builtin",
    "letta_files_core",
    "external_langchain",
    "external_composio",
    "external_mcp",
]


def test_real_mcp_servers_tools_overview():
    doc, diags = read_spec("mcp-servers-tools.web.txt")
    assert diags == []
    assert (doc.title, doc.python_names, doc.flat) == ("Tools", False, True)
    base = "/v1/mcp-servers/{mcp_server_id}/tools"
    assert [(o.title, o.method, o.path) for o in doc.operations] == [
        ("List Tools For Mcp Server", "get", base),
        ("Retrieve Mcp Tool", "get", base + "/{tool_id}"),
        ("Run Mcp Tool", "post", base + "/{tool_id}/run"),
    ]
    (decl,) = doc.types
    assert isinstance(decl, DeclEntry)
    assert decl.name == "ToolListResponse"
    assert decl.type == TArray(TObject("Tool", ("id", "args_json_schema", "created_by_id"), 15))
    assert decl.span == Span("mcp-servers-tools.web.txt", 14)
    # 18 top-level fields (3 named + 15 more) plus name/version of both requirement lists.
    assert [f.name for f in fields(decl.children)] == TOOL_FIELDS
    assert len(decl.children) == 22
    by_index = {i: f for i, f in enumerate(decl.children)}
    assert [(c.name, c.value) for c in by_index[11].constraints] == [("minLength", 1)]
    assert [(c.name, c.value) for c in by_index[14].constraints] == [("minLength", 1)]
    assert [(c.name, c.value, c.span.line) for c in by_index[17].constraints] == [
        ("maximum", 1000000, 89),
        ("minimum", 1, 90),
    ]
    assert sum(len(f.constraints) for f in decl.children) == 4
    assert by_index[0].description == "The human-friendly ID of the Tool"
    assert (by_index[0].optional, by_index[1].optional) == (False, True)
    assert by_index[10].type == TArray(TObject("NpmRequirement", ("name", "version")))
    assert [v.value for v in by_index[21].children] == TOOL_TYPES


def test_real_tools_overview_models():
    doc, diags = read_spec("tools.web.txt")
    assert diags == []
    assert (doc.title, doc.operations) == ("Tools", ())
    # ImageContent is a variant marker inside ToolReturnMessage: `tool_return` names it inline.
    assert [(type(e).__name__, e.type.name, e.span.line) for e in doc.types] == [
        ("TypeEntry", "Tool", 10),
        ("TypeEntry", "ToolCreate", 18),
        ("TypeEntry", "ToolReturnMessage", 25),
        ("TypeEntry", "ToolSearchResult", 36),
    ]
    tool, create, message, search = doc.types
    assert tool.type == TObject("Tool", ("id", "args_json_schema", "created_by_id"), 15)
    assert [f.name for f in tool.children] == [
        "default_requires_approval",
        "enable_parallel_execution",
        "return_char_limit",
    ]
    assert [f.name for f in create.children] == [
        "default_requires_approval",
        "enable_parallel_execution",
        "json_schema",
    ]
    assert message.description.startswith("A message representing the return value")
    assert "\nArgs: id (str): The ID of the message" in message.description
    assert "Literal[“success”, “error”]" in message.description
    assert [
        (type(e).__name__, getattr(e, "name", None), e.span.line) for e in message.children
    ] == [
        ("FieldEntry", "otid", 28),
        ("FieldEntry", "tool_return", 30),
        ("TypeEntry", None, 32),
        ("TypeEntry", None, 33),
        ("FieldEntry", "source", 34),
    ]
    assert message.children[3].type == TObject("ImageContent", ("source", "type"))
    assert message.children[4].type == TUnion(
        (
            TObject(None, ("url", "type")),
            TObject(None, ("data", "media_type", "detail", "type")),
            TObject(None, ("file_id", "data", "detail"), 2),
        )
    )
    assert search.description == "Result from a tool search operation.\nThe matched tool."
    assert [f.name for f in search.children] == 2 * [
        "default_requires_approval",
        "enable_parallel_execution",
        "return_char_limit",
    ]
    # The trailing `Skip to content` is chrome, not description.
    assert search.children[-1].description == "The maximum number of characters in the response."


def test_real_python_retrieve_page():
    name = "mcp-servers-tools-retrieve.python.web.txt"
    doc, diags = read_spec(name)
    assert diags == []
    assert (doc.title, doc.python_names, doc.flat) == ("Get Mcp Tool", True, True)
    op = only_op(doc)
    assert (op.title, op.span, op.method, op.path) == (
        "Get Mcp Tool",
        Span(name, 12),
        "get",
        "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}",
    )
    assert op.sdk == SdkCall(
        ("mcp_servers", "tools", "retrieve"),
        ("tool_id",),
        "ToolRetrieveParams",
        TRef("Tool"),
        Span(name, 14),
    )
    assert op.description == "Get a specific MCP tool by its ID"
    assert [(p.location, p.field.name, p.field.type) for p in op.params] == [
        (None, "mcp_server_id", TPrim("string")),
        (None, "tool_id", TPrim("string")),
    ]
    (tool,) = op.returns
    assert tool.type == TObject("Tool", None)
    assert tool.description.startswith("Representation of a tool")
    names = [f.name for f in tool.children]
    expected = [n for n in TOOL_FIELDS if n != "project_id"]
    expected[expected.index("metadata_")] = "metadata"
    assert names == expected and len(names) == 21
    by_name = {f.name: f for f in tool.children}
    assert by_name["return_char_limit"].type == TPrim("integer")
    assert [(c.name, c.value) for c in by_name["return_char_limit"].constraints] == [
        ("maximum", 1000000),
        ("minimum", 1),
    ]
    assert [v.value for v in by_name["tool_type"].children] == TOOL_TYPES
    assert [(e.role, e.language, e.span.line) for e in op.examples] == [
        ("request", "python", 128),
        ("response", "json", 138),
    ]
    assert op.examples[0].text.endswith("print(tool.id)")
    assert op.examples[1].text.startswith('{\n  "id": "tool-123e4567')


def test_an_example_before_any_operation_is_reported_not_dropped():
    doc, diags = read(page("Tools", "{", '  "a": 1', "}", "Delete Tool", "DELETE/v1/tools/{id}"))
    assert only_op(doc).examples == ()
    assert diags == [f"{P}:2: warning D001: response example outside any operation is ignored"]
