"""Pass 4, with `operations`: what each operation's request and response carry, how it pages,
and whether it is deprecated, from what its places document. No page says a media type: the
signals are the types, descriptions, names and examples the docs give.

- Request (`ir.RequestKind`): multipart when a body parameter is a file (the Python flavor's
  `FileTypes`, read as a `binary` primitive) or the curl example sends form parts (`-F`,
  `--form`, `Content-Type: multipart/form-data`; a `-F 'name=@path'` part is a file); JSON when
  there are body parameters; else none.
- Response (`ir.ResponseKind`), first rule that applies: an event stream when the response type
  is described as Server-Sent Events (`… for Server-Sent Events (SSE)`, `text/event-stream`),
  or when the operation's description says it streams Server-Sent Events and its SDK method or
  last path segment is named `stream`; no content when nothing is documented (no Returns, no
  return type, no response example); untyped when only an example or an `object` return says
  something comes back; plain text when the whole response is a string (the official SDK reads
  it as text); else JSON.
- A body flag documented as switching the response to Server-Sent Events (a boolean whose
  description says it returns a streaming response / Server-Sent Events) is an
  `ir.StreamSwitch` of an operation that is not itself an event stream. Its events are those
  of the event-stream operation whose description sends its callers to that one with the flag
  set ("Use the POST /{agent_id}/messages endpoint with streaming=true": `link_switches`).
- Pagination (`ir.Pagination`): a list response whose items have an `id`, with an `after` query
  parameter, is a cursor list; an object response holding one list field and a more-pages flag
  (`has_more`, `hasNextPage`, `has_next_page`) or a `next_cursor`, with an `offset` query
  parameter, is an offset envelope (the flag is needed), with a cursor query parameter
  (`after`, else `cursor`) a cursor envelope.
- Deprecation: a description whose sentence starts with `Deprecated:` / `Deprecated.` /
  `(Deprecated)`; for a parameter also a parenthetical `(deprecated, use …)`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator import ir, naming
from generator.diagnostics import Diagnostics
from generator.facts import SdkCall, TArray, TObject, TRef
from generator.names import ClassName
from generator.resolve.groups import OpGroup
from generator.resolve.observations import RawType
from generator.source import Span

_SSE = re.compile(r"server[- ]sent[- ]events|\bSSE\b|text/event-stream", re.IGNORECASE)
_RETURNS = re.compile(r"\b(?:returns?|respon\w*|answers?)\b", re.IGNORECASE)
_STREAM_NAME = re.compile(r"(?:^|_)stream(?:$|_)")
_DEPRECATED = re.compile(r"(?:^|(?<=[.!?]\s)|\n)\s*(?:\(deprecated\)|deprecated\s*[:.])", re.I)
_DEPRECATED_ASIDE = re.compile(r"\(deprecated\b[^)]*\)", re.IGNORECASE)
_CURL_FORM = re.compile(r"(?:\s-F|\s--form)\s+(['\"]?)([^\s='\"]+)=(@?)")
_MULTIPART = re.compile(r"multipart/form-data", re.IGNORECASE)
_USE_INSTEAD = re.compile(
    r"`(get|post|put|patch|delete)\s+(/[^`\s]*)`[^.]*?`?(\w+)\s*=\s*true\b", re.IGNORECASE
)
_MORE_FLAGS = {"hasmore", "hasnextpage", "hasnext"}
_NEXT_CURSOR = {"nextcursor"}
_LIMITS = ("limit", "page_size", "pageSize")


@dataclass(frozen=True, slots=True)
class Kinds:
    """What `derive` found for one operation."""

    request: ir.RequestKind
    response: ir.ResponseKind
    stream_switch: ir.StreamSwitch | None
    pagination: ir.Pagination | None
    deprecated: bool


def listed_by_signature(response: RawType | None, sdk: SdkCall | None) -> RawType | None:
    """A Python page whose signature returns a page or list of `X` (`-> SyncArrayPage[X]`,
    read as `array of X`) while its Returns show only `class X`: the response is a list of X."""
    if sdk is None or not isinstance(sdk.returns, TArray) or not isinstance(response, ir.Ref):
        return response
    item = sdk.returns.item
    name = item.name if isinstance(item, (TRef, TObject)) else None
    if name is not None and naming.shown(response.name) == name:
        return ir.ListOf(response)
    return response


def deprecated_text(text: str) -> bool:
    """An operation's (or field's) description that says it is deprecated."""
    return bool(_DEPRECATED.search(text))


def deprecated_param(p: ir.Parameter) -> ir.Parameter:
    """The parameter marked deprecated when its description says so."""
    if p.deprecated or not (deprecated_text(p.description) or _aside(p.description)):
        return p
    return dataclasses.replace(p, deprecated=True)


def _aside(text: str) -> bool:
    """`(deprecated, use before/after)`: said of the thing described (a parameter; a title)."""
    return bool(_DEPRECATED_ASIDE.search(text))


def derive(
    g: OpGroup,
    sdk_method: str,
    params: Sequence[ir.Parameter],
    response: ir.TypeRef | None,
    body: ir.Ref[ClassName] | None,
    types: Mapping[ClassName, ir.TypeDef],
    diags: Diagnostics,
) -> Kinds:
    """The kinds of one operation (its parameters and response already resolved). What only
    an example, a name or a description said is a note (M014); an example's form field that no
    parameter documents, a warning."""
    switch = _stream_switch(params)
    kind = _response_kind(g, sdk_method, response, types, switch is not None, diags)
    return Kinds(
        request=_request_kind(g, params, body, diags),
        response=kind,
        stream_switch=None if isinstance(kind, ir.EventStream) else switch,
        pagination=_pagination(params, response, types),
        deprecated=deprecated_text(g.description) or _aside(g.summary),
    )


def link_switches(ops: Sequence[ir.Operation]) -> tuple[ir.Operation, ...]:
    """Each stream switch whose events an event-stream operation documents: that operation's
    description names the switching one (`METHOD /path`, the path's documented tail) and the
    flag set true. Only a single match is linked; the others keep `event=None`."""
    events: dict[int, ir.TypeRef] = {}
    for stream in ops:
        if not isinstance(stream.response_kind, ir.EventStream) or stream.response is None:
            continue
        for method, tail, flag in _USE_INSTEAD.findall(stream.description):
            targets = [
                i
                for i, op in enumerate(ops)
                if op.method == method.lower()
                and op.path.rstrip("/").endswith(tail.rstrip("/"))
                and op.stream_switch is not None
                and op.stream_switch.param == flag
            ]
            if len(targets) == 1:
                events.setdefault(targets[0], stream.response)
    return tuple(
        dataclasses.replace(
            op, stream_switch=dataclasses.replace(op.stream_switch, event=events[i])
        )
        if i in events and op.stream_switch is not None
        else op
        for i, op in enumerate(ops)
    )


# --- request ------------------------------------------------------------------------------------


def _request_kind(
    g: OpGroup,
    params: Sequence[ir.Parameter],
    body: ir.Ref[ClassName] | None,
    diags: Diagnostics,
) -> ir.RequestKind:
    files = [p for p in params if p.location == "body" and _is_binary(p.type)]
    form_files, form_span = _example_form(g, {p.wire_name for p in params}, diags)
    if files or form_span is not None:
        names = tuple(dict.fromkeys([p.wire_name for p in files] + form_files))
        if not files and form_span is not None:
            msg = f"{g.summary}: a multipart/form-data upload, as the request example sends it"
            diags.note(form_span, "M014", msg)
        return ir.MultipartBody(names, files[0].span if files else form_span or g.span)
    if body is not None:
        first = next((p.span for p in params if p.location == "body"), g.span)
        return ir.JsonBody(first)
    return ir.NoBody(g.span)


def _example_form(
    g: OpGroup, documented: set[str], diags: Diagnostics
) -> tuple[list[str], Span | None]:
    """The file parts the curl examples send (`-F 'name=@path'`), and where the first example
    that sends a form is (None: none does). A part no parameter documents is reported."""
    files: list[str] = []
    span: Span | None = None
    reported: set[str] = set(documented)
    for op, _ in g.places:
        for ex in op.examples:
            if ex.role != "request":
                continue
            parts = _CURL_FORM.findall(" " + ex.text)
            if not parts and not (_MULTIPART.search(ex.text) and "curl" in ex.text):
                continue
            span = span or ex.span
            for _, name, at in parts:
                if at:
                    files.append(name)
                if name in reported:
                    continue
                reported.add(name)
                what = f"{g.summary}: the request example's form {'file' if at else 'field'}"
                if at:
                    msg = f"{what} {name!r} is documented by no parameter; a binary form part"
                    diags.note(ex.span, "M014", msg)
                else:
                    msg = f"{what} {name!r} is documented by no parameter; left out of the form"
                    diags.warning(ex.span, "M014", msg)
    return files, span


def _is_binary(ref: ir.TypeRef) -> bool:
    if isinstance(ref, ir.ListOf):
        return _is_binary(ref.item)
    return isinstance(ref, ir.Primitive) and ref.kind == "binary"


# --- response -----------------------------------------------------------------------------------


def _response_kind(
    g: OpGroup,
    sdk_method: str,
    response: ir.TypeRef | None,
    types: Mapping[ClassName, ir.TypeDef],
    switched: bool,
    diags: Diagnostics,
) -> ir.ResponseKind:
    span = _returns_span(g)
    if isinstance(response, ir.Ref):
        t = types.get(response.name)
        if t is not None and _SSE.search(t.description):
            return ir.EventStream(t.span)
    last_segment = g.path.rstrip("/").rsplit("/", 1)[-1]
    named_stream = bool(_STREAM_NAME.search(sdk_method)) or last_segment == "stream"
    if not switched and named_stream and _SSE.search(g.description):
        msg = f"{g.summary}: a stream of Server-Sent Events (its description and its name say so)"
        diags.note(g.span, "M014", msg)
        return ir.EventStream(span)
    if response is None:
        example = g.response_example_span()
        return ir.Untyped(example) if example is not None else ir.NoContent(span)
    target = _through_aliases(response, types)
    if target == ir.Primitive("string"):
        return ir.PlainText(span)
    if isinstance(target, ir.Unknown):
        return ir.Untyped(span)
    return ir.JsonResponse(span)


def _returns_span(g: OpGroup) -> Span:
    """Where the response is documented: the first Returns, else the signature, else the
    operation."""
    for op, _ in g.places:
        if op.returns:
            return op.returns[0].span
    sdk = g.sdk
    return sdk.span if sdk is not None and sdk.returns is not None else g.span


def _stream_switch(params: Sequence[ir.Parameter]) -> ir.StreamSwitch | None:
    for p in params:
        if p.location != "body" or not _is_boolean(p.type):
            continue
        if _SSE.search(p.description) and _RETURNS.search(p.description):
            return ir.StreamSwitch(p.wire_name, p.span)
    return None


def _is_boolean(ref: ir.TypeRef) -> bool:
    if isinstance(ref, ir.LiteralOf):
        return all(isinstance(v, bool) for v in ref.values)
    return ref == ir.Primitive("boolean")


def _through_aliases(ref: ir.TypeRef, types: Mapping[ClassName, ir.TypeDef]) -> ir.TypeRef:
    seen: set[ClassName] = set()
    while isinstance(ref, ir.Ref) and ref.name not in seen:
        seen.add(ref.name)
        t = types.get(ref.name)
        if not isinstance(t, ir.AliasType):
            break
        ref = t.target
    return ref


# --- pagination ---------------------------------------------------------------------------------


def _pagination(
    params: Sequence[ir.Parameter],
    response: ir.TypeRef | None,
    types: Mapping[ClassName, ir.TypeDef],
) -> ir.Pagination | None:
    query = {p.wire_name: p for p in params if p.location == "query"}

    def first(*names: str) -> str | None:
        return next((n for n in names if n in query), None)

    limit, before = first(*_LIMITS), first("before")
    if response is None:
        return None
    target = _through_aliases(response, types)
    if isinstance(target, ir.ListOf):
        if "after" not in query or not _has_id(target.item, types):
            return None
        return ir.CursorList("after", "id", query["after"].span, before=before, limit=limit)
    if not isinstance(target, ir.Ref):
        return None
    envelope = types.get(target.name)
    if not isinstance(envelope, ir.ObjectType):
        return None
    lists = [f for f in envelope.fields if isinstance(f.type, ir.ListOf)]
    if len(lists) != 1:
        return None
    (items,) = lists
    flag = next((f.wire_name for f in envelope.fields if _key(f.wire_name) in _MORE_FLAGS), None)
    cursor = next((f.wire_name for f in envelope.fields if _key(f.wire_name) in _NEXT_CURSOR), None)
    if "offset" in query and flag is not None:
        return ir.OffsetEnvelope(items.wire_name, "offset", flag, query["offset"].span, limit=limit)
    param = first("after", "cursor")
    if param is None or (flag is None and cursor is None):
        return None
    assert isinstance(items.type, ir.ListOf)
    return ir.CursorEnvelope(
        items.wire_name,
        param,
        query[param].span,
        item_id="id" if _has_id(items.type.item, types) else None,
        has_more=flag,
        next_cursor=cursor,
        before=before,
        limit=limit,
    )


def _has_id(ref: ir.TypeRef, types: Mapping[ClassName, ir.TypeDef], depth: int = 0) -> bool:
    """Items that all have an `id` property: an object with one, or a union of such."""
    target = _through_aliases(ref, types)
    if isinstance(target, ir.UnionOf):
        members: tuple[ir.TypeRef, ...] = target.members
    elif isinstance(target, ir.Ref) and isinstance(t := types.get(target.name), ir.UnionType):
        members = t.members
    else:
        t = types.get(target.name) if isinstance(target, ir.Ref) else None
        return isinstance(t, ir.ObjectType) and any(f.wire_name == "id" for f in t.fields)
    return depth < 8 and all(_has_id(m, types, depth + 1) for m in members)


def _key(name: str) -> str:
    return re.sub(r"[\W_]", "", name).lower()
