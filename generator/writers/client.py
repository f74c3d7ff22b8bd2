"""The SDK client: `<sdk>/_client.py` (Letta, AsyncLetta) and one module per resource in
`<sdk>/resources/`, each method a signature, a docstring and one call into the runtime."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator import ir, naming
from generator.config import Config
from generator.writers.imports import import_block
from generator.writers.pytypes import Import, Printer, module_map

EXTRA_PARAMS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")


@dataclass(frozen=True)
class ParamView:
    name: str
    annotation: str
    default: str | None  # None: required
    wire: str


@dataclass(frozen=True)
class MethodView:
    name: str
    http_method: str
    path: str
    positional: tuple[ParamView, ...]
    keyword: tuple[ParamView, ...]
    path_params: tuple[ParamView, ...]
    query: tuple[ParamView, ...]
    headers: tuple[ParamView, ...]
    body: tuple[ParamView, ...]
    body_model: str | None
    whole_body: ParamView | None  # the argument that is the whole request body (`body: A or B`)
    returns: str  # annotation of the sync method
    cast_to: str
    item_type: str | None  # paginated: the item class
    cursor: str | None
    item_id: str | None
    doc: str


@dataclass
class ResourceNode:
    """A node of the SDK resource tree: `tools`, `mcp_servers`, `mcp_servers.tools`."""

    path: tuple[str, ...]
    operations: list[ir.Operation] = field(default_factory=list)
    children: dict[str, ResourceNode] = field(default_factory=dict)

    @property
    def class_name(self) -> str:
        return naming.resource_class(self.path)

    def module(self, pkg: str) -> str:
        """File path of the module defining this resource."""
        base = f"{pkg}/resources/" + "/".join(self.path)
        return f"{base}/__init__.py" if self.children else f"{base}.py"

    def import_path(self) -> str:
        """Dotted module path below the package (`resources.mcp_servers.tools`)."""
        return ".".join(("resources", *self.path))


def resource_tree(api: ir.Api) -> ResourceNode:
    root = ResourceNode(())
    for op in api.operations:
        node = root
        for i, part in enumerate(op.resource):
            node = node.children.setdefault(part, ResourceNode(tuple(op.resource[: i + 1])))
        node.operations.append(op)
    return root


def walk(node: ResourceNode) -> list[ResourceNode]:
    """Every node below `node`, parents first, children by name."""
    out = []
    for name in sorted(node.children):
        child = node.children[name]
        out.append(child)
        out.extend(walk(child))
    return out


def _doc(op: ir.Operation) -> str:
    """Summary, description, and an Args block from the parameter descriptions."""
    parts = [op.summary or op.operation_id]
    if op.description and op.description.strip() != op.summary.strip():
        parts.append(op.description.strip())
    args = [f"  {p.name}: {' '.join(p.description.split())}" for p in op.params if p.description]
    if args:
        parts.append("Args:\n" + "\n".join(args))
    return "\n\n".join(parts)


def _param(p: ir.Parameter, printer: Printer, imports: set[Import], runtime: str) -> ParamView:
    annotation = printer.annotation(p.type, imports)
    if p.nullable:
        annotation = printer.optional(annotation, imports)
    if p.required:
        return ParamView(str(p.name), annotation, None, p.wire_name)
    imports.add(Import(runtime, "NotGiven"))
    imports.add(Import(runtime, "NOT_GIVEN"))
    return ParamView(str(p.name), f"{annotation} | NotGiven", "NOT_GIVEN", p.wire_name)


_PACKAGE_RUNTIME = (
    "NOT_GIVEN", "NotGiven", "APIError", "APIConnectionError", "APITimeoutError",
    "APIStatusError", "APIResponseValidationError", "BadRequestError", "AuthenticationError",
    "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError",
    "RateLimitError", "InternalServerError",
)  # fmt: skip
_CALL_NAMES = ("RequestOptions", "Headers", "Query", "Body", "Timeout", "NotGiven", "NOT_GIVEN")
# what `_client.py` imports besides what its methods of the client itself use: (module, name)
_CLIENT_IMPORTS = (
    ("functools", "cached_property"),
    ("collections.abc", "Mapping"),
    ("typing", "TYPE_CHECKING"),
    ("", "httpx"),
    ("._runtime", "NOT_GIVEN"),
    ("._runtime", "AsyncAPIClient"),
    ("._runtime", "NotGiven"),
    ("._runtime", "SyncAPIClient"),
    ("._runtime", "Timeout"),
)


def _plain(printer: Printer) -> Printer:
    """The same printer without request-side leniency (for response types)."""
    return Printer(printer.modules, printer.types_pkg, shadowed=printer.shadowed)


def method_view(
    op: ir.Operation, printer: Printer, imports: set[Import], runtime: str
) -> MethodView:
    """One SDK method; `runtime` is the relative import path of the runtime package."""
    views = {p.name: _param(p, printer, imports, runtime) for p in op.params}
    positional = tuple(views[n] for n in op.positional if n in views)
    keyword = [views[p.name] for p in op.params if p.name not in op.positional]
    keyword.sort(key=lambda v: v.default is not None)  # required keyword-only first
    by_loc = {
        loc: tuple(views[p.name] for p in op.params if p.location == loc)
        for loc in ("path", "query", "header", "body")
    }
    response = op.response
    item_type = cursor = item_id = None
    if isinstance(op.pagination, ir.CursorList) and isinstance(response, ir.ListOf):
        item_type = _plain(printer).annotation(response.item, imports)
        returns = f"SyncArrayPage[{item_type}]"
        imports.add(Import(runtime, "SyncArrayPage"))
        imports.add(Import(runtime, "AsyncArrayPage"))
        imports.add(Import(runtime, "AsyncPaginator"))
        cursor, item_id = op.pagination.cursor_param, op.pagination.item_id
        cast_to = item_type
    elif response is None:
        returns, cast_to = "object", "object"
    else:
        returns = _plain(printer).annotation(response, imports)
        cast_to = returns
    body_model = None
    whole = next((p for p in op.params if p.whole_body), None)
    if op.body is not None and whole is None:  # a whole body is sent as it is given
        body_model = str(op.body.name)
        imports.add(Import(f"{printer.types_pkg}.{printer.modules[op.body.name]}", body_model))
    return MethodView(
        name=str(op.sdk_name),
        http_method=op.method,
        path=op.path,
        positional=positional,
        keyword=tuple(keyword),
        path_params=by_loc["path"],
        query=by_loc["query"],
        headers=by_loc["header"],
        body=by_loc["body"],
        body_model=body_model,
        whole_body=views[whole.name] if whole is not None else None,
        returns=returns,
        cast_to=cast_to,
        item_type=item_type,
        cursor=cursor,
        item_id=item_id,
        doc=_doc(op),
    )


def render_client(
    api: ir.Api, config: Config, modules: Mapping[str, str] | None = None
) -> dict[str, str]:
    """{path relative to the output folder: source text}; `modules` is the `module_map` of
    `api` when the caller has it already."""
    from generator.writers.render import render

    pkg = config.sdk_package
    modules = dict(module_map(api) if modules is None else modules)
    objects = frozenset(t.name for t in api.types if isinstance(t, ir.ObjectType))
    root = resource_tree(api)
    files: dict[str, str] = {}
    for node in walk(root):
        depth = len(node.path) + (1 if node.children else 0)
        shadowed = frozenset(str(op.sdk_name) for op in node.operations) | frozenset(node.children)
        printer = Printer(
            modules,
            types_pkg="." * depth + ".types",
            accept_dicts=True,
            objects=objects,
            shadowed=shadowed,
        )
        runtime = "." * depth + "._runtime"
        imports: set[Import] = set()
        methods = [method_view(op, printer, imports, runtime) for op in node.operations]
        if node.children:
            imports |= {Import("functools", "cached_property"), Import("typing", "TYPE_CHECKING")}
        imports |= {Import(runtime, "SyncAPIResource"), Import(runtime, "AsyncAPIResource")}
        if methods:
            imports |= {Import(runtime, n) for n in _CALL_NAMES}
        children = [
            (c.class_name, name, "." + (name if not c.children else name))
            for name, c in sorted(node.children.items())
        ]
        files[node.module(pkg)] = render(
            "client/resource.py.jinja",
            imports=import_block(imports, (config.sdk_package, config.server_package)),
            resource=node.class_name,
            methods=methods,
            children=children,
        )
    top = [(c.class_name, name, c.import_path()) for name, c in sorted(root.children.items())]
    files[f"{pkg}/resources/__init__.py"] = render("client/resources_init.py.jinja")
    # methods of the client itself (an empty resource path: `client.health()`)
    printer = Printer(
        modules,
        types_pkg=".types",
        accept_dicts=True,
        objects=objects,
        shadowed=frozenset(str(op.sdk_name) for op in root.operations) | frozenset(root.children),
    )
    imports = {Import(n, m) for n, m in _CLIENT_IMPORTS}
    methods = [method_view(op, printer, imports, "._runtime") for op in root.operations]
    if methods:
        imports |= {Import("._runtime", n) for n in _CALL_NAMES}
    files[f"{pkg}/_client.py"] = render(
        "client/client.py.jinja",
        methods=methods,
        imports=import_block(imports, (config.sdk_package, config.server_package)),
        client=config.client,
        env_prefix=config.env_prefix,
        base_url=config.base_url or "http://localhost",
        sdk_name=pkg,
        version=config.version,
        resources=top,
    )
    exports = sorted([config.client, "Async" + config.client, "types", *_PACKAGE_RUNTIME])
    files[f"{pkg}/__init__.py"] = render(
        "client/package_init.py.jinja",
        client=config.client,
        version=config.version,
        exports=exports,
        runtime_names=_PACKAGE_RUNTIME,
    )
    return files
