"""Identifier constructors: the quick path of `PyName.sanitize` agrees with the long one."""

from __future__ import annotations

import keyword

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.names import MAX_NAME, PyName

_ASCII_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,120}", fullmatch=True)
_NAMES = st.one_of(
    _ASCII_NAMES,
    st.sampled_from([*keyword.kwlist, "model_config", "_private", "__dunder__", "a" * 200]),
    st.text(max_size=30),
)


@settings(max_examples=500, deadline=None)
@given(_NAMES)
def test_sanitize_is_the_long_way_whatever_the_name(raw):
    assert PyName.sanitize(raw) == PyName._cleaned(raw)


def test_names_that_need_no_change():
    assert PyName.sanitize("tool_id") == ("tool_id", False)
    assert PyName.sanitize("class") == ("class_", True)
    assert PyName.sanitize("_private") == ("private_", True)
    assert len(PyName.sanitize("a" * (MAX_NAME + 1))[0]) == MAX_NAME
