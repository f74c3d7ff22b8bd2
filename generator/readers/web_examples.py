"""Code examples in scraped web text, where fences are gone: a block is recognized by its first
line and extends as far as its own syntax does.

- Python / TypeScript: from an `import` line through the last line of the statement block
  (bracket depth tracked across lines; at depth 0 a line must look like a statement).
- curl: `curl ...` plus continuation lines (trailing `\\` or an open single quote).
- JSON: a line `{` or `[` (or a one-line JSON value) through the balanced closing line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from generator import jsontext
from generator.diagnostics import Diagnostics
from generator.facts import Example
from generator.source import Span

_PY_IMPORT = re.compile(
    r"^(?:from\s+[\w.]+\s+import\s+\S|import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+)*\s*$)"
)
_TS_IMPORT = re.compile(r"""^import\s+(?:.+\s+from\s+)?['"]""")
_CURL = re.compile(r"^curl(?:\s|$)")
_STATEMENT = re.compile(
    r"^(?:\s+\S|#|//|[)\]}]|@\w"
    r"|(?:from|import|def|class|if|elif|else|for|while|with|try|except|finally|return|async"
    r"|await|raise|assert|pass|break|continue|print|yield|del|const|let|var|export|function)\b"
    r"|[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*[-+*/%|&]?=(?!=)|[A-Za-z_][\w.]*\()"
)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_CODE_TOKEN = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|#.*|[()\[\]{}]""")


@dataclass(frozen=True, slots=True)
class Block:
    """Lines `start` to `end` (0-based, end exclusive) are one example; `example` is None when
    the block was reported as broken."""

    start: int
    end: int
    example: Example | None


def _depth_change(line: str, token: re.Pattern[str]) -> int:
    change = 0
    for m in token.finditer(line):
        ch = m.group(0)
        if ch in "([{":
            change += 1
        elif ch in ")]}":
            change -= 1
    return change


def _json_start(s: str) -> bool:
    if s in ("{", "["):
        return True
    if s[:1] not in ("{", "[") or s[-1:] not in ("}", "]"):
        return False
    try:
        jsontext.loads(s)
    except json.JSONDecodeError:
        return False
    except ValueError:  # JSON, but too deep or holding an unwritable value: reported as such
        return True
    return True


def scan_example(lines: list[str], i: int, path: str, diags: Diagnostics) -> Block | None:
    """The example block starting at line index `i`, or None if no example starts there."""
    s = lines[i].strip()
    if not s or s[0] not in "{[cfi":
        return None
    if _json_start(s):
        return _json_block(lines, i, path, diags)
    if _CURL.match(s):
        return _curl_block(lines, i, path, diags)
    if _PY_IMPORT.match(s):
        return _code_block(lines, i, path, diags, "python")
    if _TS_IMPORT.match(s):
        return _code_block(lines, i, path, diags, "typescript")
    return None


def _json_block(lines: list[str], i: int, path: str, diags: Diagnostics) -> Block:
    depth = 0
    for j in range(i, len(lines)):
        depth += _depth_change(lines[j], _JSON_TOKEN)
        if depth <= 0:
            text = "\n".join(lines[i : j + 1])
            try:
                value = jsontext.JsonData(jsontext.loads(text))  # parsed here, once
            except jsontext.JsonTooDeep as exc:
                diags.warning(Span(path, i + 1), "D008", f"example JSON is {exc}")
                return Block(i, j + 1, None)
            except ValueError as exc:
                msg = f"example is not valid JSON: {str(exc)[:160]}"
                diags.warning(Span(path, i + 1), "D006", msg)
                return Block(i, j + 1, None)
            return Block(i, j + 1, Example("response", "json", text, Span(path, i + 1), value))
    diags.error(Span(path, i + 1), "D009", "file ends inside a JSON example")
    return Block(i, len(lines), None)


def _curl_block(lines: list[str], i: int, path: str, diags: Diagnostics) -> Block:
    quote_open = False
    for j in range(i, len(lines)):
        line = lines[j].rstrip()
        if not line and not quote_open:  # a blank line ends the command whatever came before
            text = "\n".join(lines[i:j])
            return Block(i, j, Example("request", "http", text, Span(path, i + 1)))
        if line.count("'") % 2:
            quote_open = not quote_open
        if not quote_open and not line.endswith("\\"):
            text = "\n".join(lines[i : j + 1])
            return Block(i, j + 1, Example("request", "http", text, Span(path, i + 1)))
    diags.error(Span(path, i + 1), "D009", "file ends inside a curl example")
    return Block(i, len(lines), None)


def _code_block(lines: list[str], i: int, path: str, diags: Diagnostics, lang: str) -> Block:
    depth, last = 0, i
    for j in range(i, len(lines)):
        line = lines[j]
        if depth == 0 and j != i:
            if not line.strip():
                continue
            if not _STATEMENT.match(line):
                break
        depth = max(0, depth + _depth_change(line, _CODE_TOKEN))
        last = j
    if depth > 0:
        diags.error(Span(path, i + 1), "D009", f"file ends inside a {lang} example")
        return Block(i, len(lines), None)
    text = "\n".join(lines[i : last + 1])
    return Block(i, last + 1, Example("request", lang, text, Span(path, i + 1)))
