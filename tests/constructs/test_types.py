"""Type-level constructs of the whole reference (`../shared/constructs/`, issue "Read the whole
Letta reference" items 1, 3 and 4): union responses, scoped names, one type per shape."""

from __future__ import annotations

from constructs.support import clean, load_construct, operation
from generator import ir


def _types(api: ir.Api) -> dict[str, ir.TypeDef]:
    return {t.name: t for t in api.types}


def _fields(t: ir.TypeDef) -> dict[str, tuple[bool, ir.TypeRef]]:
    assert isinstance(t, ir.ObjectType), t
    return {f.wire_name: (f.required, f.type) for f in t.fields}


def test_c01_sibling_variant_bullets_are_a_union_named_by_the_python_flavor() -> None:
    api = clean("c01-union-return-siblings")
    op = operation(api, "get", "/v1/shapes/")
    assert op.response == ir.ListOf(ir.Ref("Shape"))
    shape = _types(api)["Shape"]
    assert isinstance(shape, ir.UnionType)
    assert shape.members == (ir.Ref("Circle"), ir.Ref("Square"))
    assert shape.discriminator is not None and shape.discriminator.property == "kind"
    assert dict(shape.discriminator.mapping) == {"circle": "Circle", "square": "Square"}
    assert sorted(_types(api)) == ["Circle", "Shape", "Square"]  # no made-up twin left over
    # every type keeps the scope of the resource whose pages declare it, tagged variants too
    assert {t.scope for t in api.types} == {("shapes",)}


def test_c01b_one_named_union_not_an_object_and_a_conflict() -> None:
    api = clean("c01b-union-return-named")
    op = operation(api, "get", "/v1/pens/{pen_id}")
    assert op.response == ir.Ref("PenRetrieveResponse")
    union = _types(api)["PenRetrieveResponse"]
    assert isinstance(union, ir.UnionType)
    assert union.members == (ir.Ref("InkPen"), ir.Ref("GelPen"))
    assert sorted(_types(api)) == ["GelPen", "InkPen", "PenRetrieveResponse"]


def test_c03_a_nested_class_named_like_another_shape_is_its_own_type() -> None:
    loaded = load_construct("c03-python-nested-class-name-collision")
    assert not loaded.diags.has_errors, loaded.diags.render()
    types = _types(loaded.api)
    # `Cue` of the board and the sheet's `cues` items have other fields: two types
    assert set(_fields(types["Cue"])) == {"cue_label", "args"}
    assert set(_fields(types["SheetCues"])) == {"id", "step"}
    assert _fields(types["Sheet"])["cues"][1] == ir.ListOf(ir.Ref("SheetCues"))
    notes = [d for d in loaded.diags.items if d.code == "M013"]
    assert len(notes) == 1 and "SheetCues" in notes[0].message


def test_c03b_a_nested_union_and_an_object_of_one_name_are_two_types() -> None:
    api = clean_or_notes("c03b-python-nested-union-vs-object")
    types = _types(api)
    assert isinstance(types["Origin"], ir.ObjectType)
    assert isinstance(types["CoverOrigin"], ir.UnionType)
    assert _fields(types["Cover"])["origin"][1] == ir.Ref("CoverOrigin")


def test_c04_the_same_name_in_two_resources_is_two_types_each_in_its_scope() -> None:
    api = clean_or_notes("c04-same-name-across-resources")
    types = _types(api)
    items = operation(api, "get", "/v1/items/search").response
    shelves = operation(api, "get", "/v1/shelves/{shelf_id}/items/search").response
    assert isinstance(items, ir.Ref) and isinstance(shelves, ir.Ref) and items != shelves
    mine, theirs = types[items.name], types[shelves.name]
    assert isinstance(mine, ir.AliasType) and isinstance(theirs, ir.ObjectType)
    assert (mine.local_name or mine.name) == (theirs.local_name or theirs.name)
    assert mine.scope != theirs.scope


def test_c04b_request_bodies_of_two_operations_are_never_one_type() -> None:
    api = clean_or_notes("c04b-same-params-type-two-operations")
    kites = operation(api, "post", "/v1/kites/").body
    fleets = operation(api, "post", "/v1/fleets/{fleet_id}/kites").body
    assert kites is not None and fleets is not None and kites != fleets
    types = _types(api)
    assert set(_fields(types[kites.name])) == {"color", "tail_length"}
    assert set(_fields(types[fleets.name])) == {"pattern_name", "color"}


def clean_or_notes(name: str) -> ir.Api:
    """The IR of a reproducer that reads with nothing worse than notes and warnings."""
    loaded = load_construct(name)
    assert not loaded.diags.has_errors, loaded.diags.render()
    return loaded.api


def test_clean_accepts_only_notes() -> None:
    """The helper the stricter tests use refuses a reproducer with warnings (it can fail)."""
    loaded = load_construct("c02-array-or-precedence", "spec-silent")
    assert loaded.diags.items  # this one warns today
    try:
        clean("c02-array-or-precedence", "spec-silent")
    except AssertionError:
        return
    raise AssertionError("clean() accepted a reproducer with warnings")


def test_c02_array_of_binds_the_rest_of_the_chain_and_bullets_decide() -> None:
    api = clean_or_notes("c02-array-or-precedence")
    types = _types(api)
    body = _fields(types["NoteCreateParams"])["body_text"][1]
    assert isinstance(body, ir.UnionOf)
    assert body.members[0] == ir.Primitive("string")
    parts = body.members[1]
    assert isinstance(parts, ir.ListOf) and isinstance(parts.item, ir.UnionOf)
    assert parts.item.members == (ir.Ref("PlainPart"), ir.Ref("BoldPart"), ir.Ref("LinkPart"))
    # the footer's bullet-less repeat is read as its documented copy says, not re-parsed
    footer = _fields(types["Note"])["footer"][1]
    assert isinstance(footer, ir.UnionOf) and footer.members[1] == ir.Primitive("string")
    items = footer.members[0]
    assert isinstance(items, ir.ListOf) and isinstance(items.item, ir.UnionOf)
    assert items.item.members == (ir.Ref("PlainPart"), ir.Ref("BoldPart"))
    loaded = load_construct("c02-array-or-precedence")
    assert not [d for d in loaded.diags.items if d.code in {"M002", "M012", "D003"}]


def test_c16_an_alias_of_an_array_of_an_anonymous_object_names_its_item() -> None:
    api = clean("c16-array-alias-of-anonymous-object")
    alias = _types(api)["SongSearchResponse"]
    assert isinstance(alias, ir.AliasType)
    assert alias.target == ir.ListOf(ir.Ref("SongSearchResponseItem"))
    assert set(_fields(_types(api)["SongSearchResponseItem"])) == {"title", "score"}


def test_c05_inline_objects_take_the_python_names_and_xparam_is_the_input_twin() -> None:
    api = clean("c05-inline-type-named-only-in-python")
    types = _types(api)
    assert sorted(types) == ["Bulb", "Dimmer", "LampCreateParams", "LampCreateResponse"]
    params, response = _fields(types["LampCreateParams"]), _fields(types["LampCreateResponse"])
    assert params["bulb"][1] == ir.Ref("Bulb")  # `BulbParam`: the SDK's input twin of Bulb
    assert params["dimmer"][1] == ir.Ref("Dimmer") == response["dimmer"][1]


def test_c06_unnamed_object_variants_are_distinct_types_discriminated_on_their_tag() -> None:
    api = clean_or_notes("c06-anonymous-object-variants-merged")
    types = _types(api)
    trigger = _fields(types["AlarmCreateParams"])["trigger"][1]
    assert isinstance(trigger, ir.UnionOf)
    first, second = (m.name for m in trigger.members if isinstance(m, ir.Ref))
    assert (first, second) == (
        "AlarmCreateParamsTriggerUnionMember0",
        "AlarmCreateParamsTriggerUnionMember1",
    )
    assert set(_fields(types[first])) == {"at", "kind"}
    assert set(_fields(types[second])) == {"cron", "kind"}
    assert _fields(types[second])["cron"][0] and not _fields(types[first])["kind"][0]
    assert trigger.discriminator is not None and trigger.discriminator.property == "kind"
    assert dict(trigger.discriminator.mapping) == {"once": first, "repeat": second}


def test_c07_a_variant_titled_otherwise_by_each_flavor_is_one_type_of_the_python_name() -> None:
    api = clean("c07-union-variant-named-differently")
    union = _types(api)["FeedEvent"]
    assert isinstance(union, ir.UnionType)
    assert union.members == (ir.Ref("PostEvent"), ir.Ref("FeedHeartbeat"))
    assert sorted(_types(api)) == ["FeedEvent", "FeedHeartbeat", "PostEvent"]


def test_c13_the_python_response_class_is_the_name_no_synthetic_twin() -> None:
    api = clean("c13-response-class-name-vs-synthetic")
    op = operation(api, "post", "/v1/shelves/{shelf_id}/labels")
    assert op.response == ir.Ref("LabelCreateResponse")
    assert sorted(_types(api)) == ["LabelCreateParams", "LabelCreateResponse", "Printed"]
    assert _fields(_types(api)["LabelCreateResponse"])["printed"][1] == ir.Ref("Printed")
