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
from generator.resolve.scoping import SectionScopes, nearest_key
from generator.source import Span

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
    scopes: SectionScopes | None = None  # set once the operations are grouped
    # (where, synthesized, documented): an operation's places that name one type two ways
    same_type: list[tuple[Span, DocName, DocName]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.docs = sorted(self.docs, key=doc_key)
        self.collector = Collector(self.reg, self.diags)
        self.py_names = naming.PyNames(self.diags)

    def ctx(
        self, doc: DocumentFacts, line: int, owner: DocName = NO_OWNER, *, declaring: bool = False
    ) -> Ctx:
        """The context of what `doc` says at `line` (its section's scope)."""
        scope = self.scopes.at(doc, line) if self.scopes else ()
        return Ctx(owner, "", rank(doc), doc.python_names, declaring=declaring, scope=scope)

    def made_up(self, key: DocName) -> bool:
        """A name specgen made up (an undocumented inline type), that no place spells out."""
        if naming.made_up(key):
            return True
        return key in self.synthetic and key not in self.reg.spelled

    def nearest(self, key: DocName) -> DocName:
        """The key already observed that `key` means (`scoping.nearest_key`), else `key`."""
        if key in self.reg.observations:
            return key
        return nearest_key(key, self.reg.observations) or key

    def declared(self, doc: DocumentFacts, name: DocName) -> None:
        self.declared_in.setdefault(doc.path, set()).add(name)
