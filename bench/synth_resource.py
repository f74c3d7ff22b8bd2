"""One synthetic resource: its names (`kax_widgets`, `KaxWidget`, `/v1/kax-widgets`) and the
fields of its main object type: scalars, a map, a list, a named enum, an inline literal, nested
objects, a list of objects, a discriminated union of three objects and a primitive union, plus
`components` nested part objects (the knob that sets the size of a page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.synth_model import F

NOUNS = ("widgets", "ledgers", "gadgets", "beacons", "folders", "tickets", "orders", "sensors")
SYLLABLES = ("ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze")


def _word(i: int) -> str:
    digits = [i % 10]
    while i >= 10:
        i //= 10
        digits.append(i % 10)
    return "".join(SYLLABLES[d] for d in reversed(digits)) + "x"


def _pascal(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def title(snake: str) -> str:
    return " ".join(part.capitalize() for part in snake.split("_"))


@dataclass
class Resource:
    """Names of resource number `index` (`kalox_widgets`, `KaloxWidget`, `/v1/kalox-widgets`)."""

    index: int
    components: int
    plural: str = field(init=False)
    single: str = field(init=False)

    def __post_init__(self) -> None:
        noun = NOUNS[self.index % len(NOUNS)]
        self.plural = f"{_word(self.index)}_{noun}"
        self.single = self.plural[:-1]

    @property
    def cls(self) -> str:
        return _pascal(self.single)

    @property
    def segment(self) -> str:
        return "/v1/" + self.plural.replace("_", "-")

    @property
    def id_param(self) -> str:
        return f"{self.single}_id"

    def main_fields(self) -> tuple[F, ...]:
        c, noun = self.cls, title(self.single).lower()
        retry = (
            F("max_attempts", "int", desc="How many times a failed call is retried."),
            F("backoff", "literal", values=("linear", "exponential"), desc="Backoff shape."),
        )
        config = (
            F("timeout", "float", desc=f"Seconds before a {noun} call times out."),
            F("mode", "literal", values=("fast", "safe", "balanced"), desc="Execution mode."),
            F("retry", "object", ref=f"{c}RetryPolicy", fields=retry, desc="Retry policy."),
            F("labels", "map", desc="Free-form labels attached to the configuration."),
        )
        requirement = (
            F("name", "str", True, "Name of the package."),
            F("version", "str", desc="Optional version of the package, following semver."),
        )
        variants = (
            (
                f"{c}UrlSource",
                (
                    F("url", "str", True, "The URL of the source."),
                    F("type", "literal", values=("url",), desc="The source type."),
                ),
            ),
            (
                f"{c}FileSource",
                (
                    F("file_id", "str", True, "The stored file's identifier."),
                    F("detail", "str", desc="Level of detail to extract."),
                    F("media_type", "str", desc="The media type of the file."),
                    F("size", "int", desc="Size of the file in bytes."),
                    F("type", "literal", values=("file",), desc="The source type."),
                ),
            ),
            (
                f"{c}InlineSource",
                (
                    F("data", "str", True, "The base64 encoded content."),
                    F("type", "literal", values=("inline",), desc="The source type."),
                ),
            ),
        )
        fields = [
            F("id", "str", True, f"The human-friendly ID of the {noun}."),
            F("name", "str", True, f"The name of the {noun}."),
            F("description", "str", desc=f"A description of the {noun}, shown in listings."),
            F(
                "enabled",
                "bool",
                desc=f"If set to True, then this {noun} can be used. Default True.",
            ),
            F("priority", "int", desc="Scheduling priority; lower numbers run first."),
            F("weight", "float", desc="Relative weight when several candidates match."),
            F("metadata_", "map", desc=f"A dictionary of additional metadata for the {noun}."),
            F("tags", "strs", desc="Metadata tags."),
            F(
                "kind",
                "enum",
                ref=f"{c}Kind",
                desc=f"The kind of the {noun}.",
                values=("standard", "premium", "legacy", "internal", "external"),
            ),
            F("order", "literal", values=("asc", "desc"), desc="Default sort order of children."),
            F("config", "object", ref=f"{c}Config", fields=config, desc="Runtime configuration."),
            F(
                "requirements",
                "objects",
                ref=f"{c}Requirement",
                fields=requirement,
                desc="Packages required by this item.",
            ),
            F("source", "union", variants=variants, desc=f"Where the {noun} comes from."),
            F("value", "prims", desc="A scalar value: either a string or a number."),
        ]
        for k in range(self.components):
            part = (
                F("label", "str", True, f"Label of part {k}."),
                F("size", "int", desc="Size of the part in units."),
                F("active", "bool", desc="Whether the part is active."),
                F("notes", "strs", desc="Notes attached to the part."),
                F("state", "literal", values=("on", "off", "idle"), desc="State of the part."),
                F("extra", "map", desc="Extra settings of the part."),
            )
            name = f"part_{_word(k)}"
            fields.append(
                F(
                    name,
                    "object",
                    ref=f"{c}{_pascal(name)}",
                    fields=part,
                    desc=f"Component {k} of the {noun}, with its own settings.",
                )
            )
        return tuple(fields)
