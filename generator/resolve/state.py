"""What the resolver's passes share: the documents in reading order, the registry of
observations, the collector that fills it, and what the passes learn about names."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import naming
from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts
from generator.names import DocName
from generator.resolve.collect import Collector, Ctx
from generator.resolve.groups import doc_key, rank
from generator.resolve.observations import Registry

NO_OWNER = DocName("")  # the context of a top-level declaration


@dataclass
class Resolution:
    """The state of one resolution, passed from pass to pass."""

    docs: list[DocumentFacts]
    diags: Diagnostics
    reg: Registry = field(default_factory=Registry)
    synthetic: set[DocName] = field(default_factory=set)  # names specgen made up
    declared_in: dict[str, set[DocName]] = field(default_factory=dict)  # doc path -> declared
    collector: Collector = field(init=False)
    py_names: naming.PyNames = field(init=False)

    def __post_init__(self) -> None:
        self.docs = sorted(self.docs, key=doc_key)
        self.collector = Collector(self.reg, self.diags)
        self.py_names = naming.PyNames(self.diags)

    def ctx(self, doc: DocumentFacts, owner: DocName = NO_OWNER, *, declaring: bool = False) -> Ctx:
        return Ctx(owner, "", rank(doc), doc.python_names, declaring=declaring)

    def declared(self, doc: DocumentFacts, name: DocName) -> None:
        self.declared_in.setdefault(doc.path, set()).add(name)
