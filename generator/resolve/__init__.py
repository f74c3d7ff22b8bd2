"""Build the IR from the facts of every document: collect, align, merge, name, discriminate."""

from __future__ import annotations

from generator import ir
from generator.resolve.api import ApiBuilder
from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts


def build_api(docs: list[DocumentFacts], diags: Diagnostics) -> ir.Api:
    """The one IR for all documents. Problems go to `diags`; never raises on bad input."""
    return ApiBuilder(docs, diags).build()
