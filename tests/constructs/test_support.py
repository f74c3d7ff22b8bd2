"""The reproducers are where the tests expect them (CI has `../shared` beside the clone)."""

from __future__ import annotations

from paths import CONSTRUCTS


def test_every_construct_folder_has_a_spec() -> None:
    folders = sorted(p for p in CONSTRUCTS.iterdir() if p.is_dir())
    assert len(folders) >= 25
    assert all((p / "spec").is_dir() for p in folders)
