"""SDK method signatures as the Python reference renders them.

`mcp_servers.tools.run(strtool_id, ToolRunParams**kwargs)  -> ToolExecutionResult`: the rendering
glues each argument's type to its name (`strtool_id` is `tool_id: str`), so the parser accepts
`TYPEname`, `TYPE name` and `name: TYPE`.
"""

from __future__ import annotations

import re

from generator.facts import SdkCall
from generator.readers.typeexpr import TypeSyntaxError, parse_python
from generator.source import Span

_CALL = re.compile(
    r"^(?P<path>[a-z_][\w]*(?:\.[a-z_][\w]*)+)\((?P<args>.*)\)\s*(?:->\s*(?P<ret>.+?))?\s*$"
)
# A method of the client itself (`health()  -> HealthResponse`): no resource, so only with its
# return annotation, which tells it from any other call written in code.
_CLIENT_CALL = re.compile(r"^(?P<path>[a-z_]\w*)\((?P<args>.*)\)\s*->\s*(?P<ret>.+?)\s*$")
_GLUED_PRIM = re.compile(r"^(str|int|float|bool|object|datetime|date)([a-z_]\w*)$")
_KWARGS = re.compile(r"^(?:(?P<type>[A-Za-z_]\w*)\s*)?\*\*\s*(?P<name>\w+)$")


class SdkCallError(ValueError):
    """The text looks like an SDK call but cannot be read."""


def looks_like_call(text: str) -> bool:
    """Cheap test: `a.b(...)` optionally followed by `-> T`."""
    return bool(_CALL.match(text.strip()))


def looks_like_client_call(text: str) -> bool:
    """`name(...) -> T`: a method of the client itself, as the Python flavor renders one."""
    return bool(_CLIENT_CALL.match(text.strip()))


def _arg_name(arg: str) -> str:
    arg = arg.strip()
    if ":" in arg:  # name: TYPE
        name = arg.split(":", 1)[0].strip()
    elif " " in arg:  # TYPE name
        name = arg.rsplit(" ", 1)[1]
    elif "]" in arg:  # TYPE[...]name
        name = arg[arg.rindex("]") + 1 :]
    else:
        m = _GLUED_PRIM.match(arg)
        if m:
            name = m.group(2)
        else:
            m = re.match(r"^[A-Z]\w*?([a-z_][a-z0-9_]*)$", arg)
            name = m.group(1) if m else arg
    if not name.isidentifier():
        raise SdkCallError(f"cannot read argument {arg!r}")
    return name


def parse_sdk_call(text: str, span: Span) -> SdkCall:
    """Read a signature line; raises SdkCallError when it cannot."""
    m = _CALL.match(text.strip()) or _CLIENT_CALL.match(text.strip())
    if not m:
        raise SdkCallError(f"not an SDK method signature: {text!r}")
    positional: list[str] = []
    params_type: str | None = None
    for arg in (a.strip() for a in m.group("args").split(",")):
        if not arg:
            continue
        kw = _KWARGS.match(arg)
        if kw:
            params_type = kw.group("type")
        elif arg.startswith("*"):
            continue
        else:
            positional.append(_arg_name(arg))
    returns = None
    if m.group("ret"):
        try:
            returns = parse_python(m.group("ret"))[1]
        except TypeSyntaxError as exc:
            raise SdkCallError(f"bad return type: {exc}") from exc
    return SdkCall(
        method_path=tuple(m.group("path").split(".")),  # one name: a method of the client
        positional=tuple(positional),
        params_type=params_type,
        returns=returns,
        span=span,
    )
