"""Build-stage behaviour on small inline documents: merging flavors, naming, checks."""

from __future__ import annotations

from textwrap import dedent

from generator import ir
from generator.diagnostics import Diagnostics
from generator.readers import read_document
from generator.resolve import build_api


def build(*docs: tuple[str, str]) -> tuple[ir.Api, Diagnostics]:
    diags = Diagnostics()
    facts = [read_document(name, dedent(text).lstrip(), diags) for name, text in docs]
    return build_api([f for f in facts if f is not None], diags), diags


def codes(diags: Diagnostics) -> list[tuple[str, str]]:
    return [(str(d.span), d.code) for d in diags.items]


def obj(api: ir.Api, name: str) -> ir.ObjectType:
    t = api.type_named(name)
    assert isinstance(t, ir.ObjectType)
    return t


HTTP_THING = (
    "things.http.md",
    """
    # Things

    ## Domain Types

    ### Thing

    - `Thing object { id, count, metadata_ }`

      A thing.

      - `id: string`

      - `count: optional number`

        How many.

      - `metadata_: optional map[unknown]`
    """,
)

PY_THING = (
    "things.python.md",
    """
    ## Get Thing

    `things.retrieve(strthing_id) -> Thing`

    **get** `/v1/things/{thing_id}`

    ### Parameters

    - `thing_id: str`

    ### Returns

    - `class Thing: …`

      - `id: str`

      - `count: Optional[int]`

      - `metadata: Optional[Dict[str, object]]`
    """,
)


def test_http_gives_wire_names_and_python_gives_sdk_names_and_sharper_types():
    api, diags = build(HTTP_THING, PY_THING)
    assert not diags.has_errors, diags.render()
    fields = {f.name: f for f in obj(api, "Thing").fields}
    assert list(fields) == ["id", "count", "metadata"]
    assert fields["metadata"].wire_name == "metadata_"
    assert fields["count"].type == ir.Primitive("integer")
    assert fields["count"].description == "How many."
    assert fields["id"].required and not fields["count"].required


def test_operation_from_python_flavor_has_sdk_path_and_positional_param():
    api, _ = build(HTTP_THING, PY_THING)
    (op,) = api.operations
    assert (op.method, op.path, op.resource, op.sdk_name) == (
        "get",
        "/v1/things/{thing_id}",
        ("things",),
        "retrieve",
    )
    assert op.positional == ("thing_id",)
    assert [(p.name, p.location, p.required) for p in op.params] == [("thing_id", "path", True)]
    assert op.response == ir.Ref("Thing")


def test_conflicting_field_types_are_reported_with_both_places():
    conflicting = (PY_THING[0], PY_THING[1].replace("`id: str`", "`id: int`"))
    _, diags = build(HTTP_THING, conflicting)
    msgs = [d.format() for d in diags.items if d.code == "M002"]
    assert len(msgs) == 1
    assert msgs[0].startswith("things.python.md:15: warning M002: Thing.id has another type here")
    assert "than at things.http.md:11" in msgs[0]


def test_summary_count_that_disagrees_is_an_error():
    broken = (
        HTTP_THING[0],
        HTTP_THING[1].replace("{ id, count, metadata_ }", "{ id, count, 2 more }"),
    )
    _, diags = build(broken)
    assert ("things.http.md:7", "D003") in codes(diags)
    assert diags.has_errors


def test_reference_to_an_undocumented_type_is_an_error():
    broken = (
        HTTP_THING[0],
        HTTP_THING[1].replace("`count: optional number`", "`count: optional Counter`"),
    )
    _, diags = build(broken)
    assert ("things.http.md:13", "M001") in codes(diags)


def test_discriminator_found_when_every_variant_has_a_distinct_literal_tag():
    doc = (
        "shapes.python.md",
        """
        ## Get Shape

        `shapes.retrieve(strshape_id) -> Holder`

        **get** `/v1/shapes/{shape_id}`

        ### Returns

        - `class Holder: …`

          - `shape: Shape`

            - `class Circle: …`

              - `radius: float`

              - `type: Optional[Literal["circle"]]`

                - `"circle"`

            - `class Square: …`

              - `side: float`

              - `type: Optional[Literal["square"]]`

                - `"square"`
        """,
    )
    api, diags = build(doc)
    assert not diags.has_errors, diags.render()
    shape = api.type_named("Shape")
    assert isinstance(shape, ir.UnionType)
    assert shape.members == (ir.Ref("Circle"), ir.Ref("Square"))
    assert shape.discriminator == ir.Discriminator(
        "type", (("circle", "Circle"), ("square", "Square"))
    )


def test_inline_variants_named_locally_get_owner_and_field_prefix():
    doc = (
        "img.http.md",
        """
        # Images

        ## Domain Types

        ### Image

        - `Image object { source }`

          - `source: object { url }  or object { data }`

            - `URL object { url }`

              - `url: string`

            - `Base64 object { data }`

              - `data: string`
        """,
    )
    api, diags = build(doc)
    assert not diags.has_errors, diags.render()
    (source,) = obj(api, "Image").fields
    assert source.type == ir.UnionOf((ir.Ref("ImageSourceURL"), ir.Ref("ImageSourceBase64")))
    assert [f.name for f in obj(api, "ImageSourceURL").fields] == ["url"]


def test_response_by_naming_convention_and_undocumented_path_param():
    doc = (
        "widgets.web.txt",
        """
        Widgets

        List Widgets For Box
        GET/v1/boxes/{box_id}/widgets
        ModelsExpand Collapse
        WidgetListResponse = array of string
        """,
    )
    api, diags = build(doc)
    (op,) = api.operations
    assert (op.resource, op.sdk_name) == (("boxes", "widgets"), "list")
    assert op.response == ir.Ref("WidgetListResponse")
    assert [(p.name, p.location, p.required) for p in op.params] == [("box_id", "path", True)]
    assert {d.code for d in diags.items} >= {"M007", "M008"}


def test_flat_web_listing_adds_constraints_to_the_nested_field_it_describes():
    web = (
        "things.web.txt",
        """
        Things

        ModelsExpand Collapse
        Holder object { name, items }
        name: optional string

        The holder name.

        items: optional array of Item { name }
        name: string

        Name of the item.

        minLength1
        """,
    )
    http = (
        "holder.http.md",
        """
        # Holders

        ## Domain Types

        ### Holder

        - `Holder object { name, items }`

          - `name: optional string`

          - `items: optional array of Item`

            - `name: string`
        """,
    )
    api, diags = build(http, web)
    assert not diags.has_errors, diags.render()
    assert obj(api, "Item").fields[0].constraints == ir.Constraints(min_length=1)
    assert obj(api, "Holder").fields[0].constraints == ir.Constraints()
    assert obj(api, "Holder").fields[0].description == "The holder name."


def test_reading_order_does_not_change_the_ir():
    a, _ = build(HTTP_THING, PY_THING)
    b, _ = build(PY_THING, HTTP_THING)
    assert a == b
