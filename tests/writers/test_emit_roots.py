"""How `emit` splits the ruff runs: the models' folder and everything else, never overlapping."""

from __future__ import annotations

import pytest

from generator.writers import roots_outside


def test_roots_outside_the_models_folder():
    files = {
        "sdk/__init__.py": "",
        "sdk/_client.py": "",
        "sdk/_runtime/_models.py": "",
        "sdk/resources/a/b.py": "",
        "sdk/py.typed": "",
        "server/app.py": "",
        "server/openapi.json": "",
        "openapi.yaml": "",
    }
    assert roots_outside(files, "sdk/types") == (
        "sdk/__init__.py",
        "sdk/_client.py",
        "sdk/_runtime",
        "sdk/resources",
        "server",
    )


def test_a_folder_named_like_the_models_one_elsewhere_is_not_confused():
    files = {"sdk/types_extra.py": "", "sdk/resources/types/x.py": ""}
    assert roots_outside(files, "sdk/types") == ("sdk/resources", "sdk/types_extra.py")


def test_a_file_inside_the_models_folder_is_refused():
    with pytest.raises(ValueError, match="formatted apart"):
        roots_outside({"sdk/types/x.py": ""}, "sdk/types")
