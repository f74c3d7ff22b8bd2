"""Which Python name spells which wire name: the one rule, for parameters and fields alike.

The Python flavor spells every name as the official SDK does, in snake_case: the wire names
`expiresAt`, `agentId` and `x-override-embedding-model` are `expires_at`, `agent_id` and
`x_override_embedding_model` there, and `metadata_` stands for `metadata` (a trailing underscore
keeps a name off a keyword or a model attribute). Where one name is documented in several
locations of one operation (a path and a body parameter `job_id`), the SDK tells them apart by
their location (`path_job_id`, `body_job_id`).
"""

from __future__ import annotations

from generator.names import snake


def key(name: str) -> str:
    """What the spellings of one name share: `metadata_` and `metadata` are `metadata`."""
    return name.rstrip("_") or name


def python_spelling(wire: str) -> str:
    """The snake_case name the Python flavor gives a wire name (`expiresAt` -> `expires_at`);
    a name that has no words to spell (`$`) stays as it is."""
    return snake(wire) or wire


def spells(python: str, wire: str) -> bool:
    """Whether the Python name `python` is the SDK's spelling of the wire name `wire`."""
    if key(python) == key(wire):
        return True
    return key(python) == python_spelling(key(wire))


def located(location: str, python: str) -> str:
    """The SDK's name of a parameter whose name another location of its operation uses too."""
    return f"{location}_{python}"
