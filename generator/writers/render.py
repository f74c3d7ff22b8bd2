"""The Jinja environment: strict, with the filters through which every docs string must pass."""

from __future__ import annotations

import functools
import keyword
import os
import re
from typing import Any

import jinja2

from generator import speedups
from generator.paths import templates_dir
from generator.writers.pytypes import pyrepr

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def _escape_control(text: str) -> str:
    def esc(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"

    return _CONTROL.sub(esc, text)


def docstring(text: str) -> str:
    """A complete, inert triple-quoted literal holding `text` verbatim once evaluated."""
    body = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    body = _escape_control(body)
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    if "\n" in body:
        body += "\n"  # closing quotes on their own line (ruff indents them)
    return f'"""{body}"""'


def pystr(value: Any) -> str:
    """A Python literal for a docs value; repr escapes everything that could break out."""
    return pyrepr(value)


def comment(text: str) -> str:
    """One safe comment line (newlines and control characters cannot end the comment)."""
    return _escape_control(" ".join(str(text).split()))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates cached per user (`$XDG_CACHE_HOME/specgen/jinja`, by default
    `~/.cache/specgen/jinja`; none when that is not writable): the only thing a run writes
    outside `--out`. Output does not depend on it. The seam `template_cache` of
    `generator.speedups`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "specgen", "jinja")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(folder) if os.access(folder, os.W_OK) else None


def environment() -> jinja2.Environment:
    return _environment(speedups.active().template_cache)


@functools.cache
def _environment(cached: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        bytecode_cache=_bytecode_cache() if cached else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["docstring"] = docstring
    env.filters["pystr"] = pystr
    env.filters["comment"] = comment
    env.tests["identifier"] = lambda v: str(v).isidentifier() and not keyword.iskeyword(str(v))
    return env


def render(template: str, **context: Any) -> str:
    """Render one template file of `templates/`."""
    return environment().get_template(template).render(**context)
