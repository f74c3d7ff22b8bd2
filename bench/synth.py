"""Synthetic API reference docs in the same flavors as `spec/`, at any size.

Each resource gets one HTTP reference page (`<resource>.http.md`, like `spec/tools.http.md`):
CRUD operations whose returns inline a main object type with nested objects, lists of objects,
named enums, inline `"a" or "b"` literals, `A or B` unions with variant bullets and a primitive
union, plus a `## Domain Types` section. With `python=True` it also gets a Python SDK reference
page (`<resource>-run.python.md`, like `spec/mcp-servers-tools-run.python.md`) documenting a `run`
operation whose result embeds the main type again in Python spelling (the two flavors merge).

The pages are written from the type model of `bench.synth_model` and the resources of
`bench.synth_resource`. `write_corpus(dest, scale)` writes `2 * scale` resources: at scale 1
the corpus is about the size of `spec/` (bytes and operations); see `corpus_size`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench.synth_model import (
    F,
    Lines,
    body_bullets,
    field_bullets,
    obj_summary,
    object_example,
    summary,
)
from bench.synth_resource import Resource, title

RESOURCES_PER_SCALE = 2  # resources at scale 1 (with the defaults: 10 operations, like spec/)
HTTP_OPS = ("retrieve", "list", "create", "delete", "update", "search", "upsert")
BASE_URL = "https://api.example.com"
_METHOD_LINE = re.compile(r"^\*\*(get|post|put|patch|delete)\*\* `", re.M)

CONFIG = """# specgen configuration of the synthetic benchmark corpus.
[packages]
sdk = "synth_sdk"
server = "synth_server"

[client]
class_name = "Synth"
env_prefix = "SYNTH"
base_url = "https://api.example.com"
"""


def _curl(method: str, path: str, body: str | None) -> str:
    """The request example: `curl` with `{tool_id}` written `$TOOL_ID`, as the pages do."""
    path = re.sub(r"\{(\w+)\}", lambda m: "$" + m.group(1).upper(), path)
    lines = [f"curl {BASE_URL}{path} \\"]
    if method != "GET":
        lines.append(f"    -X {method} \\")
    if body is not None:
        lines.append("    -H 'Content-Type: application/json' \\")
    auth = '    -H "Authorization: Bearer $SYNTH_API_KEY"'
    lines.append(auth + (" \\" if body is not None else ""))
    if body is not None:
        lines.append(f"    -d '{body}'")
    return "```http\n" + "\n".join(lines) + "\n```"


def _json(value: object) -> str:
    return "```json\n" + json.dumps(value, indent=2) + "\n```"


def http_page(res: Resource, ops: int) -> str:
    """The HTTP reference page of one resource: `ops` operations and its domain types."""
    main = F("item", "object", ref=res.cls, fields=res.main_fields())
    body = tuple(f for f in main.fields if f.name != "id")
    item = object_example(main.fields, res.index)
    out = Lines()
    out.block(f"# {title(res.plural)}")
    one, many = title(res.single), title(res.plural)
    item_path = f"{res.segment}/{{{res.id_param}}}"
    id_field = F(
        res.id_param, "str", True, f"The ID of the {one.lower()} in the format 'item-<id>'"
    )
    search = (
        F("score", "float", True, "Combined relevance score."),
        F("item", "object", True, f"The matched {one.lower()}.", ref=res.cls, fields=main.fields),
        F("rank", "int", desc="Rank position."),
    )
    for op in HTTP_OPS[:ops]:
        if op == "retrieve":
            _op(
                out,
                f"Retrieve {one}",
                "get",
                item_path,
                f"Get a {one.lower()} by ID",
                [("Path Parameters", (id_field,))],
                main,
                None,
                item,
            )
        elif op == "list":
            query = (
                F("after", "str", desc="Cursor for pagination: returns results after this ID."),
                F("before", "str", desc="Cursor for pagination: returns results before this ID."),
                F("limit", "int", desc=f"Maximum number of {many.lower()} to return"),
                F("order", "literal", values=("asc", "desc"), desc="Sort order by creation time."),
                F("name", "str", desc="Filter by name"),
            )
            _op(
                out,
                f"List {many}",
                "get",
                res.segment + "/",
                f"List all {many.lower()}.",
                [("Query Parameters", query)],
                main.fields,
                None,
                [item],
            )
        elif op in ("create", "upsert"):
            verb, method = ("Create", "post") if op == "create" else ("Upsert", "put")
            _op(
                out,
                f"{verb} {one}",
                method,
                res.segment + "/",
                f"{verb} a {one.lower()}",
                [("Body Parameters", body)],
                main,
                '{\n          "name": "name"\n        }',
                item,
            )
        elif op == "update":
            optional = tuple(
                F(f.name, f.kind, False, f.desc, f.ref, f.values, f.fields, f.variants)
                for f in body
            )
            _op(
                out,
                f"Update {one}",
                "patch",
                item_path,
                f"Update an existing {one.lower()}",
                [("Path Parameters", (id_field,)), ("Body Parameters", optional)],
                main,
                "{}",
                item,
            )
        elif op == "delete":
            _op(
                out,
                f"Delete {one}",
                "delete",
                item_path,
                f"Delete a {one.lower()}",
                [("Path Parameters", (id_field,))],
                None,
                None,
                {},
            )
        elif op == "search":
            params = (
                F("query", "str", desc="Text query for semantic search."),
                F("limit", "int", desc="Maximum number of results to return."),
                F("mode", "literal", values=("vector", "fts", "hybrid"), desc="Search mode."),
            )
            example_hit = {"score": 0.5, "item": item, "rank": 1}
            _op(
                out,
                f"Search {many}",
                "post",
                res.segment + "/search",
                f"Search {many.lower()} by text.",
                [("Body Parameters", params)],
                search,
                "{}",
                [example_hit],
            )
    _domain_types(out, res, main, search)
    return out.text()


def _op(
    out: Lines,
    name: str,
    method: str,
    path: str,
    desc: str,
    params: list[tuple[str, tuple[F, ...]]],
    returns: F | tuple[F, ...] | None,
    body: str | None,
    response: object,
) -> None:
    """One `## Operation` section: method line, parameters, returns, curl and JSON examples."""
    out.block(f"## {name}")
    out.block(f"**{method}** `{path}`")
    out.block(desc)
    for heading, fields in params:
        out.block(f"### {heading}")
        for f in fields:
            field_bullets(out, f, 0, python=False)
    if isinstance(returns, F):
        out.block("### Returns")
        out.bullet(
            obj_summary(returns.ref, returns.fields), 0, f"Representation of a {returns.ref}."
        )
        body_bullets(out, returns, 2, python=False)
    elif returns:
        out.block("### Returns")
        for f in returns:
            field_bullets(out, f, 0, python=False)
    out.block("### Example")
    out.block(_curl(method.upper(), path, body))
    out.block("#### Response")
    out.block(_json(response))


def _domain_types(out: Lines, res: Resource, main: F, search: tuple[F, ...]) -> None:
    c = res.cls
    kind = next(f for f in main.fields if f.kind == "enum")
    req = next(f for f in main.fields if f.kind == "objects")
    out.block("## Domain Types")
    out.block(f"### {title(res.single)}")
    out.bullet(obj_summary(c, main.fields), 0, f"Representation of a {c}.")
    body_bullets(out, main, 2, python=False)
    out.block(f"### {title(res.single)} Kind")
    out.bullet(f"{c}Kind = " + summary([json.dumps(v) for v in kind.values], " or ", 3), 0)
    body_bullets(out, kind, 2, python=False)
    out.block(f"### {title(res.single)} Requirement")
    out.bullet(obj_summary(req.ref, req.fields), 0)
    body_bullets(out, req, 2, python=False)
    out.block(f"### {title(res.single)} Delete Response")
    out.bullet(f"{c}DeleteResponse = unknown", 0)
    out.block(f"### {title(res.single)} Search Response")
    out.bullet(f"{c}SearchResponse = array of {c}SearchResult", 0)
    for f in search:
        field_bullets(out, f, 2, python=False)


def python_page(res: Resource) -> str:
    """The Python SDK reference page of the resource's `run` operation."""
    c = res.cls
    main = F(
        "item",
        "object",
        ref=c,
        fields=_python_fields(res.main_fields()),
        desc=f"The {title(res.single).lower()} the run used.",
    )
    step = (
        F("name", "str", True, "Name of the step."),
        F("duration", "float", desc="Duration of the step in seconds."),
        F("status", "literal", values=("ok", "failed", "skipped"), desc="Outcome of the step."),
    )
    outcome = (
        (
            f"{c}RunSuccess",
            (
                F("output", "str", True, "What the run produced."),
                F("kind", "literal", values=("success",), desc="The outcome kind."),
            ),
        ),
        (
            f"{c}RunFailure",
            (
                F("message", "str", True, "Why the run failed."),
                F("code", "int", desc="Error code."),
                F("kind", "literal", values=("failure",), desc="The outcome kind."),
            ),
        ),
    )
    result = (
        F("status", "literal", True, "The status of the run.", values=("success", "error")),
        main,
        F("parent", "object", ref=c, desc="The item this one was derived from (described above)."),
        F("related", "objects", ref=c, fields=main.fields, desc="Items the run also touched."),
        F("logs", "strs", desc="Captured log lines."),
        F("steps", "objects", ref=f"{c}RunStep", fields=step, desc="The steps of the run."),
        F("outcome", "union", variants=outcome, desc="What came of the run."),
    )
    out = Lines()
    out.block(f"## Run {title(res.single)}")
    out.block(f"`{res.plural}.run(str{res.id_param}, {c}RunParams**kwargs)  -> {c}RunResult`")
    out.block(f"**post** `{res.segment}/{{{res.id_param}}}/run`")
    out.block(f"Run a {title(res.single).lower()}\n\nThe request body holds the run arguments.")
    out.block("### Parameters")
    field_bullets(out, F(res.id_param, "str", True), 0, python=True)
    field_bullets(out, F("args", "map", desc="Arguments to pass to the run"), 0, python=True)
    field_bullets(out, F("dry_run", "bool", desc="Validate only; do not run."), 0, python=True)
    out.block("### Returns")
    out.bullet(f"class {c}RunResult: …", 0)
    for f in result:
        field_bullets(out, f, 2, python=True)
    out.block("### Example")
    code = (
        "import os\nfrom synth_client import Synth\n\nclient = Synth(\n"
        '    api_key=os.environ.get("SYNTH_API_KEY"),  # This is the default and can be omitted\n'
        f')\nrun_result = client.{res.plural}.run(\n    {res.id_param}="{res.id_param}",\n)\n'
        "print(run_result.status)"
    )
    out.block("```python\n" + code + "\n```")
    out.block("#### Response")
    response = object_example(result, res.index)
    response["item"] = response["parent"] = object_example(res.main_fields(), res.index)
    response["related"] = [response["item"]]
    out.block(_json(response))
    return out.text()


def _python_fields(fields: tuple[F, ...]) -> tuple[F, ...]:
    """The SDK spelling: `metadata_` is `metadata` in Python."""
    return tuple(
        F(f.name.rstrip("_"), f.kind, f.required, f.desc, f.ref, f.values, f.fields, f.variants)
        for f in fields
    )


@dataclass(frozen=True)
class CorpusSize:
    files: int
    bytes: int
    lines: int
    operations: int  # `**method** `path`` lines (operations documented in markdown)


def corpus_size(spec_dir: Path) -> CorpusSize:
    """Size of the documentation files of a spec folder (what specgen reads)."""
    from generator.readers import spec_files

    files = spec_files(spec_dir)
    data = [p.read_bytes() for p in files]
    ops = sum(len(_METHOD_LINE.findall(d.decode("utf-8", "replace"))) for d in data)
    return CorpusSize(len(files), sum(map(len, data)), sum(d.count(b"\n") for d in data), ops)


def write_corpus(
    dest: Path, scale: float, *, ops: int = 4, components: int = 6, python: bool = True
) -> CorpusSize:
    """Write `round(2 * scale)` resources (at least one) into `dest`; return the corpus size."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "specgen.toml").write_text(CONFIG, encoding="utf-8")
    for i in range(max(1, round(RESOURCES_PER_SCALE * scale))):
        res = Resource(i, components)
        (dest / f"{res.plural}.http.md").write_text(http_page(res, ops), encoding="utf-8")
        if python:
            (dest / f"{res.plural}-run.python.md").write_text(python_page(res), encoding="utf-8")
    return corpus_size(dest)
