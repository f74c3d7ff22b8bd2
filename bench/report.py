"""The targets, checked against the figures, and the markdown tables printed and kept in README."""

from __future__ import annotations

from typing import Any

LINEAR_MAX = 1.1  # growth exponents up to this count as near-linear


def _size(results: dict, scale: float) -> dict | None:
    return next((s for s in results["scaling"]["sizes"] if s["scale"] == scale), None)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its value and whether it is met (None: not measured in this run)."""
    gen = results["generation"]
    sizes = results["scaling"]["sizes"]
    big = _size(results, 100)
    exponent = results["scaling"]["exponent"].get("specgen_generate")
    local = results["scaling"]["exponent"].get("local", {})
    top_range, top = next(reversed(local.items()), (None, {}))
    first, last = (sizes[0], sizes[-1]) if sizes else (None, None)
    rows = [
        (
            "specgen generate / openapi-python-client on spec/",
            "<= 0.25",
            gen["openapi_python_client"]["specgen_ratio"],
            lambda v: v <= 0.25,
        ),
        ("specgen check on spec/ (s)", "< 0.5", gen["specgen_check"]["median"], lambda v: v < 0.5),
        (
            "specgen generate at 100x (s)",
            "< 10",
            big["specgen_generate"]["median"] if big else None,
            lambda v: v < 10,
        ),
        (
            "specgen generate peak RSS at 100x (MB)",
            "< 500",
            big["specgen_generate"]["max_rss_mb"] if big else None,
            lambda v: v < 500,
        ),
        (
            "growth exponent of specgen generate (least squares, all sizes)",
            f"<= {LINEAR_MAX}",
            exponent,
            lambda v: v <= LINEAR_MAX,
        ),
        (
            f"growth exponent of specgen generate ({top_range or 'top two sizes'})",
            f"<= {LINEAR_MAX}",
            top.get("specgen_generate"),
            lambda v: v <= LINEAR_MAX,
        ),
        (
            f"import synth_sdk at {last['scale']:g}x / at {first['scale']:g}x"
            if sizes
            else "import synth_sdk growth",
            "<= 1.5",
            round(last["sdk"]["import_sdk"]["median"] / first["sdk"]["import_sdk"]["median"], 2)
            if sizes and len(sizes) > 1
            else None,
            lambda v: v <= 1.5,
        ),
    ]
    return [
        {"target": name, "goal": goal, "value": value, "met": None if value is None else ok(value)}
        for name, goal, value, ok in rows
    ]


def _s(fig: dict) -> str:
    return f"{fig['median']:.3f} ({fig['min']:.3f}-{fig['max']:.3f})"


def _ms(fig: dict) -> str:
    return f"{fig['median'] * 1000:.1f} ({fig['min'] * 1000:.1f}-{fig['max'] * 1000:.1f})"


def _table(head: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _phases(p: dict) -> str:
    ruff = ", ".join(f"{k} {v:.2f}" for k, v in p.items() if k.startswith("ruff "))
    return (
        f"import {p['import']:.2f}, read {p['read']:.2f}, build {p['build']:.2f}, "
        f"render {p['render']:.2f}, format {p['format']:.2f} ({p['format_share']:.0%}; "
        f"{ruff}), write {p['write']:.2f}; total {p['total']:.2f} s"
    )


def markdown(results: dict[str, Any]) -> str:
    """All figures as markdown: generation, scaling, generated SDK, targets."""
    meta, spec, gen, sdk = results["meta"], results["spec"], results["generation"], results["sdk"]
    parts = [
        f"Measured {meta['date']} on {meta['platform']} ({meta['cpus']} CPUs), Python "
        f"{meta['python']}, commit {meta['commit']}; {meta['runs']} runs after a warm-up, "
        "median (min-max).",
        f"**Generation** on `spec/` ({spec['bytes']} bytes, {spec['lines']} lines, "
        f"{spec['operations']} operations, {spec['types']} types); the peers read the "
        "`openapi.yaml` specgen writes:",
        _table(
            ["command", "seconds", "peak RSS MB", "specgen / peer"],
            [
                [
                    "specgen generate",
                    _s(gen["specgen_generate"]),
                    gen["specgen_generate"]["max_rss_mb"],
                    "",
                ],
                *[
                    [name, _s(gen[key]), gen[key]["max_rss_mb"], gen[key]["specgen_ratio"]]
                    for key, name in (
                        ("openapi_python_client", "openapi-python-client generate"),
                        ("datamodel_codegen", "datamodel-codegen (models only)"),
                    )
                ],
                ["specgen check", _s(gen["specgen_check"]), gen["specgen_check"]["max_rss_mb"], ""],
            ],
        ),
        f"specgen generate by phase (one in-process run): {_phases(gen['phases'])}.",
    ]
    sizes, runs = results["scaling"]["sizes"], results["scaling_runs"]
    if sizes:
        parts += [
            f"**Scaling** on synthetic docs (`bench/synth.py`; {runs['specgen']} specgen run(s) "
            f"and {runs['peers']} peer run(s) per size, median): seconds (peak RSS MB).",
            _table(
                [
                    "scale",
                    "doc bytes",
                    "ops",
                    "types",
                    "specgen generate",
                    "openapi-python-client",
                    "datamodel-codegen",
                    "format share",
                    "import synth_sdk ms",
                    "synth_sdk.Synth ms",
                ],
                [
                    [
                        f"{s['scale']:g}x",
                        s["bytes"],
                        s["operations"],
                        s["types"],
                        f"{s['specgen_generate']['median']:.2f} ({s['specgen_generate']['max_rss_mb']:.0f})",
                        f"{s['openapi_python_client']['median']:.2f} "
                        f"({s['openapi_python_client']['max_rss_mb']:.0f})",
                        f"{s['datamodel_codegen']['median']:.2f} ({s['datamodel_codegen']['max_rss_mb']:.0f})",
                        f"{s['phases']['format_share']:.0%}",
                        f"{s['sdk']['import_sdk']['median'] * 1000:.1f}",
                        f"{s['sdk']['import_sdk_client']['median'] * 1000:.1f}",
                    ]
                    for s in sizes
                ],
            ),
        ]
        names = [k for k in sizes[0]["phases"] if k not in ("format_share", "total")]
        parts += [
            "specgen generate by phase at each size (seconds, one in-process run; `format` "
            "includes the `ruff` subprocesses):",
            _table(
                ["scale", *names, "total"],
                [
                    [
                        f"{s['scale']:g}x",
                        *(f"{s['phases'].get(k, 0):.2f}" for k in names),
                        f"{s['phases']['total']:.2f}",
                    ]
                    for s in sizes
                ],
            ),
        ]
        exp = results["scaling"]["exponent"]
        if exp:
            phases = ", ".join(f"{k} {v}" for k, v in exp["specgen_phases"].items())
            local = "; ".join(
                f"{r}: " + ", ".join(f"{k} {v}" for k, v in e.items())
                for r, e in exp["local"].items()
            )
            parts.append(
                f"Growth exponents (least squares of log time on log doc bytes): specgen generate "
                f"{exp['specgen_generate']}, openapi_python_client {exp['openapi_python_client']}, "
                f"datamodel_codegen {exp['datamodel_codegen']}; specgen by phase: {phases}. "
                f"Between consecutive sizes: {local}."
            )
    tp = sdk["throughput"]
    parts += [
        "**Generated SDK** (fresh interpreter per import; throughput in one process):",
        _table(
            ["measure", "value"],
            [
                ["import letta_sdk (ms)", _ms(sdk["import_sdk"])],
                ["import letta_sdk; letta_sdk.Letta (ms)", _ms(sdk["import_sdk_client"])],
                ["import letta_server (ms)", _ms(sdk["import_server"])],
                [
                    f"{tp['model']}.model_validate, {tp['example_bytes']} B example (objects/s)",
                    f"{tp['parse_per_s']['median']:.0f}",
                ],
                [
                    "model_dump(mode='json', by_alias=True, exclude_unset=True) (objects/s)",
                    f"{tp['dump_per_s']['median']:.0f}",
                ],
                [
                    "dump equals the documented example (byte for byte / same key paths)",
                    f"{tp['dump_equals_example']} / {tp.get('dump_keys_equal_example')}",
                ],
            ],
        ),
        "**Targets**:",
        _table(
            ["target", "goal", "value", "met"],
            [
                [
                    t["target"],
                    t["goal"],
                    t["value"],
                    {True: "yes", False: "**no**", None: "n/a"}[t["met"]],
                ]
                for t in results["targets"]
            ],
        ),
    ]
    return "\n\n".join(parts) + "\n"
