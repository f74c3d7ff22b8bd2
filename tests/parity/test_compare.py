"""The parity comparison on tiny fake SDKs (`fakes.py`): equal packages give full figures, and each
kind of difference lowers the figure it should and is named in the mismatches."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from . import surface
from .compare import FIGURES, Report, compare
from .fakes import ALL_RESOURCES, BASE, edited, write
from .loading import ClassIndex, imported
from .measure import CLIENT_KWARGS, measure_packages

FIELD_FIGURES = ("fields_found", "fields_equal", "aliases_equal", "requiredness_equal")


def run(
    tmp_path: Path,
    changes: list[tuple[str, str, str]] | None = None,
    resources: set[tuple[str, ...]] | None = None,
) -> Report:
    """BASE as the official SDK against BASE with `changes` as the generated one."""
    write(tmp_path / "o", "off_sdk", BASE)
    gen = write(tmp_path / "g", "gen_sdk", edited(changes or []))
    with imported(tmp_path / "o", "off_sdk") as off, imported(tmp_path / "g", "gen_sdk") as ours:
        return compare(
            off.Client(**CLIENT_KWARGS),
            "off_sdk",
            ours.Client(**CLIENT_KWARGS),
            ClassIndex(gen, "gen_sdk"),
            ALL_RESOURCES if resources is None else resources,
        )


def short(report: Report) -> dict[str, tuple[int, int]]:
    return {k: (c, t) for k, (c, t) in report.figures.items()}


def test_equal_packages_give_every_figure_in_full(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert report.mismatches == report.module_mismatches == []
    figures = short(report)
    # 5 API methods (the client's health, things.{create,list,retrieve}, things.parts.run): not
    # copy (no request options), _helper (private), with_raw_response.health (plumbing).
    assert figures["methods_found"] == (5, 5)
    # Health, Thing, Owner (a field of Thing), Part, SpecParam (a TypedDict parameter), Rule (in
    # SpecParam); the generic Page is a container, not a model.
    assert figures["models_found"] == (6, 6)
    assert figures["fields_found"] == (13, 13)
    assert all(count == total for count, total in figures.values())
    assert set(figures) == set(FIGURES)


def test_api_methods_are_public_functions_taking_request_options(tmp_path: Path) -> None:
    with imported(tmp_path, write(tmp_path, "walk_sdk", BASE).name) as package:
        methods = surface.api_methods(package.Client(**CLIENT_KWARGS))
    # not `copy` (no request options), `_helper` (private), `with_raw_response.health` (plumbing)
    assert [m.dotted for m in methods] == [
        "health",
        "things.create",
        "things.list",
        "things.parts.run",
        "things.retrieve",
    ]
    run_ = methods[3]
    assert run_.resource == ("things", "parts")
    assert run_.positional == (surface.Param("part_id", True),)
    assert run_.keywords == (surface.Param("thing_id", True),)
    assert methods[2].keywords == (surface.Param("limit", False), surface.Param("order", False))
    assert methods[2].returns == "Page[Thing]"


def test_resources_outside_the_scope_are_not_compared(tmp_path: Path) -> None:
    report = run(tmp_path, [("resources/parts.py", "def run(", "def walk(")], {("things",)})
    assert short(report)["methods_found"] == (3, 3)
    assert short(report)["models_found"] == (5, 5)  # Health is reached only from the client
    assert report.mismatches == []


def test_documented_resources_the_official_client_lacks(tmp_path: Path) -> None:
    report = run(tmp_path, resources={("things",), ("gadgets",), ("things", "gizmos")})
    assert short(report)["resources_found"] == (1, 3)
    assert report.mismatches == [
        "resource gadgets: not in the official client",
        "resource things.gizmos: not in the official client",
    ]


def test_a_documented_resource_that_is_an_official_method(tmp_path: Path) -> None:
    # the docs made a `health` resource with `check()` of the client's own `health()`
    client_level = "    def health(self, *, extra_headers: dict | None = None) -> Health: ..."
    as_resource = (
        "    @functools.cached_property\n"
        "    def health(self) -> HealthResource:\n"
        "        return HealthResource()\n\n\n"
        "class HealthResource:\n"
        "    def check(self, *, extra_headers: dict | None = None) -> Health: ..."
    )
    report = run(tmp_path, [("_client.py", client_level, as_resource)], {("health",)})
    figures = short(report)
    assert figures["resources_found"] == (1, 1)
    assert figures["methods_found"] == (0, 1)
    assert figures["methods_known"] == (0, 1)
    assert figures["models_found"] == (1, 1)
    assert report.mismatches == [
        "method health: missing",
        "method health.check: not in the official client",
    ]


def test_missing_and_extra_methods(tmp_path: Path) -> None:
    report = run(tmp_path, [("resources/parts.py", "def run(", "def execute(")])
    figures = short(report)
    assert figures["methods_found"] == (4, 5)
    assert figures["signatures_equal"] == (4, 5)
    assert figures["methods_known"] == (4, 5)
    assert "method things.parts.run: missing" in report.mismatches
    assert "method things.parts.execute: not in the official client" in report.mismatches


def test_a_method_not_reached_at_the_same_path_is_missing(tmp_path: Path) -> None:
    # the generated client has no `parts` sub-resource, but a `parts` resource on the client
    report = run(
        tmp_path,
        [
            ("resources/things.py", "def parts(", "def pieces("),
            (
                "_client.py",
                "    def health(self, *, extra_headers: dict | None = None) -> Health: ...",
                "    def health(self, *, extra_headers: dict | None = None) -> Health: ...\n\n"
                "    @functools.cached_property\n"
                "    def parts(self) -> object:\n"
                "        from .resources.parts import Parts\n\n"
                "        return Parts()",
            ),
        ],
    )
    assert "method things.parts.run: missing" in report.mismatches


def test_positional_parameters_keyword_names_and_requiredness(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        [
            (
                "resources/parts.py",
                "part_id: str, *, thing_id: str",
                "thing_id: str, *, part_id: str",
            ),
            ("resources/things.py", "limit: Optional[int] = None", "limit: int"),
            ("resources/things.py", "order: str", "sort: str"),
        ],
    )
    figures = short(report)
    assert figures["signatures_equal"] == (3, 5)
    assert figures["returns_equal"] == (5, 5)
    mismatches = "\n".join(report.mismatches)
    assert "method things.parts.run: positional (part_id) != (thing_id)" in mismatches
    assert "method things.parts.run: keywords missing ['thing_id']" in mismatches
    assert "method things.parts.run: keywords not official ['part_id']" in mismatches
    assert "method things.list: requiredness of limit (official optional)" in mismatches
    assert "method things.list: keywords missing ['order']" in mismatches


def test_request_options_are_not_parameters(tmp_path: Path) -> None:
    # the generated side adds `max_retries` and drops `timeout`: both are request options
    report = run(
        tmp_path,
        [("resources/things.py", "timeout: float | None = None", "max_retries: int = 2")],
    )
    assert report.mismatches == []


def test_return_types_compare_model_names(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        [
            ("resources/things.py", ") -> Page[Thing]: ...", ") -> list[Thing]: ..."),
            ("resources/parts.py", ") -> Part: ...", ") -> Part | None: ..."),
        ],
    )
    assert short(report)["returns_equal"] == (3, 5)
    assert "method things.list: returns Page[Thing] != list[Thing]" in report.mismatches
    assert "method things.parts.run: returns Part != None | Part" in report.mismatches


def test_missing_model_counts_its_fields_as_missing(tmp_path: Path) -> None:
    report = run(tmp_path, [("types/thing.py", "class Owner(", "class Person(")])
    figures = short(report)
    assert figures["models_found"] == (5, 6)
    for figure in FIELD_FIGURES:
        assert figures[figure] == (11, 13), figure
    assert "model types.thing.Owner: missing" in report.mismatches


def test_model_in_another_module_is_found_and_reported(tmp_path: Path) -> None:
    part = BASE["types/things/part.py"]
    report = run(
        tmp_path,
        [
            ("types/things/part.py", part, "from ..part import Part as Part\n"),
            ("types/part.py", "", part),
        ],
    )
    figures = short(report)
    assert figures["models_found"] == (6, 6)
    assert figures["models_same_module"] == (5, 6)
    assert figures["fields_equal"] == (13, 13)
    assert report.mismatches == []
    assert report.module_mismatches == ["model types.things.part.Part: generated in types.part"]


def test_a_model_module_that_fails_to_import_is_reported(tmp_path: Path) -> None:
    broken = "from __future__ import annotations\n\nraise RuntimeError('broken')\n\n\nclass Health:\n    pass\n"
    changes = [
        ("types/health.py", BASE["types/health.py"], broken),
        # the client no longer imports it: `-> Health` stays a name, still rendered `Health`
        ("_client.py", "from .types.health import Health\n", ""),
    ]
    report = run(tmp_path, changes, {()})
    assert short(report)["models_found"] == (0, 1)
    assert short(report)["returns_equal"] == (1, 1)
    assert report.mismatches == [
        "model types.health.Health: generated module types.health fails to import "
        "(RuntimeError: broken)",
        "model types.health.Health: missing",
    ]


def test_a_name_that_is_no_model_is_not_found(tmp_path: Path) -> None:
    # a class of that name that is not a model (here, an enum-like plain class) does not count
    report = run(tmp_path, [("types/health.py", "class Health(BaseModel):", "class Health:")])
    assert short(report)["models_found"] == (5, 6)
    assert "model types.health.Health: missing" in report.mismatches


def test_field_names_aliases_requiredness_nullability(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        [
            ("types/thing.py", 'alias="metadata_"', 'alias="metadata"'),
            ("types/thing.py", "    owner: Owner\n", "    owner: Owner | None = None\n"),
            (
                "types/thing.py",
                "    email: Optional[str] = None",
                "    mail: str | None = Field(None, alias='email')",
            ),
            ("types/things/part.py", "size: int | None", "size: int"),
            (
                "types/thing.py",
                "parts: list[Part] = []",
                "parts: list[Part] = []\n    extra: int = 0",
            ),
        ],
    )
    figures = short(report)
    assert figures["fields_found"] == (12, 13)
    assert figures["aliases_equal"] == (11, 13)
    # each figure counts the missing `email` as unequal too
    assert figures["requiredness_equal"] == (11, 13)  # owner
    assert figures["nullability_equal"] == (10, 13)  # owner, size
    assert figures["fields_equal"] == (9, 13)
    assert figures["fields_known"] == (12, 14)  # `mail` and `extra` are not official
    mismatches = set(report.mismatches)
    assert {
        "model types.thing.Thing.meta: wire name 'metadata_' != 'metadata'",
        "model types.thing.Thing.owner: official required, generated optional",
        "model types.thing.Thing.owner: official not nullable, generated the opposite",
        "model types.thing.Owner.email: field missing (the generated field 'mail' has its wire name)",
        "model types.thing.Owner.mail: field not in the official model",
        "model types.things.part.Part.size: official nullable, generated the opposite",
        "model types.thing.Thing.extra: field not in the official model",
    } == mismatches, "\n".join(report.mismatches)


def test_typed_dict_fields_under_postponed_annotations(tmp_path: Path) -> None:
    # the generated side writes the input type as a pydantic model: compared field by field
    report = run(
        tmp_path,
        [
            (
                "types/spec_param.py",
                'spec_name: Required[Annotated[str, Alias("specName")]]',
                "spec_name: Annotated[str, Alias('spec_name')]",
            )
        ],
    )
    assert set(report.mismatches) == {
        "model types.spec_param.SpecParam.spec_name: wire name 'specName' != 'spec_name'",
        "model types.spec_param.SpecParam.spec_name: official required, generated optional",
    }


def test_a_pydantic_model_can_stand_for_a_typed_dict(tmp_path: Path) -> None:
    spec = (
        "from __future__ import annotations\n\nfrom pydantic import BaseModel, Field\n\n\n"
        "class Rule(BaseModel):\n    pattern: str\n\n\n"
        "class SpecParam(BaseModel):\n"
        "    spec_name: str = Field(alias='specName')\n"
        "    rules: list[Rule] | None = None\n"
    )
    report = run(tmp_path, [("types/spec_param.py", BASE["types/spec_param.py"], spec)])
    assert report.mismatches == []


def test_sdk_modules_are_set_aside_and_restored(tmp_path: Path) -> None:
    write(tmp_path / "a", "same_name_sdk", {"__init__.py": "WHO = 'a'\n"})
    write(tmp_path / "b", "same_name_sdk", {"__init__.py": "WHO = 'b'\n", "sub.py": ""})
    with imported(tmp_path / "a", "same_name_sdk") as first:
        assert first.WHO == "a"
        with imported(tmp_path / "b", "same_name_sdk") as second:
            assert second.WHO == "b"
            __import__("same_name_sdk.sub")
        assert sys.modules["same_name_sdk"] is first
        assert "same_name_sdk.sub" not in sys.modules
    assert "same_name_sdk" not in sys.modules
    assert str(tmp_path / "a") not in sys.path


def test_a_folder_without_the_package_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no package"):
        with imported(tmp_path, "absent_sdk"):
            pass


def test_measure_packages_imports_the_oracle_by_name(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "o", "oracle_sdk", BASE)
    gen = write(tmp_path / "g", "gen_sdk", edited([("resources/parts.py", "def run(", "def go(")]))
    monkeypatch.syspath_prepend(str(tmp_path / "o"))
    report = measure_packages(gen, ALL_RESOURCES, "oracle_sdk", "Client")
    assert report.figures["methods_found"] == [4, 5]
    assert "method things.parts.run: missing" in report.mismatches
    rendered = report.render(limit=1)
    assert "methods_found" in rendered and "  4 / 5 " in rendered
    assert "mismatches: 2 (first 1)" in rendered
    assert "models in another module: 0 (first 0)" in rendered
