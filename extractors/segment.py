"""Segments: the sub-population or budget line a fact is about, written `kind:value[:sub…]`.

Extractors build them, validation compares them and the SQL views split them;
this type is the one place that knows how they are written.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """`kind:value[:sub…]`, e.g. `age:15-24`, `line:education_training_apprenticeship:operating`.

    >>> s = Segment.parse("line:education_training_apprenticeship:operating")
    >>> s.kind, s.value, s.path
    ('line', 'education_training_apprenticeship', ('operating',))
    >>> str(Segment("line", "total").nested("operating"))
    'line:total:operating'
    >>> str(Segment.parse(str(s))) == str(s)
    True
    """

    kind: str
    value: str
    path: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Segment":
        kind, sep, rest = text.partition(":")
        if not sep or not kind or not rest:
            raise ValueError(f"a segment is written kind:value, not {text!r}")
        # Values may hold colons of their own only as sub-levels: "org:X:lehrjahr-1".
        value, *path = rest.split(":")
        return cls(kind, value, tuple(path))

    def nested(self, sub: str) -> "Segment":
        return Segment(self.kind, self.value, self.path + (sub,))

    @property
    def parent(self) -> "Segment | None":
        return Segment(self.kind, self.value, self.path[:-1]) if self.path else None

    def __str__(self) -> str:
        return ":".join((self.kind, self.value, *self.path))
