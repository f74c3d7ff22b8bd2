"""Pass 4, resolve operations: each draft becomes an `ir.Operation` with validated names
(`naming`), class-name references, the SDK's positional parameters, pagination and examples."""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator import ir, irwalk, naming
from generator.facts import DocumentFacts
from generator.names import CLIENT_ATTRS, RESERVED_PARAMS, RESOURCE_ATTRS, ClassName, PyName
from generator.resolve import kinds, wirenames
from generator.resolve.finalize import constraints
from generator.resolve.observe import OpDraft
from generator.resolve.params import whole_body
from generator.resolve.state import Resolution

HttpMethod = ir.HttpMethod


def to_operation(
    res: Resolution,
    d: OpDraft,
    resolved: naming.Resolver,
    types: Mapping[ClassName, ir.TypeDef],
) -> ir.Operation:
    g = d.group
    params = []
    used: set[str] = set()
    by_raw: dict[str, PyName] = {}
    reserved = RESERVED_PARAMS if d.body_name else RESERVED_PARAMS - {"body"}
    whole = whole_body(d.params.fields, d.locations)
    for f in d.params.fields:
        raw = f.python or f.key
        taken = reserved - {"body"} if f is whole else reserved  # the body itself is `body`
        py = res.py_names.parameter(raw, f.span, g.summary, used, taken)
        used.add(py)
        for spelling in (f.python, f.wire, f.key):
            if spelling:
                by_raw.setdefault(spelling, py)
        location = d.locations[f.key]
        params.append(
            ir.Parameter(
                name=py,
                wire_name=f.wire or f.python or f.key,
                location=location,
                type=(  # the whole body is the request body type, which is its name
                    ir.Ref(resolved(d.body_name))
                    if f is whole and d.body_name
                    else irwalk.rename(f.type, resolved)
                ),
                required=f.required or location == "path",
                nullable=f.nullable,
                span=f.span,
                description=f.description,
                constraints=constraints(f.constraints, f"{g.summary} {py}", res.diags),
                default=f.default,
                whole_body=f is whole,
            )
        )
    raw_response = kinds.listed_by_signature(d.response, g.sdk)
    response = irwalk.rename(raw_response, resolved) if raw_response is not None else None
    sdk = g.sdk

    in_path = {
        spelling: param.name
        for f, param in zip(d.params.fields, params, strict=True)
        if param.location == "path"
        for spelling in (f.wire, f.key)
        if spelling
    }

    def param_name(raw: str) -> PyName:
        return by_raw.get(raw) or by_raw.get(wirenames.key(raw)) or PyName.sanitize(raw)[0]

    # a path placeholder is the path parameter of its name, whatever other location has it too
    path_names = [in_path.get(p) or param_name(p) for p in g.path_params()]
    positional: tuple[PyName, ...] = ()
    if sdk is not None:
        positional = tuple(param_name(p) for p in sdk.positional)
        for raw, name in zip(sdk.positional, positional, strict=True):
            if name not in used:
                msg = f"the signature's argument {raw!r} is not a documented parameter; ignored"
                res.diags.warning(sdk.span, "D005", msg)
    elif path_names:
        positional = (path_names[-1],)
    positional = tuple(dict.fromkeys(n for n in positional if n in used))
    example, requests = g.examples()
    resource = tuple(
        res.py_names.name(r, g.span, "resource", CLIENT_ATTRS if i == 0 else RESOURCE_ATTRS)
        for i, r in enumerate(d.resource)
    )
    body = ir.Ref(resolved(d.body_name)) if d.body_name else None
    params = [kinds.deprecated_param(p) for p in params]
    k = kinds.derive(g, d.method, params, response, body, types, res.diags)
    return ir.Operation(
        operation_id=naming.operation_id(resource, d.method),
        method=_http_method(g.method),
        path=g.path,
        resource=resource,
        sdk_name=res.py_names.name(
            d.method, g.span, "SDK method", RESOURCE_ATTRS if resource else CLIENT_ATTRS
        ),
        summary=g.summary,
        span=g.span,
        description=g.description,
        params=tuple(params),
        body=body,
        response=response,
        positional=positional,
        pagination=k.pagination,
        response_example=example,
        request_examples=requests,
        request_kind=k.request,
        response_kind=k.response,
        stream_switch=k.stream_switch,
        deprecated=k.deprecated,
    )


def _http_method(method: str) -> HttpMethod:
    """The readers only make operations of these methods."""
    for known in ir.HTTP_METHODS:
        if method == known:
            return known
    raise ValueError(f"not an HTTP method: {method!r}")


def base_url(docs: list[DocumentFacts]) -> str | None:
    """The server of the first curl example."""
    for doc in docs:
        for op in doc.operations:
            for ex in op.examples:
                m = re.search(r"curl\s+['\"]?(https?://[^/\s'\"]+)", ex.text)
                if ex.role == "request" and m:
                    return m.group(1)
    return None


def client_class(docs: list[DocumentFacts]) -> str | None:
    """The client class the first Python example makes (`client = Letta(...)`)."""
    for doc in docs:
        for op in doc.operations:
            for ex in op.examples:
                m = re.search(r"^\s*client\s*=\s*([A-Z]\w*)\(", ex.text, re.M)
                if ex.role == "request" and m:
                    return m.group(1)
    return None
