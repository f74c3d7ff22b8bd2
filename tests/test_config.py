"""`specgen.toml`: every problem is a C001 at the line of the key concerned, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import CONFIG_NAME, Config, load_config
from generator.diagnostics import Diagnostics


def _load(tmp_path: Path, text: str) -> tuple[Config, list[str]]:
    (tmp_path / CONFIG_NAME).write_text(text, encoding="utf-8")
    diags = Diagnostics()
    config = load_config(tmp_path, diags)
    return config, [d.format() for d in diags.items]


def test_a_good_file(tmp_path):
    text = '[packages]\nsdk = "a_sdk"\nserver = "a_server"\n[client]\nclass_name = "A"\n'
    config, diags = _load(tmp_path, text)
    assert (config.sdk_package, config.server_package, config.client_class) == (
        "a_sdk",
        "a_server",
        "A",
    )
    assert diags == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('packages = "x"\n', "1: error C001: [packages] must be a table"),
        ("# c\n[packages]\nsdk = 3\n", "3: error C001: packages.sdk must be text, not 3"),
        ("[client]\n\nclass_name = 5\n", "3: error C001: client.class_name must be text, not 5"),
        ("version = 2\n", "1: error C001: version must be text, not 2"),
        ('[client]\nbase_url = ["x"]\n', "2: error C001: client.base_url must be text, not ['x']"),
        ('\n[packages]\nsdk = "class"\n', "3: error C001: sdk package 'class' is not a Python"),
        ('packages = { sdk = "class" }\n', "1: error C001: sdk package 'class' is not a Python"),
        ('packages.sdk = "my-sdk"\n', "1: error C001: sdk package 'my-sdk' is not a Python"),
        ('[packages]\nsdk = "a"\n\nserver = "a"\n', "4: error C001: the SDK and server packages"),
        ('[client]\nclass_name = "lower"\n', "2: error C001: client class 'lower' is not a class"),
        ("[packages]\nsdk = \n", "2: error C001: not valid TOML"),
    ],
)
def test_each_problem_is_reported_at_its_line(tmp_path, text, expected):
    _, diags = _load(tmp_path, text)
    assert any(d.startswith(f"{CONFIG_NAME}:{expected}") for d in diags), diags


def test_bytes_that_are_not_utf8(tmp_path):
    (tmp_path / CONFIG_NAME).write_bytes(b"\xff\xfe")
    diags = Diagnostics()
    assert load_config(tmp_path, diags) == Config()
    assert [d.code for d in diags.items] == ["C001"]
