"""Open-data exports of a dossier's award and admission decisions (OCDS JSON, CSV).

Both exports read the same list: one `Decision` per (provider, deelsegment) outcome in
besluiten.yaml, in the order written there. Field-by-field mapping, also to the eForms business
terms of the light-regime result notice: docs/open-data.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..context import besluit as besluit_context
from ..context import nl
from ..spec import Dossier
from ..spec.model import Aanbieder, Besluit, Deelsegment, Uitkomst
from ..spec.types import Uitkomstsoort

SUCCESSFUL = (Uitkomstsoort.TOEGELATEN, Uitkomstsoort.GEGUND)
"""Outcomes that admit or award: OCDS award status `active`; the others are `unsuccessful`."""


@dataclass(frozen=True)
class Decision:
    """The outcome of one provider's decision for one deelsegment."""

    aanbieder_key: str
    aanbieder: Aanbieder
    besluit: Besluit
    uitkomst: Uitkomst
    segment_key: str
    deelsegment: Deelsegment

    @property
    def successful(self) -> bool:
        return self.uitkomst.uitkomst in SUCCESSFUL

    def standstill_einde(self, d: Dossier) -> date | None:
        """Last day of the standstill period; only tendered outcomes have one."""
        if not self.uitkomst.uitkomst.is_aanbesteden:
            return None
        dagen = self.besluit.standstill_dagen or d.besluiten.standstill_dagen
        return besluit_context.standstill_einde(self.besluit, dagen, d.besluiten.termijnenwet)


def decisions(d: Dossier) -> Iterator[Decision]:
    """Every (provider, deelsegment) outcome, in the order of besluiten.yaml."""
    for besluit in d.besluiten.besluiten:
        for uitkomst in besluit.uitkomsten:
            segment, ds = d.deelsegment(uitkomst.deelsegment)
            yield Decision(besluit.aanbieder, d.aanbieders[besluit.aanbieder], besluit, uitkomst, segment, ds)


def contract_period(d: Dossier) -> tuple[date, date]:
    """First and last day of the contract (the last day is the day before start + looptijd)."""
    start = d.spec.contract.ingangsdatum
    return start, nl.add_months(start, d.spec.contract.looptijd_maanden) - timedelta(days=1)
