"""The `specgen` command: generate, check, inspect. Exit 0 ok, 1 drift, 2 bad input."""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import freshness, speedups
from generator.diagnostics import Level

if TYPE_CHECKING:
    from generator.pipeline import Loaded

SPEC_HELP = "Folder of API reference docs, read recursively (default: spec/)."


def _report(loaded: Loaded, verbose: bool = False) -> None:
    text = loaded.diags.render(min_level=Level.NOTE if verbose else Level.WARNING)
    if text:
        click.echo(text, err=True)


def _load_or_exit(
    spec: Path, sdk: str | None = None, server: str | None = None, verbose: bool = False
) -> Loaded:
    if not spec.is_dir():
        click.echo(f"{spec}:1: error R007: spec folder does not exist", err=True)
        sys.exit(2)
    from generator.pipeline import load  # imported here: `check` may not need it at all

    loaded = load(spec, sdk, server)
    _report(loaded, verbose)
    if loaded.diags.has_errors:
        errors = sum(1 for d in loaded.diags.items if d.level is Level.ERROR)
        click.echo(f"specgen: {errors} error(s) in the docs; nothing written", err=True)
        sys.exit(2)
    return loaded


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Generate a typed SDK, a server stub and an OpenAPI document from API reference docs."""
    # A run builds about a million long-lived objects and frees almost nothing in cycles: the
    # cyclic collector re-scanned them again and again for nothing (measured: a fifth of the
    # read and build time on a big spec; peak memory the same without it). Reference counting
    # still frees everything else; the collector is back on when the command ends. (The seam
    # `gc_pause` of `generator.speedups`; its switch is checked here, before anything runs.)
    try:
        pause = speedups.active().gc_pause
    except speedups.UnknownSeam as exc:
        click.echo(f"specgen: {exc}", err=True)
        sys.exit(2)
    if pause and gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)


@main.command()
@click.option("--spec", type=click.Path(path_type=Path), default=Path("spec"), help=SPEC_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the IR as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Also print notes.")
def inspect(spec: Path, as_json: bool, verbose: bool) -> None:
    """Show the IR built from the docs."""
    loaded = _load_or_exit(spec, verbose=verbose)
    api = loaded.api
    if as_json:
        from generator import ir_json

        click.echo(json.dumps(ir_json.api(api), indent=2, sort_keys=False))
        return
    click.echo(f"{len(api.operations)} operations, {len(api.types)} types")
    for op in api.operations:
        sdk = ".".join([*op.resource, op.sdk_name])
        click.echo(f"  {op.method.upper():6} {op.path:55} {sdk}")
    kinds: dict[str, int] = {}
    for t in api.types:
        kinds[type(t).__name__] = kinds.get(type(t).__name__, 0) + 1
    click.echo("types: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))


def _emit(loaded: Loaded, workdir: Path | None = None) -> dict[str, bytes]:
    """Every output file. The docs were accepted, so a failure here is a bug of specgen's:
    said so in one line (no traceback for the user to decode), nothing written, exit 2."""
    from generator.writers import emit

    try:
        return emit(loaded.api, loaded.config, workdir)
    except Exception as exc:  # reported (not swallowed): exit 2
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        click.echo(
            f"specgen: internal error while writing the output ({type(exc).__name__}: {first})."
            " This is a bug in specgen, not in the docs; nothing written",
            err=True,
        )
        sys.exit(2)


@main.command()
@click.option("--spec", type=click.Path(path_type=Path), default=Path("spec"), help=SPEC_HELP)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("output"),
    help="Output folder (default: output/).",
)
@click.option("--sdk-package", default=None, help="SDK package name (overrides the config file).")
@click.option(
    "--server-package", default=None, help="Server package name (overrides the config file)."
)
@click.option(
    "--clean", is_flag=True, help="Also delete files in --out that specgen did not generate."
)
@click.option("--verbose", "-v", is_flag=True, help="Also print notes.")
def generate(
    spec: Path,
    out: Path,
    sdk_package: str | None,
    server_package: str | None,
    clean: bool,
    verbose: bool,
) -> None:
    """Write openapi.yaml, the SDK and the server stub into --out.

    Writes are atomic: an error leaves --out as it was. Files in --out that specgen did not
    generate are kept unless --clean is given; nothing is written outside --out but specgen's
    compiled templates, cached per user (SPECGEN_PLAIN=template_cache: not even those).
    """
    from generator.output import InTheWay, NotAFolder, UnsafePath, staging, write_tree

    start = time.perf_counter()
    if out.exists() and not out.is_dir():
        click.echo(f"specgen: --out {out} exists and is not a folder; nothing written", err=True)
        sys.exit(2)
    loaded = _load_or_exit(spec, sdk_package, server_package, verbose)
    try:
        with staging(out) as staged:  # the formatter leaves the Python files there
            files = _emit(loaded, staged)
            write_tree(out, files, clean=clean, staged=staged)
    except (NotAFolder, UnsafePath, InTheWay, OSError) as exc:
        if isinstance(exc, NotAFolder):
            reason = "it is not a folder"
        elif isinstance(exc, UnsafePath):
            reason = f"the path {exc} would leave it"
        elif isinstance(exc, InTheWay):
            reason = f"{exc} is yours and a generated folder goes there; move it or use --clean"
        else:
            reason = str(exc)
        click.echo(f"specgen: cannot write {out} ({reason}); nothing written", err=True)
        sys.exit(2)
    from generator.output import MANIFEST, manifest_text

    written = {**files, MANIFEST: manifest_text(files)}
    freshness.save(out, freshness.fingerprint(spec, (sdk_package, server_package)), written)
    seconds = time.perf_counter() - start
    click.echo(
        f"specgen: {len(loaded.api.operations)} operations, {len(loaded.api.types)} types,"
        f" {len(files)} files in {out} ({seconds:.2f} s)"
    )


@main.command()
@click.option("--spec", type=click.Path(path_type=Path), default=Path("spec"), help=SPEC_HELP)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("output"),
    help="Output folder to compare (default: output/).",
)
@click.option("--sdk-package", default=None, help="SDK package name (overrides the config file).")
@click.option(
    "--server-package", default=None, help="Server package name (overrides the config file)."
)
@click.option("--full", is_flag=True, help="Regenerate and compare even when the cache says fresh.")
def check(
    spec: Path, out: Path, sdk_package: str | None, server_package: str | None, full: bool
) -> None:
    """Exit 0 when --out is what generate would write, 1 (with a diff) when it drifted.

    When nothing generation depends on changed since the last generate into --out (the docs,
    specgen itself, the options) and every file is as it wrote it, that is known without
    generating again (a cache file beside the output). --full always regenerates and compares.
    """
    if not full and spec.is_dir():
        key = freshness.fingerprint(spec, (sdk_package, server_package))
        if freshness.up_to_date(out, key):
            click.echo("specgen check: output is up to date")
            return
    from generator.output import diff_tree

    loaded = _load_or_exit(spec, sdk_package, server_package)
    summary, diff = diff_tree(out, _emit(loaded))
    if diff:
        click.echo(diff, nl=False)
        click.echo(summary, err=True)
        sys.exit(1)
    click.echo("specgen check: output is up to date")
