"""Packaging of the output: the SDK runtime (copied verbatim), `py.typed`, a generated
`pyproject.toml` making `output/` installable, its README, and `api.md` (the reviewable surface)."""

from __future__ import annotations

from generator import ir
from generator.config import Config
from generator.paths import templates_dir
from generator.writers.client import resource_tree, walk
from generator.writers.render import render


def runtime_files(config: Config) -> dict[str, str]:
    """The hand-written runtime, shipped inside the SDK as `<sdk>/_runtime/`."""
    src = templates_dir() / "sdk_runtime"
    return {
        f"{config.sdk_package}/_runtime/{p.name}": p.read_text(encoding="utf-8")
        for p in sorted(src.glob("*.py"))
    }


def _surface(api: ir.Api) -> list[dict[str, object]]:
    """Resources with their methods, for api.md."""
    out: list[dict[str, object]] = []
    root = resource_tree(api)
    for node in [root, *walk(root)]:  # the root: methods of the client itself (`client.health`)
        if not node.operations:
            continue
        out.append(
            {
                "path": ".".join(node.path) or "client",
                "methods": [
                    {
                        "call": ".".join(("client", *node.path, op.sdk_name)),
                        "http": f"{op.method.upper()} {op.path}",
                        "summary": op.summary,
                    }
                    for op in node.operations
                ],
            }
        )
    return out


def render_package(api: ir.Api, config: Config) -> dict[str, str]:
    kinds = {
        ir.ObjectType: "model",
        ir.EnumType: "enum",
        ir.UnionType: "union",
        ir.AliasType: "alias",
    }
    types = [(str(t.name), kinds[type(t)]) for t in api.types]
    context = dict(
        sdk=config.sdk_package,
        server=config.server_package,
        client=config.client_class,
        version=config.version,
        env_prefix=config.env_prefix,
        resources=_surface(api),
        types=types,
        operations=len(api.operations),
    )
    files = runtime_files(config)
    files[f"{config.sdk_package}/py.typed"] = ""
    files[f"{config.server_package}/py.typed"] = ""
    files["pyproject.toml"] = render("package/pyproject.toml.jinja", **context)
    files["README.md"] = render("package/README.md.jinja", **context)
    files["api.md"] = render("package/api.md.jinja", **context)
    return files
