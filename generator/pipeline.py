"""The front half of every command: read the spec folder, build the IR, resolve the config."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator import ir
from generator.config import Config, load_config, validate
from generator.diagnostics import Diagnostics
from generator.readers import read_spec
from generator.resolve import build_api
from generator.source import Span
from generator.writers import report_left_out


@dataclass(frozen=True)
class Loaded:
    api: ir.Api
    config: Config
    diags: Diagnostics


def load(
    spec_dir: Path, sdk_package: str | None = None, server_package: str | None = None
) -> Loaded:
    """Read and build; the caller decides what to do with errors in `diags`."""
    diags = Diagnostics()
    config = load_config(spec_dir, diags).with_overrides(sdk_package, server_package)
    if sdk_package or server_package:
        validate(config, Span("<command line>", 1), diags)
    docs = read_spec(spec_dir, diags)
    api = build_api(docs, diags)
    report_left_out(api, diags)  # what `generate` leaves out of the SDK and the server
    if not api.operations and not diags.has_errors:
        if docs:
            msg = f"the {len(docs)} file(s) read document no operation: nothing to generate"
        else:
            msg = "no documentation file was read: nothing to generate"
        diags.error(Span(".", 1), "R007", msg)
    client = config.client_class or api.client_class or "Client"
    config = replace(
        config,
        client_class=client,
        base_url=config.base_url or api.base_url,
        env_prefix=config.env_prefix or client.upper(),
    )
    return Loaded(api, config, diags)
