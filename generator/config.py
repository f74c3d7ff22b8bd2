"""The config file in the spec folder (`specgen.toml`): output package names and client defaults.
Values the docs reveal (client class, base URL) are derived from them when the file is silent."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

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

    def with_overrides(self, sdk: str | None, server: str | None) -> Config:
        """Command-line flags win over the file."""
        return replace(
            self,
            sdk_package=sdk or self.sdk_package,
            server_package=server or self.server_package,
        )


def load_config(spec_dir: Path, diags: Diagnostics) -> Config:
    """Read `specgen.toml` from the spec folder; a missing file gives the defaults."""
    path = spec_dir / CONFIG_NAME
    if not path.is_file():
        return Config()
    span = Span(CONFIG_NAME, 1)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        diags.error(span, "C001", f"not valid TOML: {exc}")
        return Config()
    packages = data.get("packages", {})
    client = data.get("client", {})
    defaults = Config()
    config = Config(
        sdk_package=str(packages.get("sdk", defaults.sdk_package)),
        server_package=str(packages.get("server", defaults.server_package)),
        client_class=client.get("class_name"),
        env_prefix=client.get("env_prefix"),
        base_url=client.get("base_url"),
        version=str(data.get("version", defaults.version)),
    )
    return validate(config, span, diags)


def validate(config: Config, span: Span, diags: Diagnostics) -> Config:
    """Package and class names must be usable identifiers."""
    for label, value in (
        ("sdk package", config.sdk_package),
        ("server package", config.server_package),
    ):
        try:
            PyName(value)
        except ValueError:
            diags.error(span, "C001", f"{label} {value!r} is not a Python package name")
    if config.client_class is not None:
        try:
            ClassName(config.client_class)
        except ValueError:
            diags.error(span, "C001", f"client class {config.client_class!r} is not a class name")
    if config.sdk_package == config.server_package:
        diags.error(span, "C001", "the SDK and server packages need different names")
    return config
