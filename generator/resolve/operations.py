"""Group the facts of each operation (same method and path) across documents, and derive what
the docs leave implicit: SDK method path, parameter locations, response by naming convention."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator.facts import DocumentFacts, OperationFacts, SdkCall
from generator.jsontext import JsonData
from generator.names import pascal, snake
from generator.source import Span

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")
_VERSION = re.compile(r"^v\d+$")


def rank(doc: DocumentFacts) -> int:
    """Structural authority of a document: HTTP markdown, Python markdown, web text."""
    return {"http": 0, "python": 1, "web": 2}[doc.flavor]


def doc_key(doc: DocumentFacts) -> tuple[int, str, str, str]:
    """The order documents are read in: by authority, then by file name and content. Never by
    folder: moving files between folders (or copying them in another order) changes nothing."""
    return (rank(doc), PurePosixPath(doc.path).name, doc.digest, doc.path)


@dataclass
class OpGroup:
    """All the places that document one operation, most authoritative first."""

    method: str
    path: str
    places: list[tuple[OperationFacts, DocumentFacts]] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return self.places[0][0].span

    @property
    def sdk(self) -> SdkCall | None:
        return next((op.sdk for op, _ in self.places if op.sdk), None)

    @property
    def summary(self) -> str:
        return next((op.title for op, _ in self.places if op.title), "")

    @property
    def description(self) -> str:
        return next((op.description for op, _ in self.places if op.description), "")

    def resource_and_method(self) -> tuple[tuple[str, ...], str]:
        """From the Python signature when documented; else from the path and the title's verb."""
        sdk = self.sdk
        if sdk is not None and len(sdk.method_path) >= 2:
            return sdk.method_path[:-1], sdk.method_path[-1]
        method = snake(self.summary.split()[0]) if self.summary.split() else self.method
        literal = [
            snake(s)
            for s in self.path.split("/")
            if s and not _PATH_PARAM.fullmatch(s) and not _VERSION.match(s)
        ]
        if len(literal) > 1 and literal[-1] == method:
            literal = literal[:-1]
        return tuple(literal) or ("api",), method

    def path_params(self) -> list[str]:
        return _PATH_PARAM.findall(self.path)

    def examples(self) -> tuple[JsonData | None, tuple[tuple[str, str], ...]]:
        """The first response example that is JSON every output can carry (as the reader parsed
        it; it reported any other, D006/D008), and every request example (deduped)."""
        response: JsonData | None = None
        requests: list[tuple[str, str]] = []
        for op, _ in self.places:
            for ex in op.examples:
                if ex.role == "response" and response is None and ex.value is not None:
                    response = ex.value
                elif ex.role == "request" and (ex.language, ex.text) not in requests:
                    requests.append((ex.language, ex.text))
        return response, tuple(requests)

    def response_example_span(self) -> Span | None:
        """Where the response example that `examples` picks is documented."""
        for op, _ in self.places:
            for ex in op.examples:
                if ex.role == "response" and ex.value is not None:
                    return ex.span
        return None


def group_operations(docs: list[DocumentFacts]) -> list[OpGroup]:
    """Groups in documented order (first appearance in the most authoritative document)."""
    groups: dict[tuple[str, str], OpGroup] = {}
    for doc in sorted(docs, key=doc_key):
        for op in doc.operations:
            if not op.method or not op.path:
                continue  # the reader reported D004
            key = (op.method, _normalize(op.path))
            groups.setdefault(key, OpGroup(op.method, op.path)).places.append((op, doc))
    return list(groups.values())


def _normalize(path: str) -> str:
    return path.rstrip("/") or "/"


def singular(word: str) -> str:
    """English singular of a resource name: `tools` -> `tool`, `policies` -> `policy`."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def conventional_name(resource: tuple[str, ...], method: str, suffix: str) -> str:
    """Stainless's convention, `{Singular}{Method}{Suffix}`: `tools.delete` -> ToolDeleteResponse."""
    return pascal(singular(resource[-1])) + pascal(method) + suffix


def synthetic_name(resource: tuple[str, ...], method: str, suffix: str) -> str:
    """A name for an undocumented inline type of an operation, unique across resources."""
    head = "".join(pascal(r) for r in resource[:-1])
    return head + conventional_name(resource, method, suffix)
