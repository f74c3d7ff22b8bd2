"""Comparing JSON documents the way the docs mean them."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def same_instants(value: Any) -> Any:
    """Datetimes compared as instants: pydantic writes `.117000Z` for the docs' `.117Z`."""
    if isinstance(value, dict):
        return {k: same_instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [same_instants(v) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[10:11] == "T" and value.endswith("Z"):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value
