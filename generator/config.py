"""The config file in the spec folder (`specgen.toml`): output package names and client defaults.
Values the docs reveal (client class, base URL) are derived from them when the file is silent."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics
from generator.names import ClassName, PyName
from generator.source import Span

CONFIG_NAME = "specgen.toml"


@dataclass(frozen=True, slots=True)
class Config:
    sdk_package: str = "sdk"
    server_package: str = "server"
    client_class: str | None = None
    env_prefix: str | None = None
    base_url: str | None = None
    version: str = "0.1.0"

    @property
    def client(self) -> str:
        """The client class, once `pipeline.load` has resolved it (the writers' view)."""
        if self.client_class is None:
            raise ValueError("the client class is resolved by pipeline.load before writing")
        return self.client_class

    def with_overrides(self, sdk: str | None, server: str | None) -> Config:
        """Command-line flags win over the file."""
        return replace(
            self,
            sdk_package=sdk or self.sdk_package,
            server_package=server or self.server_package,
        )


def load_config(spec_dir: Path, diags: Diagnostics) -> Config:
    """Read `specgen.toml` from the spec folder; a missing file gives the defaults. Problems are
    C001 errors at the line of the key concerned."""
    path = spec_dir / CONFIG_NAME
    if not path.is_file():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        m = _TOML_LINE.search(str(exc))
        line = int(m.group(1)) if m else 1
        diags.error(Span(CONFIG_NAME, line), "C001", f"not valid TOML: {exc}")
        return Config()
    where = _Lines(text)
    packages = _table(data, "packages", where, diags)
    client = _table(data, "client", where, diags)
    defaults = Config()
    config = Config(
        sdk_package=_text(packages, "packages", "sdk", where, diags) or defaults.sdk_package,
        server_package=_text(packages, "packages", "server", where, diags)
        or defaults.server_package,
        client_class=_text(client, "client", "class_name", where, diags),
        env_prefix=_text(client, "client", "env_prefix", where, diags),
        base_url=_text(client, "client", "base_url", where, diags),
        version=_text(data, "", "version", where, diags) or defaults.version,
    )
    return validate(config, where, diags)


_TOML_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_.\-\s\"']*?)\s*\]\s*(?:#.*)?$")


class _Lines:
    """Where a key is set in the config text (best effort: line 1 when it cannot tell)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def of(self, table: str, key: str) -> Span:
        """`key` under `[table]`, as `table.key` at the top, or the line of an inline `table`."""
        here = {table: [key], "": [f"{table}.{key}", table] if table else [key]}
        current = ""
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header:
                current = header.group(1).replace(" ", "")
            elif any(re.match(rf"\s*{re.escape(n)}\s*=", line) for n in here.get(current, ())):
                return Span(CONFIG_NAME, number)
        return Span(CONFIG_NAME, 1)


def _table(data: dict[str, Any], name: str, where: _Lines, diags: Diagnostics) -> dict[str, Any]:
    value = data.get(name, {})
    if isinstance(value, dict):
        return value
    diags.error(where.of("", name), "C001", f"[{name}] must be a table")
    return {}


def _text(
    table: dict[str, Any], name: str, key: str, where: _Lines, diags: Diagnostics
) -> str | None:
    value = table.get(key)
    if value is None or isinstance(value, str):
        return value
    label = f"{name}.{key}" if name else key
    diags.error(where.of(name, key), "C001", f"{label} must be text, not {value!r}")
    return None


def validate(config: Config, where: Span | _Lines, diags: Diagnostics) -> Config:
    """Package and class names must be usable identifiers. `where` is the config text (each
    problem at its key's line) or one place for all (the command line)."""

    def at(table: str, key: str) -> Span:
        return where if isinstance(where, Span) else where.of(table, key)

    for label, key, value in (
        ("sdk package", "sdk", config.sdk_package),
        ("server package", "server", config.server_package),
    ):
        try:
            PyName(value)
        except ValueError:
            msg = f"{label} {value!r} is not a Python package name"
            diags.error(at("packages", key), "C001", msg)
    if config.client_class is not None:
        try:
            ClassName(config.client_class)
        except ValueError:
            msg = f"client class {config.client_class!r} is not a class name"
            diags.error(at("client", "class_name"), "C001", msg)
    if config.sdk_package == config.server_package:
        msg = "the SDK and server packages need different names"
        diags.error(at("packages", "server"), "C001", msg)
    return config
