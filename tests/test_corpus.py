"""Broken and hostile docs (tests/corpus/): what `specgen generate` makes of each.

Every case is one file (or one folder, for cases that need several files) copied alone into a
spec folder and run through the CLI. Whatever the input: exit 0 (at most warnings) or 2, the
culprit named by `file:line`, never a traceback, never a partial or touched output on exit 2.
The snapshot (tests/__snapshots__/test_corpus.ambr) records the exit code and the diagnostics;
update it with `pytest tests/test_corpus.py --snapshot-update` after reviewing the change.

Cases that generate are then compiled and imported in one subprocess (the out folders on
sys.path in turn): every module, every type (pydantic schema), every SDK method reached through
a client instance, the server app; the hostile descriptions must come out verbatim in
docstrings and in openapi.yaml, and the code in them must not have run.

Large inputs (10 MB, 17 MB, nesting depth 200, a 1 MB line) are generated at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output import InTheWay, NotAFolder, UnsafePath, _safe, write_tree

CORPUS = Path(__file__).resolve().parent / "corpus"
DIAG = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+): (?P<level>error|warning|note) (?P<code>[A-Z]\d{3}): "
)


@dataclass(frozen=True)
class Case:
    what: str
    exit: int
    culprit: str | None = None  # "file:line CODE" that must be among the diagnostics


C = Case
# fmt: off
CASES: dict[str, Case] = {
    # --- HTTP reference flavor (base: http-baseline.http.md) ---
    "http-baseline.http.md": C("the valid base page (two operations, three types)", 0),
    "http-truncated-mid-field.http.md": C("cut inside a field bullet", 2, "http-truncated-mid-field.http.md:25 D009"),
    "http-truncated-mid-json.http.md": C("cut inside the JSON response example", 2, "http-truncated-mid-json.http.md:58 D009"),
    "http-truncated-mid-union.http.md": C("cut between the values of a union: the count disagrees", 2, "http-truncated-mid-union.http.md:29 D003"),
    "http-truncated-mid-summary.http.md": C("cut inside an object summary `{ id, co`", 2, "http-truncated-mid-summary.http.md:17 D009"),
    "http-truncated-after-heading.http.md": C("ends right after a heading", 2, "http-truncated-after-heading.http.md:132 D009"),
    "http-indent-odd.http.md": C("bullet indented by 3 spaces", 2, "http-indent-odd.http.md:25 D007"),
    "http-indent-too-deep.http.md": C("bullet jumps two levels deeper", 2, "http-indent-too-deep.http.md:25 D007"),
    "http-indent-tab.http.md": C("bullet indented with a tab", 2, "http-indent-tab.http.md:25 D007"),
    "http-unknown-type-expression.http.md": C("`optional frobnicate<int32>`", 2, "http-unknown-type-expression.http.md:25 D002"),
    "http-count-fields-disagree.http.md": C("summary says `4 more`, 2 more are listed", 2, "http-count-fields-disagree.http.md:17 D003"),
    "http-count-values-disagree.http.md": C("`\"small\" or \"large\" or 2 more`, 2 values listed", 2, "http-count-values-disagree.http.md:29 D003"),
    "http-summary-names-disagree.http.md": C("summary names fields in another order than listed", 2, "http-summary-names-disagree.http.md:17 D003"),
    "http-reference-to-nothing.http.md": C("`array of Tag`, Tag documented nowhere (was a KeyError)", 2, "http-reference-to-nothing.http.md:45 M001"),
    "http-conflicting-definitions.http.md": C("Owner documented as an object and as an enum (equal authority: the first in content order, the enum, is kept)", 2, "http-conflicting-definitions.http.md:126 M002"),
    "http-conflicting-field-types.http.md": C("Owner.name a string in Owner's declaration, a number in Thing.owner's nested copy: two shapes, so Thing.owner is a type of its own, ThingOwner (a note, M013)", 0, None),
    "http-operation-without-path.http.md": C("an operation with no **method** `path` line", 2, "http-operation-without-path.http.md:72 D004"),
    "http-duplicate-operation.http.md": C("the same operation twice in one file (M004 was never emitted)", 0, "http-duplicate-operation.http.md:122 M004"),
    "http-duplicate-operation-conflict.http.md": C("the same operation twice, with another parameter type", 0, "http-duplicate-operation-conflict.http.md:11 M002"),
    "http-crlf.http.md": C("CRLF line endings: same output as the baseline", 0),
    "http-cr-only.http.md": C("lone CR line endings: same output as the baseline", 0),
    "http-bom.http.md": C("UTF-8 byte order mark: same output as the baseline", 0),
    "http-non-utf8.http.md": C("a Latin-1 byte on line 27", 2, "http-non-utf8.http.md:27 R001"),
    "http-nul-in-description.http.md": C("a NUL byte inside a description", 2, "http-nul-in-description.http.md:47 R002"),
    "http-heading-levels.http.md": C("text before any heading, a level-5 heading", 0, "http-heading-levels.http.md:51 D001"),
    "http-invalid-json-example.http.md": C("response example with `,,`", 0, "http-invalid-json-example.http.md:61 D006"),
    "http-example-disagrees.http.md": C("response example `\"count\": \"one\"`", 0, "http-example-disagrees.http.md:58 M012"),
    "http-deep-json-example.http.md": C("JSON example nested 200 deep (was a RecursionError)", 0, "http-deep-json-example.http.md:59 D008"),
    "http-deep-type-expression.http.md": C("`array of` x100", 2, "http-deep-type-expression.http.md:45 D002"),
    "http-nonfinite-value.http.md": C("enum value `1e999` (infinite as a float)", 2, "http-nonfinite-value.http.md:33 D001"),
    "http-lone-surrogate.http.md": C("enum value `\"\\ud800\"` (not encodable as UTF-8)", 2, "http-lone-surrogate.http.md:29 D002"),
    "http-huge-number.http.md": C("a 5000-digit `N more` count", 2, "http-huge-number.http.md:17 D001"),
    "http-hostile-field-names.http.md": C("fields named class, None, self, model_config, content-type, x.y, $ref, _private, __init__, 2fa_code, foo-bar/foo_bar", 0, "http-hostile-field-names.http.md:68 M009"),
    "http-hostile-type-names.http.md": C("types named True (was a ValueError), None, Thing.Inner, BaseModel", 0, "http-hostile-type-names.http.md:31 M010"),
    "http-builtin-field-names.http.md": C("fields named str, list and Owner (like their own types)", 0),
    "http-typing-type-names.http.md": C("a type named Literal next to a Literal field", 0),
    "http-colliding-type-names.http.md": C("`Thing.Kind` and `ThingKind` become one class name", 2, "http-colliding-type-names.http.md:31 M009"),
    "http-hostile-paths-and-params.http.md": C("`2FA Verify` on /v1/3d-models/{class}/my-things/{foo-bar}; params self, timeout, body, import; /v1/my things; a resource named `request`", 0, "http-hostile-paths-and-params.http.md:19 M009"),
    "http-snake-colliding-type-names.http.md": C("URLThing/UrlThing and Foo_Bar/FooBar share a module name", 0),
    "http-colliding-operations.http.md": C("GET and POST /v1/things/search both become things.search", 2, "http-colliding-operations.http.md:11 M009"),
    "http-colliding-resources.http.md": C("/v1/a_b and /v1/a/b both become the resource class ABResource (was a ServerWriterError)", 2, "http-colliding-resources.http.md:11 M009"),
    "http-method-and-resource.http.md": C("things.list is a method and, by /v1/things/list/items, a resource", 2, "http-method-and-resource.http.md:11 M009"),
    "http-colliding-operation-ids.http.md": C("/v1/a_b and /v1/a/b both become the operation id a_b_list", 2, "http-colliding-operation-ids.http.md:11 M009"),
    # (sdk/types/__init__.py used to get an empty `if TYPE_CHECKING:` block)
    "http-operation-without-types.http.md": C("an operation and no type at all", 0),
    "http-types-without-operations.http.md": C("Domain Types only (the server writer used to crash)", 2, ".:1 R007"),
    "http-hostile-enum-values.http.md": C("enum values with quotes, backslashes, {{ }}, </script> (was a false D003)", 0),
    "http-hostile-descriptions.http.md": C("a title and descriptions with \"\"\", ''', backslashes, {{ }}, {% %}, </script>, control characters, a long line", 0),
    # --- Python SDK reference flavor (base: python-baseline.python.md) ---
    "python-baseline.python.md": C("the valid base page (one operation, a union, an elided Literal)", 0),
    "python-truncated-signature.python.md": C("cut inside the SDK signature: no flavor is left", 2, "python-truncated-signature.python.md:1 R003"),
    "python-truncated-mid-union.python.md": C("cut inside a union variant bullet", 2, "python-truncated-mid-union.python.md:43 D009"),
    "python-truncated-at-bullet-boundary.python.md": C("cut after a variant bullet: no checksum can tell (limit)", 0),
    "python-bad-signature.python.md": C("`things.run(str thing id!, ...)`", 2, "python-bad-signature.python.md:5 D005"),
    "python-unknown-generic.python.md": C("`FrozenSet[str]`", 2, "python-unknown-generic.python.md:37 D002"),
    "python-non-string-map-keys.python.md": C("`Dict[int, object]`", 2, "python-non-string-map-keys.python.md:15 D002"),
    "python-literal-count-disagrees.python.md": C("`Literal[\"openai\", \"anthropic\", 3 more]`, 3 values listed", 2, "python-literal-count-disagrees.python.md:51 D003"),
    "python-union-count-disagrees.python.md": C("`Union[ChildRule, ParentRule, 2 more]`, 2 variants listed", 2, "python-union-count-disagrees.python.md:31 D003"),
    "python-class-reference-to-nothing.python.md": C("`class Widget: …` and `class Gadget: …` with no body anywhere", 2, "python-class-reference-to-nothing.python.md:21 M001"),
    "python-conflicting-definitions.python.md": C("Rule declared as an enum, and a union nested in a result's field: two types (the nested one ThingResultRule, a note, M013)", 0, None),
    "python-deep-type-expression.python.md": C("`List[` x200", 2, "python-deep-type-expression.python.md:37 D002"),
    "python-keyword-sdk-names.python.md": C("`things.class.import(strclass, ...)`", 0, "python-keyword-sdk-names.python.md:3 M010"),
    "python-hostile-descriptions.python.md": C("the hostile descriptions in the Python flavor", 0),
    # --- scraped web text (base: web-baseline.web.txt) ---
    "web-baseline.web.txt": C("the valid base page", 0, "web-baseline.web.txt:24 M006"),
    "web-truncated-mid-json.web.txt": C("cut inside the JSON example", 2, "web-truncated-mid-json.web.txt:52 D009"),
    "web-truncated-mid-curl.web.txt": C("a curl example whose quote never closes", 2, "web-truncated-mid-curl.web.txt:43 D009"),
    "web-truncated-mid-field.web.txt": C("cut inside `Literal[\"small\",` (was silently text)", 2, "web-truncated-mid-field.web.txt:35 D009"),
    "web-truncated-mid-union.web.txt": C("cut between the values of a union", 2, "web-truncated-mid-union.web.txt:35 D003"),
    "web-malformed-path.web.txt": C("`get/v1/things/{thing_id`", 2, "web-malformed-path.web.txt:10 D004"),
    "web-unknown-type-expression.web.txt": C("`Optional[frob<int>]`", 0, "web-unknown-type-expression.web.txt:29 D002"),
    "web-bad-constraints.web.txt": C("`maximumALOT`, `minimum1e999`, a 200-digit minLength", 0, "web-bad-constraints.web.txt:34 D010"),
    "web-section-outside-operation.web.txt": C("a Returns section before any operation", 0, "web-section-outside-operation.web.txt:7 D001"),
    "web-crlf.web.txt": C("CRLF line endings: same output as the baseline", 0),
    "web-count-disagrees.web.txt": C("`Owner object { name, 2 more }` with one field", 2, "web-count-disagrees.web.txt:64 D003"),
    "web-duplicate-operation.web.txt": C("the method line repeated at the end", 0, "web-duplicate-operation.web.txt:64 M004"),
    "web-deep-json-example.web.txt": C("JSON example nested 200 deep", 0, "web-deep-json-example.web.txt:52 D008"),
    "web-hostile-descriptions.web.txt": C("the hostile descriptions in web text", 0),
    # --- any flavor ---
    "empty.md": C("an empty file (was a FormatError traceback)", 2, "empty.md:1 R004"),
    "whitespace-only.txt": C("blank lines only", 2, "whitespace-only.txt:1 R004"),
    "prose-no-flavor.md": C("markdown that is no reference page: skipped with a note (R009), nothing left", 2, ".:1 R007"),
    "binary-garbage.md": C("random bytes with a NUL on line 13", 2, "binary-garbage.md:13 R002"),
    "binary-no-nul.txt": C("random high bytes", 2, "binary-no-nul.txt:1 R001"),
    # --- several files ---
    "multi-conflicting-type": C("the things resource declares Owner as an object, the owners resource as an enum: one type per resource (a note, M013)", 0, None),
    "multi-mirror-copy": C("a byte-identical copy in a subfolder is read once", 0),
    "multi-response-disagrees": C("HTTP returns Thing, Python returns Owner for one operation (a silent first-wins before)", 0, "things.python.md:3 M003"),
    "multi-web-unknown-field": C("a web listing names a field the HTTP reference does not have", 0, "things.web.txt:9 M005"),
    "multi-bad-config": C("specgen.toml names the packages `class` and `my-server`", 2, "specgen.toml:2 C001"),
    "multi-broken-toml": C("specgen.toml is not TOML (at the line tomllib names)", 2, "specgen.toml:4 C001"),
    "multi-sdk-disagrees": C("Python says things.get, web says things.retrieve (M003 was never emitted)", 0, "things.web.txt:9 M003"),
}
# fmt: on

# Same output as another case, byte for byte.
SAME_OUTPUT = {
    "http-crlf.http.md": "http-baseline.http.md",
    "http-cr-only.http.md": "http-baseline.http.md",
    "http-bom.http.md": "http-baseline.http.md",
    "web-crlf.web.txt": "web-baseline.web.txt",
}

# The hostile descriptions, as the corpus files hold them (checked below) and as every output
# must render them: verbatim once the literal is evaluated.
PAYLOAD = [
    '"""; import os; os.system("touch PWNED") #',
    "''' and a closing quote at the end\"",
    "back\\slash \\n \\\\ \\x00 \\N{BULLET} \\u2028 and a trailing backslash\\",
    "{{ 7 * 7 }} {% if True %}jinja{% endif %} {# comment #} {% raw %}",
    "</script><script>alert(1)</script> & <b>bold</b> ]]> -->",
    "control: \x1b[31mred\x1b[0m \x07 \x0b \x0c \x7f \u2028 \u2029 \x85 end",
    "long: " + " ".join(f"word{i}" for i in range(1500)),
]
DESC = "\n".join(PAYLOAD)
TITLE = 'Retrieve Thing """ \\ {{ 7 * 7 }} </script>\''
ENUM = ['a"b', "'''", "\\", "{{ x }}", "</script>", '"""']
WEB_PAYLOAD = [  # web text has no markup: every line must read as prose, not as a construct
    'Says """; import os; os.system("touch PWNED") # and more',
    "Quotes ''' and a closing quote at the end\"",
    "Backslashes back\\slash \\n \\\\ \\x00 \\N{BULLET} \\u2028 and a trailing backslash\\",
    "Templates {{ 7 * 7 }} {% if True %}jinja{% endif %} {# comment #} {% raw %} end.",
    "Markup </script><script>alert(1)</script> & <b>bold</b> ]]> -->",
    "Control characters \x1b[31mred\x1b[0m \x07 \x0b \x0c \x7f \u2028 \u2029 \x85 end",
    "Long " + " ".join(f"word{i}" for i in range(1500)),
]
WEB_DESC = "\n\n".join(WEB_PAYLOAD)

# Generated code that is known to break, because of the writers (generator/writers/, not the
# readers or the build). Each entry must keep failing with that message: when a writer fix makes
# it pass, the test says so and the entry goes.
KNOWN_WRITER_BUGS: dict[str, str] = {}  # case -> expected failure text, while a bug is open

# Where each hostile case's description must appear verbatim.
#   ("type", Class) class docstring; ("field", Class, attr) attribute docstring; ("op", "a.b")
#   SDK method and server route docstrings; ("arg", "a.b") the Args line (whitespace-joined);
#   ("openapi", json-pointer) the description in openapi.yaml; ("openapi=", pointer, value) any
#   value there; ("title", "a.b", title) the first docstring line of the SDK method and route;
#   ("literal", Class, attr, values) the values of the Literal in the field's annotation.
HOSTILE: dict[str, tuple[str, list[tuple[str, ...]]]] = {
    "http-hostile-descriptions.http.md": (
        DESC,
        [
            ("type", "Thing"),
            ("field", "Thing", "id"),
            ("field", "Thing", "kind"),
            ("op", "things.retrieve"),
            ("arg", "things.retrieve"),
            ("openapi", "/paths/~1v1~1things~1{thing_id}/get/description"),
            ("openapi", "/paths/~1v1~1things~1{thing_id}/get/parameters/0/description"),
            ("openapi", "/components/schemas/Thing/description"),
            ("openapi", "/components/schemas/Thing/properties/id/description"),
            ("title", "things.retrieve", TITLE),
            ("openapi=", "/paths/~1v1~1things~1{thing_id}/get/summary", TITLE),
        ],
    ),
    "http-hostile-enum-values.http.md": (
        "",
        [
            ("literal", "Thing", "kind", ENUM),
            ("openapi=", "/components/schemas/Thing/properties/kind/enum", ENUM),
        ],
    ),
    "python-hostile-descriptions.python.md": (
        DESC,
        [
            ("type", "ThingResult"),
            ("field", "ThingResult", "status"),
            ("op", "things.run"),
            ("arg", "things.run"),
            ("openapi", "/paths/~1v1~1things~1{thing_id}~1run/post/description"),
            ("openapi", "/components/schemas/ThingResult/description"),
        ],
    ),
    "web-hostile-descriptions.web.txt": (
        WEB_DESC,
        [
            ("field", "Thing", "id"),
            ("op", "things.retrieve"),
            ("openapi", "/paths/~1v1~1things~1{thing_id}/get/description"),
            ("openapi", "/components/schemas/Thing/properties/id/description"),
        ],
    ),
}


# --- inputs generated at run time --------------------------------------------------------------


def _base() -> str:
    return (CORPUS / "http-baseline.http.md").read_text(encoding="utf-8")


def _huge_10mb() -> bytes:
    """10 MB: the base page, then a domain type whose description is 130,000 lines of prose,
    cut inside its last field bullet (so reading must get to the very end, and say so)."""
    prose = "".join(
        f"  Line {i} of a very long description, lorem ipsum dolor sit amet.\n"
        for i in range(150_000)
    )
    text = _base() + "\n### Huge\n\n- `Huge object { a }`\n\n" + prose + "\n  - `a: optional str"
    data = text.encode()
    assert len(data) >= 10_000_000
    return data


def _oversized() -> bytes:
    return b"# Things\n\n" + b"x" * (17 * 1024 * 1024)


def _nested(depth: int) -> str:
    """An operation returning an object nested `depth` levels deep, as nested bullets."""
    lines = [
        "# Things",
        "",
        "## Retrieve Thing",
        "",
        "**get** `/v1/things/{thing_id}`",
        "",
        "### Returns",
        "",
    ]
    lines += ["- `Level0 object { child }`", ""]
    for d in range(1, depth + 1):
        lines += ["  " * d + f"- `child: optional Level{d} object {{ child }}`", ""]
    lines += ["  " * (depth + 1) + "- `child: optional string`", ""]
    return "\n".join(lines)


def _long_lines() -> str:
    """A 1 MB description line and a type line with 2000 enum values."""
    values = [f'"v{i}"' for i in range(2000)]
    page = _base()
    page = page.replace("Get a thing by ID", "A long line: " + "lorem ipsum " * 90_000, 1)
    kind = '`kind: optional "small" or "large"`'
    bullets = '    - `"small"`\n\n    - `"large"`'
    page = page.replace(kind, "`kind: optional " + " or ".join(values) + "`")
    page = page.replace(bullets, "\n\n".join(f"    - `{v}`" for v in values))
    return page.replace('"kind": "small"', '"kind": "v7"')


GENERATED: dict[str, tuple[Case, object]] = {
    "generated-10mb.http.md": (
        C("10 MB, cut in its last line", 2, "generated-10mb.http.md:{last} D009"),
        _huge_10mb,
    ),
    "generated-17mb.md": (C("over the 16 MiB limit", 2, "generated-17mb.md:1 R005"), _oversized),
    "generated-deep-200.http.md": (
        C("objects nested 200 bullets deep", 2, "generated-deep-200.http.md:209 D008"),
        lambda: _nested(200),
    ),
    # 30: pydantic's model_json_schema() itself runs out of recursion at about 33 levels
    "generated-deep-30.http.md": (
        C("objects nested 30 bullets deep: generated", 0),
        lambda: _nested(30),
    ),
    "generated-long-lines.http.md": (C("a 1 MB line and 2000 enum values", 0), _long_lines),
}

ALL = {**CASES, **{k: v[0] for k, v in GENERATED.items()}}


# --- running the CLI ---------------------------------------------------------------------------


@dataclass
class Outcome:
    exit: int
    stdout: str
    stderr: str
    out: Path
    spec: Path
    seconds: float

    def snapshot_text(self) -> str:
        summary = re.sub(r", \d+ files in .*", "", self.stdout.strip())  # no paths, no timing
        parts = [f"exit {self.exit}", self.stderr.rstrip(), summary]
        return "\n".join(p for p in parts if p) + "\n"


def _spec_for(name: str, root: Path) -> Path:
    spec = root / "spec"
    if name in GENERATED:
        spec.mkdir()
        data = GENERATED[name][1]()  # type: ignore[operator]
        (spec / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    elif (CORPUS / name).is_dir():
        shutil.copytree(CORPUS / name, spec)
    else:
        spec.mkdir()
        shutil.copy(CORPUS / name, spec / name)
    return spec


_RESULTS: dict[str, Outcome] = {}


def run_case(name: str, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """Generate into an out folder that already holds a file of the user's (it must survive)."""
    if name in _RESULTS and _RESULTS[name].spec.is_dir():  # (a temp dir can be pruned meanwhile)
        return _RESULTS[name]
    root = tmp_path_factory.mktemp("case")
    spec = _spec_for(name, root)
    out = root / "out"
    out.mkdir()
    (out / "mine.txt").write_text("not generated")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["generate", "--spec", str(spec), "--out", str(out)])
    seconds = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{name}: traceback\n{result.stderr}") from result.exception
    outcome = Outcome(result.exit_code, result.stdout, result.stderr, out, spec, seconds)
    _RESULTS[name] = outcome
    return outcome


def test_the_corpus_is_complete():
    on_disk = {p.name for p in CORPUS.iterdir() if p.name not in ("README.md", ".gitattributes")}
    assert on_disk == set(CASES), "every corpus entry needs a line in CASES (and vice versa)"
    assert len(ALL) >= 40


def test_the_corpus_files_hold_the_bytes_they_are_about():
    """Guards against an editor or a git setting that "fixes" them (see .gitattributes)."""

    def data(name: str) -> bytes:
        return (CORPUS / name).read_bytes()

    assert data("http-crlf.http.md").count(b"\r\n") == data("http-crlf.http.md").count(b"\n") > 100
    assert b"\n" not in data("http-cr-only.http.md") and b"\r" in data("http-cr-only.http.md")
    assert data("http-bom.http.md").startswith(b"\xef\xbb\xbf")
    assert b"\x00" in data("http-nul-in-description.http.md") and b"\x00" in data(
        "binary-garbage.md"
    )
    for name in ("http-non-utf8.http.md", "binary-no-nul.txt", "binary-garbage.md"):
        with pytest.raises(UnicodeDecodeError):
            data(name).decode("utf-8")
    assert b"\x1b[31m" in data("http-hostile-descriptions.http.md")


@pytest.mark.parametrize("name", sorted(ALL))
def test_case(name: str, tmp_path_factory: pytest.TempPathFactory, snapshot, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    case = ALL[name]
    got = run_case(name, tmp_path_factory)
    assert "Traceback" not in got.stdout + got.stderr
    assert got.exit == case.exit, got.stderr
    diags = [line for line in got.stderr.splitlines() if not line.startswith("specgen:")]
    files = {p.relative_to(got.spec).as_posix() for p in got.spec.rglob("*") if p.is_file()}
    for line in diags:
        m = DIAG.match(line)
        assert m, f"not `file:line: level CODE: message`: {line!r}"
        assert m["file"] in files | {"."}, line
        if m["file"] != ".":
            data = (got.spec / m["file"]).read_bytes()
            lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
            assert 1 <= int(m["line"]) <= lines, line
        if got.exit == 0:
            assert m["level"] != "error", line
    if case.culprit:
        where, code = case.culprit.split()
        if "{last}" in where:  # a generated file's last line
            data = next(got.spec.iterdir()).read_bytes()
            where = where.replace("{last}", str(data.rstrip(b"\n").count(b"\n") + 1))
        assert any(line.startswith(f"{where}: ") and f" {code}: " in line for line in diags), (
            f"{case.culprit} not reported:\n{got.stderr}"
        )
    parent = got.out.parent
    leftovers = [p.name for p in parent.iterdir() if p.name.startswith(".out.specgen")]
    assert leftovers == [], "temporary folders left next to --out"
    if got.exit == 2:
        assert sorted(p.name for p in got.out.iterdir()) == ["mine.txt"], "output touched"
    else:
        assert (got.out / "mine.txt").read_text() == "not generated"
        assert (got.out / ".specgen-manifest").is_file() and (got.out / "openapi.yaml").is_file()
    assert got.seconds < 60, f"{name} took {got.seconds:.1f} s"
    assert got.snapshot_text() == snapshot


@pytest.mark.parametrize("name", sorted(SAME_OUTPUT))
def test_line_endings_and_bom_change_nothing(name: str, tmp_path_factory):
    def tree(out: Path) -> dict[str, bytes]:
        """The output; the check cache records the input bytes, which differ here by design."""
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in out.rglob("*")
            if p.is_file() and p.name != ".specgen-cache"
        }

    a = run_case(name, tmp_path_factory)
    b = run_case(SAME_OUTPUT[name], tmp_path_factory)
    assert a.exit == b.exit == 0
    assert tree(a.out) == tree(b.out)


def test_hostile_payloads_are_in_the_corpus():
    """The expectations below are only as good as the files: they must hold the payload."""
    for name, (text, _) in HOSTILE.items():
        data = (CORPUS / name).read_text(encoding="utf-8")
        for line in text.split("\n"):
            assert line in data, (name, line[:60])


# --- the generated code: compiles, imports, renders the docs inertly ---------------------------

CHECKER = r"""
import ast, importlib, inspect, json, pkgutil, sys
from pathlib import Path

def check(out, sdk, server, expect):
    problems = []
    for path in sorted(out.rglob("*.py")):
        try:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        except SyntaxError as exc:
            problems.append(f"{path.relative_to(out)}: {exc}")
    if problems:
        return problems
    for name in list(sys.modules):
        if name.split(".")[0] in (sdk, server):
            del sys.modules[name]
    sys.path.insert(0, str(out))
    try:
        for pkg in (sdk, server):
            root = importlib.import_module(pkg)
            for info in pkgutil.walk_packages(root.__path__, pkg + "."):
                if not info.name.endswith("__main__"):
                    importlib.import_module(info.name)
        from pydantic import BaseModel, TypeAdapter
        types = importlib.import_module(sdk + ".types")
        for name in types.__all__:
            value = getattr(types, name)
            if isinstance(value, type) and issubclass(value, BaseModel):
                value.model_json_schema()
            else:
                TypeAdapter(value).json_schema()
        client_module = importlib.import_module(sdk + "._client")
        client_cls = getattr(client_module, [n for n in client_module.__all__ if not n.startswith("Async")][0])
        client = client_cls(api_key="k", base_url="http://127.0.0.1:9")
        import yaml
        doc = yaml.safe_load((out / "openapi.yaml").read_text(encoding="utf-8"))
        methods = {}
        for path, item in doc["paths"].items():
            for verb, op in item.items():
                if verb not in ("get", "put", "post", "delete", "patch", "head", "options"):
                    continue
                target = client
                for part in op["x-sdk-method"].split("."):
                    target = getattr(target, part)
                owner = type(getattr(target, "__self__", None)).__module__
                if not callable(target) or not owner.startswith(sdk + ".resources"):
                    problems.append(f"{op['x-sdk-method']} is not a generated SDK method ({owner})")
                methods[op["x-sdk-method"]] = (target, op["operationId"])
        app = importlib.import_module(server + ".app").create_app(mock=True)
        app.openapi()
        routes = importlib.import_module(server + ".routes")
        text = expect and expect["text"]
        for target in (expect or {}).get("where", []):
            kind = target[0]
            if kind == "type":
                got = inspect.cleandoc(getattr(types, target[1]).__doc__ or "")
                if got != inspect.cleandoc(text):
                    problems.append(f"{target}: docstring differs: {got[:80]!r}")
            elif kind == "field":
                cls = getattr(types, target[1])
                tree = ast.parse(inspect.getsource(sys.modules[cls.__module__]))
                found = None
                for node in ast.walk(tree):
                    if isinstance(node, ast.ClassDef) and node.name == target[1]:
                        body = node.body
                        for a, b in zip(body, body[1:]):
                            if isinstance(a, ast.AnnAssign) and getattr(a.target, "id", None) == target[2]:
                                if isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant):
                                    found = b.value.value
                if found is None or inspect.cleandoc(found) != inspect.cleandoc(text):
                    problems.append(f"{target}: attribute docstring differs: {str(found)[:80]!r}")
            elif kind in ("op", "arg"):
                method, op_id = methods[target[1]]
                want = inspect.cleandoc(text) if kind == "op" else " ".join(text.split())
                for where, docstring in (("sdk", method.__doc__), ("server", getattr(routes, op_id).__doc__)):
                    if want not in inspect.cleandoc(docstring or ""):
                        problems.append(f"{target} {where}: text not in the docstring")
            elif kind in ("openapi", "openapi="):
                node = doc
                for part in target[1].split("/")[1:]:
                    part = part.replace("~1", "/").replace("~0", "~")
                    node = node[int(part)] if isinstance(node, list) else node[part]
                want = text if kind == "openapi" else target[2]
                if node != want:
                    problems.append(f"{target}: openapi value differs: {str(node)[:80]!r}")
            elif kind == "title":
                method, op_id = methods[target[1]]
                for where, docstring in (("sdk", method.__doc__), ("server", getattr(routes, op_id).__doc__)):
                    if inspect.cleandoc(docstring or "").split("\n")[0] != target[2]:
                        problems.append(f"{target} {where}: first line differs: {docstring[:80]!r}")
            elif kind == "literal":
                import typing
                annotation = getattr(types, target[1]).model_fields[target[2]].annotation
                stack, found = [annotation], []
                while stack:
                    node = stack.pop()
                    if typing.get_origin(node) is typing.Literal:
                        found.extend(typing.get_args(node))
                    else:
                        stack.extend(typing.get_args(node))
                if found != target[3]:
                    problems.append(f"{target}: Literal values are {found!r}")
    except Exception as exc:  # reported, with its traceback, to the test
        import traceback
        problems.append(traceback.format_exc())
    finally:
        sys.path.remove(str(out))
    return problems

jobs = json.loads(sys.stdin.read())
print(json.dumps({job["name"]: check(Path(job["out"]), "sdk", "server", job["expect"]) for job in jobs}))
"""


def test_generated_code_compiles_imports_and_renders_docs_verbatim(tmp_path_factory, tmp_path):
    """One subprocess for all generating cases: import clashes are avoided by purging modules."""
    jobs = []
    for name in sorted(ALL):
        if ALL[name].exit != 0:
            continue
        got = run_case(name, tmp_path_factory)
        assert got.exit == 0, got.stderr
        expect = None
        if name in HOSTILE:
            text, where = HOSTILE[name]
            expect = {"text": text, "where": where}
        jobs.append({"name": name, "out": str(got.out), "expect": expect})
    proc = subprocess.run(
        [sys.executable, "-c", CHECKER],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    problems = {k: v for k, v in json.loads(proc.stdout).items() if v}
    for name, message in KNOWN_WRITER_BUGS.items():
        found = problems.pop(name, [])
        assert any(message in p for p in found), f"{name}: no longer fails ({message}); drop it"
    assert problems == {}
    assert not (tmp_path / "PWNED").exists(), "code from the docs ran"
    assert list(tmp_path.iterdir()) == [] or all(
        p.name == "__pycache__" for p in tmp_path.iterdir()
    )


# --- the output folder: nothing written outside it, nothing of the user's deleted ---------------


def _snapshot(root: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        out[rel] = (
            f"-> {os.readlink(p)}" if p.is_symlink() else (p.read_bytes() if p.is_file() else "dir")
        )
    return out


@pytest.mark.parametrize("rel", ["../x", "/abs/x", "a/../../x", "", ".", "a/..", "sdk/../../x"])
def test_unsafe_generated_paths_are_refused_before_anything_is_written(tmp_path: Path, rel: str):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("mine")
    before = _snapshot(tmp_path)
    with pytest.raises(UnsafePath):
        write_tree(out, {"ok.txt": b"ok", rel: b"evil"})
    assert _snapshot(tmp_path) == before


def test_safe_paths_stay_inside(tmp_path: Path):
    assert str(_safe("a/./b")) == "a/b"
    write_tree(tmp_path / "out", {"a/./b.txt": b"1", "c.txt": b"2"})
    assert sorted(_snapshot(tmp_path)) == [
        "out",
        "out/.specgen-manifest",
        "out/a",
        "out/a/b.txt",
        "out/c.txt",
    ]


def test_foreign_files_are_kept_stale_generated_ones_go_and_clean_removes_foreign(tmp_path: Path):
    out = tmp_path / "out"
    write_tree(out, {"a.txt": b"1", "sub/b.txt": b"2"})
    (out / "notes").mkdir()
    (out / "notes" / "mine.md").write_text("mine")
    (out / ".hidden").write_text("hidden")
    (out / "sub" / "also-mine.txt").write_text("mine too")
    write_tree(out, {"a.txt": b"new"})
    files = _snapshot(out)
    assert files["a.txt"] == b"new" and "sub/b.txt" not in files  # generated before, not now
    assert files["notes/mine.md"] == b"mine" and files[".hidden"] == b"hidden"
    assert files["sub/also-mine.txt"] == b"mine too"
    write_tree(out, {"a.txt": b"new"}, clean=True)
    assert sorted(_snapshot(out)) == [".specgen-manifest", "a.txt"]


def test_a_failed_write_leaves_the_output_as_it_was(tmp_path: Path):
    out = tmp_path / "out"
    write_tree(out, {"a.txt": b"1"})
    before = _snapshot(tmp_path)
    with pytest.raises(TypeError):
        write_tree(out, {"a.txt": b"2", "b.txt": None})  # type: ignore[dict-item]
    assert _snapshot(tmp_path) == before  # no half-written tree, no temporary folder left


def test_a_symlinked_out_folder_is_written_through_and_stays_a_symlink(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    write_tree(link, {"a.txt": b"1"})
    assert link.is_symlink() and (real / "a.txt").read_bytes() == b"1"


def test_a_symlink_inside_out_is_never_written_through(tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("keep")
    out = tmp_path / "out"
    write_tree(out, {"a.txt": b"1"})
    (out / "sdk").symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(elsewhere)
    write_tree(out, {"a.txt": b"1", "sdk/x.py": b"x = 1"}, clean=True)
    assert _snapshot(elsewhere) == before
    assert not (out / "sdk").is_symlink() and (out / "sdk" / "x.py").read_bytes() == b"x = 1"


def test_foreign_folders_symlinks_and_empty_folders_are_kept_as_they_are(tmp_path: Path):
    """Carried over faithfully (they used to be dropped, or copied as regular files)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "f.txt").write_text("data")
    out = tmp_path / "out"
    write_tree(out, {"sdk/a.py": b"a = 1", "sdk/old/gone.py": b"", "top.txt": b"t"})
    (out / "empty").mkdir()
    (out / ".git" / "objects").mkdir(parents=True)
    (out / "dirlink").symlink_to(elsewhere, target_is_directory=True)
    (out / "filelink").symlink_to(elsewhere / "f.txt")
    (out / "broken").symlink_to(tmp_path / "nowhere")
    (out / "sdk" / "mine").mkdir()
    (out / "sdk" / "mine" / "notes.md").write_text("mine")
    (out / "sdk" / "__pycache__").mkdir()
    (out / "sdk" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"cache")
    before_elsewhere = _snapshot(elsewhere)
    write_tree(out, {"sdk/a.py": b"a = 2", "top.txt": b"t"})
    files = _snapshot(out)
    assert files["empty"] == "dir" and files[".git/objects"] == "dir"
    assert (
        files["dirlink"] == f"-> {elsewhere}" and files["filelink"] == f"-> {elsewhere / 'f.txt'}"
    )
    assert files["broken"] == f"-> {tmp_path / 'nowhere'}"
    assert files["sdk/mine/notes.md"] == b"mine" and files["sdk/a.py"] == b"a = 2"
    assert "sdk/__pycache__" not in files  # caches of generated modules
    assert "sdk/old" not in files and "sdk/old/gone.py" not in files  # generated before, not now
    assert _snapshot(elsewhere) == before_elsewhere


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_something_of_the_users_where_a_generated_folder_goes_is_an_error(
    tmp_path: Path, kind: str
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    write_tree(out, {"top.txt": b"t"})
    if kind == "file":
        (out / "sdk").write_text("mine")
    else:
        (out / "sdk").symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(tmp_path)
    with pytest.raises(InTheWay):
        write_tree(out, {"top.txt": b"t", "sdk/x.py": b"x = 1"})
    assert _snapshot(tmp_path) == before  # nothing deleted, nothing written through the link


def test_out_that_is_a_file_is_refused_and_left_alone(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out"
    target.write_text("precious")
    with pytest.raises(NotAFolder):
        write_tree(target, {"a.txt": b"1"})
    spec = tmp_path / "spec"
    spec.mkdir()
    shutil.copy(CORPUS / "http-baseline.http.md", spec)
    result = CliRunner().invoke(main, ["generate", "--spec", str(spec), "--out", str(target)])
    assert result.exit_code == 2 and "is not a folder" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "spec"]
    assert target.read_text() == "precious"


def test_the_output_folder_gets_ordinary_permissions(tmp_path: Path):
    """Not the 0700 of a temporary folder: a new folder as mkdir makes it, an old one as it was."""
    umask = os.umask(0o022)
    try:
        write_tree(tmp_path / "new", {"a.txt": b"1"})
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o755
        (tmp_path / "new").chmod(0o750)
        write_tree(tmp_path / "new", {"a.txt": b"2"})
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o750
    finally:
        os.umask(umask)


def test_clean_through_the_cli_removes_only_foreign_files(tmp_path: Path, tmp_path_factory):
    got = run_case("http-baseline.http.md", tmp_path_factory)
    out = tmp_path / "out"
    shutil.copytree(got.out, out)
    generated = set(_snapshot(out)) - {"mine.txt"}
    result = CliRunner().invoke(
        main, ["generate", "--spec", str(got.spec), "--out", str(out), "--clean"]
    )
    assert result.exit_code == 0, result.stderr
    assert set(_snapshot(out)) == generated
