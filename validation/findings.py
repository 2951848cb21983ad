"""The record every validation rule returns."""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.model import stable_id

ERROR = "error"
WARNING = "warning"


@dataclass
class Finding:
    """One thing validation found, pointing at the facts and partnerships it concerns.

    `fact_ids` are the facts the finding points at (they get flagged);
    `involved_fact_ids` every fact whose reading the finding rests on (the
    parts of a total, the operands of a formula), when more than `fact_ids`.
    `about` is set on an `uncertain_reading`: the rule that would have
    reported the source, had the readings been sure.

    >>> f = Finding("conflicting_value", "error", ["b", "a"], "…", "doc_1")
    >>> f.finding_id == Finding("conflicting_value", "error", ["a", "b"], "other", None).finding_id
    True
    """

    check_name: str
    severity: str  # 'error' | 'warning'
    fact_ids: list[str]
    message: str
    document_id: str | None = None
    partnership_ids: list[str] = field(default_factory=list)
    involved_fact_ids: list[str] = field(default_factory=list)
    about: str | None = None
    # On an uncertain_reading: what to check when it is not the figures' labels (cells holding digits
    # nobody read, cells not read as facts); doubts of one cause are grouped apart from the others.
    check_hint: str | None = None

    @property
    def finding_id(self) -> str:
        about = (self.about,) if self.about else ()  # two rules' doubts about the same facts stay two findings
        return stable_id(
            "finding",
            self.check_name,
            *about,
            ",".join(sorted(self.fact_ids)),
            ",".join(sorted(self.partnership_ids)),
        )

    @property
    def evidence_ids(self) -> list[str]:
        """Every fact the finding rests on: those it points at, then the others involved."""
        return list(dict.fromkeys([*self.fact_ids, *self.involved_fact_ids]))

    def as_row(self) -> dict:
        """The finding as a `validation_findings` row (contract columns and a few more)."""
        return {
            "finding_id": self.finding_id,
            "check_name": self.check_name,
            "severity": self.severity,
            "fact_ids": list(self.fact_ids),
            "message": self.message,
            "document_id": self.document_id,
            "partnership_ids": list(self.partnership_ids),
        }
