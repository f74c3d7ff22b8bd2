"""Where the tests find their inputs, named once.

`SAMPLE_SPEC` is what every test of specgen's behaviour reads: five pages of the Letta reference
that do not change (`tests/fixtures/README.md`). `SPEC` is the project's real input; only the
golden tests read it (`output/` is what `specgen generate` writes from it).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
SAMPLE_SPEC = ROOT / "tests" / "fixtures" / "sample-spec"
# Where the sample pages were copied from; CI has `../shared` beside the clone.
SHARED_API_DOCS = ROOT.parent / "shared" / "api-docs"
# Small invented examples of the constructs the whole reference uses, each with its correct
# result (`../shared/constructs/README.md`), and the public docs mirror itself.
CONSTRUCTS = ROOT.parent / "shared" / "constructs"
MIRROR = ROOT.parent / "shared" / "letta-docs-md"
