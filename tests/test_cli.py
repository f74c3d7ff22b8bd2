"""The `specgen` command as users (and CI) run it: exit codes, messages, the output tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import ROOT, SAMPLE_SPEC

from generator.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "spec"
    shutil.copytree(SAMPLE_SPEC, dest)
    return dest


@pytest.fixture
def generated(tmp_path: Path, spec_copy: Path) -> Path:
    out = tmp_path / "out"
    code, stdout, _ = run("generate", "--spec", str(spec_copy), "--out", str(out))
    assert code == 0
    assert stdout.startswith("specgen: 10 operations, 104 types, ")
    return out


def test_committed_output_is_what_generate_writes():
    """The golden snapshot: `output/` is up to date with `spec/` (update: `specgen generate`)."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_generate_writes_the_documented_layout(generated: Path):
    assert (generated / "openapi.yaml").is_file()
    assert (generated / "letta_sdk" / "types" / "tool.py").is_file()
    assert (generated / "letta_server" / "app.py").is_file()
    assert (generated / "api.md").is_file()
    manifest = (generated / ".specgen-manifest").read_text().splitlines()
    assert manifest == sorted(manifest) and "openapi.yaml" in manifest


def test_check_is_clean_right_after_generate(generated: Path, spec_copy: Path):
    code, stdout, _ = run("check", "--spec", str(spec_copy), "--out", str(generated))
    assert code == 0
    assert stdout == "specgen check: output is up to date\n"


def test_check_reports_drift_with_a_unified_diff(generated: Path, spec_copy: Path):
    target = generated / "letta_sdk" / "types" / "tool.py"
    target.write_text(target.read_text().replace("class Tool(", "class Tool2("))
    (generated / "api.md").unlink()
    code, stdout, stderr = run("check", "--spec", str(spec_copy), "--out", str(generated))
    assert code == 1
    assert "--- a/letta_sdk/types/tool.py\n+++ b/letta_sdk/types/tool.py\n" in stdout
    assert "-class Tool2(BaseModel):\n+class Tool(BaseModel):\n" in stdout
    assert "specgen check: 1 file(s) missing, 1 changed, 0 no longer generated" in stderr


def test_bad_docs_exit_2_with_file_and_line_and_leave_output_alone(
    generated: Path, spec_copy: Path
):
    before = {p: p.read_bytes() for p in generated.rglob("*") if p.is_file()}
    doc = spec_copy / "tools.http.md"
    doc.write_text(
        doc.read_text().replace(
            "`NpmRequirement object { name, version }`", "`NpmRequirement object { name, 4 more }`"
        )
    )
    for command in ("generate", "check"):
        code, stdout, stderr = run(command, "--spec", str(spec_copy), "--out", str(generated))
        assert code == 2
        assert "tools.http.md:1392: error D003: summary of NpmRequirement says 5 fields" in stderr
        assert "Traceback" not in stdout + stderr
    assert {p: p.read_bytes() for p in generated.rglob("*") if p.is_file()} == before


def test_generate_keeps_foreign_files_unless_clean(generated: Path, spec_copy: Path):
    (generated / "NOTES.txt").write_text("mine")
    assert run("generate", "--spec", str(spec_copy), "--out", str(generated))[0] == 0
    assert (generated / "NOTES.txt").read_text() == "mine"
    assert run("generate", "--spec", str(spec_copy), "--out", str(generated), "--clean")[0] == 0
    assert not (generated / "NOTES.txt").exists()


def _tree(root: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def test_generate_leaves_no_staging_folder_behind(generated: Path):
    """The formatter writes the Python files straight into the staging folder that becomes
    the output: after a run, nothing but the output is beside it."""
    assert sorted(p.name for p in generated.parent.iterdir()) == ["out", "spec"]


@pytest.mark.parametrize("failure", ["template", "formatter"])
def test_a_failure_while_writing_leaves_everything_as_it_was(
    generated: Path, spec_copy: Path, monkeypatch: pytest.MonkeyPatch, failure: str
):
    """Exit 2, one line, and the output (and its folder) as before, whether the failure comes
    before anything is staged or after ruff has formatted files in the staging folder."""
    (generated / "NOTES.txt").write_text("mine")
    before = _tree(generated.parent)
    if failure == "template":
        from generator.writers import models

        def broken(*args: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(models, "render_models", broken)
    else:
        from generator.writers import format as fmt

        monkeypatch.setattr(fmt, "RUFF_ARGS", [*fmt.RUFF_ARGS, "--no-such-option"])
    code, stdout, stderr = run("generate", "--spec", str(spec_copy), "--out", str(generated))
    assert code == 2
    assert "internal error" in stderr and "nothing written" in stderr
    assert "Traceback" not in stdout + stderr
    assert _tree(generated.parent) == before


def test_a_failed_generate_leaves_no_folders_it_made(
    tmp_path: Path, spec_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    from generator.writers import format as fmt

    monkeypatch.setattr(fmt, "RUFF_ARGS", [*fmt.RUFF_ARGS, "--no-such-option"])
    out = tmp_path / "new" / "deeper" / "out"
    code, _, stderr = run("generate", "--spec", str(spec_copy), "--out", str(out))
    assert code == 2 and "nothing written" in stderr
    assert not (tmp_path / "new").exists()


def test_the_users_ignore_files_do_not_make_ruff_skip_generated_files(
    tmp_path: Path, spec_copy: Path
):
    """The staging folder is in the user's tree: its `.ignore`/`.gitignore` rules must not
    leave generated modules unformatted (generate and check would then disagree)."""
    plain = tmp_path / "plain"  # no ignore files above it
    assert run("generate", "--spec", str(spec_copy), "--out", str(plain))[0] == 0
    project = tmp_path / "project"
    project.mkdir()
    # A rule for the files ruff finds in the folders it is given (not for those folders).
    (project / ".ignore").write_text("*.py\n")
    (project / ".gitignore").write_text("resources/\nletta_server/\n")
    out = project / "out"
    assert run("generate", "--spec", str(spec_copy), "--out", str(out))[0] == 0
    assert run("check", "--full", "--spec", str(spec_copy), "--out", str(out))[0] == 0
    got, want = _tree(out), _tree(plain)
    assert {"letta_sdk/types/tool.py", "letta_sdk/resources/tools.py"} <= set(want)
    assert [rel for rel in want if got.get(rel) != want[rel]] == []
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize("spec", ["good", "missing"])
def test_the_cyclic_gc_is_paused_for_a_command_and_back_on_after(
    spec_copy: Path, spec: str, monkeypatch: pytest.MonkeyPatch
):
    import gc

    from generator import pipeline

    seen = []
    real_load = pipeline.load

    def load(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load", load)
    folder = spec_copy if spec == "good" else spec_copy / "missing"
    code = run("inspect", "--spec", str(folder))[0]
    assert code == (0 if spec == "good" else 2)
    assert seen == ([False] if spec == "good" else [])
    assert gc.isenabled()


def test_package_names_from_flags_override_the_config(tmp_path: Path, spec_copy: Path):
    out = tmp_path / "renamed"
    code, _, _ = run(
        "generate",
        "--spec",
        str(spec_copy),
        "--out",
        str(out),
        "--sdk-package",
        "acme_sdk",
        "--server-package",
        "acme_server",
    )
    assert code == 0
    assert (out / "acme_sdk" / "_client.py").is_file() and (
        out / "acme_server" / "app.py"
    ).is_file()
    assert not (out / "letta_sdk").exists()
    assert "from acme_sdk" in (out / "acme_server" / "handlers.py").read_text()


def test_bad_package_name_is_bad_input(tmp_path: Path, spec_copy: Path):
    code, _, stderr = run(
        "generate", "--spec", str(spec_copy), "--out", str(tmp_path / "o"), "--sdk-package", "class"
    )
    assert code == 2
    assert "error C001: sdk package 'class' is not a Python package name" in stderr


def test_a_config_value_of_the_wrong_type_is_bad_input_not_a_traceback(
    tmp_path: Path, spec_copy: Path
):
    (spec_copy / "specgen.toml").write_text('[packages]\nsdk = "a"\n[client]\nclass_name = 5\n')
    code, _, stderr = run("generate", "--spec", str(spec_copy), "--out", str(tmp_path / "o"))
    assert code == 2 and "Traceback" not in stderr
    assert "specgen.toml:4: error C001: client.class_name must be text, not 5" in stderr
    assert not (tmp_path / "o").exists()


def test_missing_spec_folder_is_bad_input(tmp_path: Path):
    code, _, stderr = run("inspect", "--spec", str(tmp_path / "nope"))
    assert code == 2 and "spec folder does not exist" in stderr


def test_inspect_json_lists_operations_and_types(spec_copy: Path):
    import json

    code, stdout, _ = run("inspect", "--spec", str(spec_copy), "--json")
    assert code == 0
    data = json.loads(stdout)
    assert len(data["operations"]) == 10
    op = data["operations"][0]
    assert set(op) >= {"method", "path", "sdk_method", "params", "response"}
    assert set(op["params"][0]) >= {"name", "in", "required", "type"}
    tool = next(t for t in data["types"] if t["name"] == "Tool")
    assert tool["kind"] == "object"
    assert set(tool["fields"][0]) >= {"name", "wire_name", "required", "nullable", "type"}


def test_spec_is_read_recursively_and_mirror_copies_once(tmp_path: Path, spec_copy: Path):
    mirror = spec_copy / "mirror" / "deeper"
    mirror.mkdir(parents=True)
    shutil.copy(spec_copy / "tools.http.md", mirror / "index.md")
    code, stdout, _ = run("inspect", "--spec", str(spec_copy))
    assert code == 0
    assert stdout.startswith("10 operations, 104 types\n")


def test_check_fast_path_is_exact_about_what_it_knows(generated: Path, spec_copy: Path):
    from generator import freshness

    key = freshness.fingerprint(spec_copy, (None, None))
    assert freshness.up_to_date(generated, key)
    assert not freshness.up_to_date(generated, freshness.fingerprint(spec_copy, ("other", None)))
    (generated / "api.md").write_text("edited")
    assert not freshness.up_to_date(generated, key)  # a changed file: full check (drift)
    assert run("check", "--spec", str(spec_copy), "--out", str(generated))[0] == 1


def test_a_changed_spec_bypasses_the_cache(generated: Path, spec_copy: Path):
    doc = spec_copy / "tools.http.md"
    doc.write_text(doc.read_text().replace("Delete a tool by name", "Delete a tool, by name"))
    code, stdout, _ = run("check", "--spec", str(spec_copy), "--out", str(generated))
    assert code == 1
    assert "+Delete a tool, by name" in stdout or "Delete a tool, by name" in stdout


def test_a_broken_cache_only_costs_time(generated: Path, spec_copy: Path):
    (generated / ".specgen-cache").write_text("{not json")
    assert run("check", "--spec", str(spec_copy), "--out", str(generated))[:2] == (
        0,
        "specgen check: output is up to date\n",
    )
