"""One builder per document kind: `build(style)` gives the kind's template in that house style."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Template
from ..style import HouseStyle
from . import besluit, bestek, collegebrief, nota, overeenkomst, raadsbrief, samenvatting, wijzigingsoverzicht

BUILDERS: dict[str, Callable[[HouseStyle], Template]] = {
    "bestek": bestek.build,
    "overeenkomst": overeenkomst.build,
    "samenvatting": samenvatting.build,
    "raadsbrief": raadsbrief.build,
    "collegebrief": collegebrief.build,
    "besluit": besluit.build,
    "nota": nota.build,
    "wijzigingsoverzicht": wijzigingsoverzicht.build,
}
