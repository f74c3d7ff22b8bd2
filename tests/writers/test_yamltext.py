"""yamltext.dump: plain vs quoted strings, block literals, numbers, layout and keys, and a
Hypothesis round trip through PyYAML's loaders (pure and libyaml) and ruamel.yaml (YAML 1.2)."""

from __future__ import annotations

import enum
import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.writers.yamltext import dump

# PyYAML's pure-Python loader and libyaml's (YAML 1.1), and ruamel.yaml's pure one (the YAML 1.2
# resolver): all three are required, a missing one is an error rather than a weaker test.
LOADERS: list[type[Any]] = [yaml.SafeLoader, yaml.CSafeLoader]
RUAMEL_LOAD = YAML(typ="safe", pure=True).load


def loads(text: str) -> list[Any]:
    """`text` read back by every loader."""
    return [*(yaml.load(text, Loader=loader) for loader in LOADERS), RUAMEL_LOAD(text)]


def same(got: Any, want: Any) -> bool:
    """Equal with the same types (True is not 1, 1.0 is not 1), nan equal to nan, -0.0 not 0.0,
    tuples read back as lists, and key order kept."""
    if isinstance(want, dict):
        return (
            type(got) is dict
            and list(got) == list(want)
            and all(type(k) is type(w) for k, w in zip(got, want, strict=True))
            and all(same(got[k], want[k]) for k in want)
        )
    if isinstance(want, list | tuple):
        return (
            type(got) is list
            and len(got) == len(want)
            and all(same(g, w) for g, w in zip(got, want, strict=True))
        )
    if isinstance(want, float):
        if math.isnan(want):
            return isinstance(got, float) and math.isnan(got)
        same_sign = math.copysign(1, got) == math.copysign(1, want)
        return type(got) is float and got == want and same_sign
    if isinstance(want, str):
        return type(got) is str and got == want
    return type(got) is type(want) and got == want


def assert_round_trips(data: Any) -> str:
    text = dump(data)
    assert text.endswith("\n") and not text.endswith("\n\n")
    for got in loads(text):
        assert same(got, data), (text, got)
    return text


def value_text(value: Any) -> str:
    """How `value` is written as the value of a one-key mapping (checked to round-trip)."""
    text = assert_round_trips({"k": value})
    assert text.startswith("k: ")
    return text[3:].removesuffix("\n")


# --- strings on one line ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "s",
    [
        "abc",
        "Hello, world (twice).",
        "$ref",
        "_private",
        "/v1/tools/{tool_id}",
        "application/json",
        "x-sdk-method",
        "https://api.example.test:8080/a?b=c#frag",
        "a:b",
        "a#b",
        "a - b | c > d & e * f ! g % h @ i ` j",
        'it\'s "quoted" \\ here',
        "Ünïcode — ok",
        "émoji 😀 inside",
        "日本語",
        "inf",
        "NaN",
        "yess",
        "nullable",
    ],
)
def test_plain_when_certainly_a_string(s: str) -> None:
    assert value_text(s) == s


@pytest.mark.parametrize(
    "s",
    [
        "",
        "1",
        "-1",
        "+1",
        "0x1F",
        "0o17",
        "0b101",
        "1_000",
        "1e3",
        "1.5",
        ".5",
        "190:20:30",
        "2024-01-01",
        "2024-01-01T10:00:00Z",
        "3.1.0",
        ".inf",
        "-.inf",
        ".nan",
        "~",
        "<<",
        "=",
        " lead",
        "trail ",
        " ",
        "a: b",
        "a:",
        "a #b",
        "- x",
        "-",
        "---",
        "...",
        "? x",
        ": x",
        "#comment",
        "&anchor",
        "*alias",
        "!tag",
        "|literal",
        ">folded",
        "'quote",
        '"quote',
        "%directive",
        "@at",
        "`tick",
        "[a]",
        "{a: 1}",
        ",a",
    ],
)
def test_single_quoted_when_plain_could_mislead(s: str) -> None:
    assert value_text(s) == "'" + s.replace("'", "''") + "'"


@pytest.mark.parametrize("word", ["y", "n", "yes", "no", "on", "off", "true", "false", "null"])
def test_bool_and_null_words_quoted_in_any_case(word: str) -> None:
    for spelling in (word, word.upper(), word.capitalize(), word.swapcase()[:1] + word[1:]):
        assert value_text(spelling) == f"'{spelling}'"
        assert dump({spelling: 1}) == f"'{spelling}': 1\n"


@pytest.mark.parametrize(
    ("s", "written"),
    [
        ("a\tb", r'"a\tb"'),
        ("a\rb", r'"a\rb"'),
        ("\x00", r'"\x00"'),
        ("bell\x07", r'"bell\x07"'),
        ("\x1b[31m", r'"\x1B[31m"'),
        ("del\x7f", r'"del\x7F"'),
        ("nel\x85", r'"nel\x85"'),
        ("nbsp\xa0", r'"nbsp\xA0"'),
        ("ls\u2028", r'"ls\u2028"'),
        ("ps\u2029", r'"ps\u2029"'),
        ("\ufeffbom", r'"\uFEFFbom"'),
        ("zwsp\u200b", r'"zwsp\u200B"'),
        ("tag\U000e0001", r'"tag\U000E0001"'),
        ('tab\t"q" \\b', r'"tab\t\"q\" \\b"'),
        ("\t😀 é", '"\\t😀 é"'),
    ],
)
def test_double_quoted_escapes_non_printables_keeps_printable_unicode(s: str, written: str) -> None:
    assert value_text(s) == written


def test_lone_surrogate_escaped() -> None:
    # libyaml refuses surrogate escapes, so only the pure-Python loader reads this back.
    text = dump({"k": "a\ud800b"})
    assert text == 'k: "a\\uD800b"\n'
    assert yaml.load(text, Loader=yaml.SafeLoader) == {"k": "a\ud800b"}


def test_str_subclass_written_as_its_text() -> None:
    class Name(str):
        def __str__(self) -> str:
            return "not this"

    assert dump({Name("key"): Name("value")}) == "key: value\n"


# --- multi-line strings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "written"),
    [
        ("a\nb", "|-\n  a\n  b"),
        ("a\nb\n", "|\n  a\n  b"),
        ("a\n\nb", "|-\n  a\n\n  b"),
        ("\na", "|-\n\n  a"),
        (" a\nb", "|2-\n   a\n  b"),
        ("\n  a\nb\n", "|2\n\n    a\n  b"),
        ("a\n b\n", "|\n  a\n   b"),
        ("# not a comment\n- not an item\n---\n", "|\n  # not a comment\n  - not an item\n  ---"),
        ("Ünïcode\n😀", "|-\n  Ünïcode\n  😀"),
    ],
)
def test_block_literal_with_chomping_and_indentation(s: str, written: str) -> None:
    assert value_text(s) == written


def test_keep_chomping_before_a_sibling_and_at_the_end() -> None:
    assert assert_round_trips({"k": "a\n\n", "z": 1}) == "k: |+\n  a\n\nz: 1\n"
    # At the end of the document the blank lines need an explicit end (`...`) to stay content.
    assert assert_round_trips({"k": "a\n\n\n"}) == "k: |+\n  a\n\n\n...\n"
    assert assert_round_trips(["a\n\n"]) == "- |+\n  a\n\n...\n"


@pytest.mark.parametrize(
    "s",
    [
        "a\r\nb",
        "a\rb\n",
        "a\tb\nc",
        "a\n\tb",
        "trailing space \nnext",
        "last line \n",
        "a\n \nb",
        "a\n  ",
        "a\u2028b\nc",
        "a\x85\nb",
        "\ufeffa\nb",
        "a\x00\nb",
        "a\xa0\nb",
        "\n",
        "\n\n",
    ],
)
def test_multi_line_falls_back_to_double_quotes_when_a_literal_is_unsafe(s: str) -> None:
    written = value_text(s)
    assert written.startswith('"') and "\n" not in written


def test_top_level_multi_line_string_is_double_quoted() -> None:
    assert assert_round_trips("a\nb") == '"a\\nb"\n'


# --- keys ------------------------------------------------------------------------------------


def test_keys_quoted_like_values_and_never_block_literals() -> None:
    data = {"plain": 1, "200": 2, "a: b": 3, "two\nlines": 4, "": 5, "yes": 6, "é 😀": 7}
    assert assert_round_trips(data) == (
        "plain: 1\n'200': 2\n'a: b': 3\n\"two\\nlines\": 4\n'': 5\n'yes': 6\né 😀: 7\n"
    )


def test_non_string_keys() -> None:
    assert assert_round_trips({1: "a", None: "b", False: "c", 1.5: "d"}) == (
        "1: a\nnull: b\nfalse: c\n1.5: d\n"
    )


@pytest.mark.parametrize("key", ["k" * 2000, "'" * 600, "😀" * 300, "a\n" * 600])
def test_long_keys_use_the_explicit_form(key: str) -> None:
    text = assert_round_trips({key: "v", "next": {key: ["x"], "short": 1}})
    assert text.startswith("? ") and "\n: v\nnext:\n  ? " in text
    assert text.endswith("\n  :\n  - x\n  short: 1\n")


def test_key_just_under_the_limit_stays_implicit() -> None:
    key = "k" * 1000
    assert assert_round_trips({key: 1}) == f"{key}: 1\n"


def test_long_key_in_a_sequence_item() -> None:
    key = "k" * 1500
    text = assert_round_trips([{key: "a\nb", "z": 1}])
    assert text == f"- ? {key}\n  : |-\n    a\n    b\n  z: 1\n"


# --- numbers, bools, null --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (0.1, "0.1"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (1e20, "1.0e+20"),
        (1e-7, "1.0e-07"),
        (1.5e300, "1.5e+300"),
        (5e-324, "5.0e-324"),
        (-0.0, "-0.0"),
        (math.inf, ".inf"),
        (-math.inf, "-.inf"),
        (math.nan, ".nan"),
    ],
)
def test_floats_read_back_as_the_same_floats(value: float, written: str) -> None:
    assert value_text(value) == written


class Level(enum.IntEnum):
    HIGH = 3


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-7, "-7"),
        (10**30, "1000000000000000000000000000000"),
    ],
)
def test_null_bools_and_ints(value: Any, written: str) -> None:
    assert value_text(value) == written


def test_int_subclass_written_as_a_number() -> None:
    assert dump({"level": Level.HIGH}) == "level: 3\n"


@pytest.mark.parametrize("bad", [{1, 2}, b"bytes", object(), 1j, {"k": [frozenset()]}])
def test_other_types_rejected(bad: Any) -> None:
    with pytest.raises(TypeError):
        dump({"k": bad})
    with pytest.raises(TypeError):
        dump(bad)


@pytest.mark.parametrize("key", [(1, 2), frozenset()])
def test_collection_keys_rejected(key: Any) -> None:
    with pytest.raises(TypeError):
        dump({key: 1})


# --- layout ----------------------------------------------------------------------------------


def test_block_layout_with_empty_containers_and_nested_lists_of_dicts() -> None:
    data = {
        "openapi": "3.1.0",
        "empty": {},
        "none": [],
        "paths": {"/a": {"get": {"tags": ["t"], "parameters": [{"name": "x", "in": "query"}]}}},
        "matrix": [[1, [2, {}]], [], {"a": [], "b": {"c": None}}, ("tuple", "items")],
        "last": "done",
    }
    assert assert_round_trips(data) == (
        "openapi: '3.1.0'\n"
        "empty: {}\n"
        "none: []\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      tags:\n"
        "      - t\n"
        "      parameters:\n"
        "      - name: x\n"
        "        in: query\n"
        "matrix:\n"
        "- - 1\n"
        "  - - 2\n"
        "    - {}\n"
        "- []\n"
        "- a: []\n"
        "  b:\n"
        "    c: null\n"
        "- - tuple\n"
        "  - items\n"
        "last: done\n"
    )


def test_block_literals_indent_under_keys_items_and_nested_items() -> None:
    data = {"a": {"b": "x\ny"}, "l": ["p\nq", [" r\ns"], {"m": "t\nu"}]}
    assert assert_round_trips(data) == (
        "a:\n  b: |-\n    x\n    y\n"
        "l:\n- |-\n  p\n  q\n- - |2-\n     r\n    s\n- m: |-\n    t\n    u\n"
    )


@pytest.mark.parametrize(
    ("data", "written"),
    [({}, "{}\n"), ([], "[]\n"), ("", "''\n"), ("x", "x\n"), (None, "null\n"), (1.5, "1.5\n")],
)
def test_top_level_scalars_and_empty_containers(data: Any, written: str) -> None:
    assert assert_round_trips(data) == written


def test_repeated_values_are_written_out_not_aliased() -> None:
    shared = {"type": "string"}
    text = assert_round_trips({"a": shared, "b": shared, "c": [shared, shared]})
    assert "&" not in text and "*" not in text


def test_no_line_wrapping() -> None:
    long = " ".join(["word"] * 100)
    assert dump({"k": long}) == f"k: {long}\n"


# --- property: any JSON-like data reads back the same ---------------------------------------

# Characters that steer quoting decisions, mixed into arbitrary text (all of unicode but surrogates).
TRICKY = list(
    " \n\r\t:#-?'\"\\|>.,[]{}&*!%@`~<=+_/$0123456789eExXyYnNoO\x00\x85\xa0\u2028\ufeffé😀"
)
WORDS = "yes No ON off true Null ~ y 1 1e3 0x1F .inf 2024-01-01".split()
chars = st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(TRICKY))
texts = st.one_of(
    st.text(chars),
    st.sampled_from(WORDS),
    # Multi-line text a block literal can hold (most arbitrary text cannot): indents, blank lines.
    st.lists(st.text(st.sampled_from(list(" ab:#-|é😀")), max_size=6), min_size=2).map("\n".join),
    # Keys long enough for the explicit `? key` form.
    st.text(chars, min_size=1, max_size=4).map(lambda s: s * 300),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(texts, inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(documents)
def test_any_json_like_data_round_trips(data: Any) -> None:
    assert_round_trips(data)
