"""Group the facts of each operation (same method and path) across documents, most authoritative
place first; what the docs leave implicit (SDK method path) is asked of `generator.naming`."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import naming
from generator.facts import DocumentFacts, OperationFacts, SdkCall
from generator.jsontext import JsonData
from generator.source import Span


def rank(doc: DocumentFacts) -> int:
    """Structural authority of a document: HTTP markdown, Python markdown, web text."""
    return {"http": 0, "python": 1, "web": 2}[doc.flavor]


def own_page(doc: DocumentFacts) -> bool:
    """A page that documents one operation alone is that operation's own page; a page with
    several (a resource page, a parent page embedding its subresources) repeats theirs."""
    return len(doc.operations) == 1


def doc_key(doc: DocumentFacts) -> tuple[int, int, tuple[tuple[str, str], ...], str, str]:
    """The order documents are read in, which decides the order of operations and which place
    of an operation speaks first: by authority (the flavor's rank), the more specific page
    first (fewer operations: an operation's own page before a resource page that repeats it),
    then by what the page documents (its operations, its title). Never by file name or folder.
    Only pages equal in all of that fall back to their content's digest; which description of a
    type wins is decided by the descriptions themselves (`merge.ranked_observations`)."""
    ops = tuple((op.path or "", op.method or "") for op in doc.operations)
    return (rank(doc), len(doc.operations), ops, doc.title, doc.digest)


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
        if sdk is not None:  # one name: a method of the client itself (no resource)
            return sdk.method_path[:-1], sdk.method_path[-1]
        return naming.implied_resource_and_method(self.summary, self.method, self.path)

    def path_params(self) -> list[str]:
        return naming.path_params(self.path)

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
