"""Child process: parse and dump throughput of one generated model on one JSON example.

`python bench/throughput.py OUT MODULE CLASS EXAMPLE_JSON SECONDS` imports `MODULE.CLASS` from
the generated tree `OUT` and prints JSON: objects per second of `model_validate(data)` and of
`model_dump(mode="json", by_alias=True, exclude_unset=True)`, per batch (5 batches).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

BATCHES = 5


def rates(fn: Callable[[], object], seconds: float) -> list[float]:
    """Calls per second in each of BATCHES batches of about `seconds / BATCHES`."""
    out = []
    for _ in range(BATCHES):
        n, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / BATCHES:
            for _ in range(10):
                fn()
            n += 10
        out.append(n / elapsed)
    return out


def key_paths(value: object, prefix: str = "") -> set[str]:
    """Every key path of a JSON value (`.a.b[0].c`): what a round trip must keep."""
    if isinstance(value, dict):
        return {
            p for k, v in value.items() for p in {f"{prefix}.{k}"} | key_paths(v, f"{prefix}.{k}")
        }
    if isinstance(value, list):
        return {p for i, v in enumerate(value) for p in key_paths(v, f"{prefix}[{i}]")}
    return set()


def main(out: str, module: str, cls: str, example: str, seconds: float) -> dict[str, object]:
    sys.path.insert(0, out)
    model = getattr(importlib.import_module(module), cls)
    data = json.loads(Path(example).read_text(encoding="utf-8"))
    obj = model.model_validate(data)
    dumped = obj.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return {
        "parse_per_s": rates(lambda: model.model_validate(data), seconds),
        "dump_per_s": rates(
            lambda: obj.model_dump(mode="json", by_alias=True, exclude_unset=True), seconds
        ),
        "example_bytes": len(json.dumps(data)),
        "roundtrip_equal": dumped == data,
        "roundtrip_keys_equal": key_paths(dumped) == key_paths(data),
    }


if __name__ == "__main__":
    a = sys.argv[1:]
    print(json.dumps(main(a[0], a[1], a[2], a[3], float(a[4]))))
