"""Context of the concept-overeenkomst of one segment: the raamovereenkomst (tendered deelsegmenten) and/or
toelatingsovereenkomst (admitted deelsegmenten) that the bestek cites by title.

Each article says whether its wording is example text for legal review: the fixed wording of this module
always is, and so is a provision whose spec field is marked `!voorbeeld`."""

from __future__ import annotations

from typing import Any

from ..spec import Dossier
from ..spec.types import Eenheid, Proceduresoort
from . import nl
from .bestek import overeenkomst_soorten, overeenkomst_titel
from .common import Document, Md, contactgegevens, contract, dossier_facts


def keys(d: Dossier) -> list[str]:
    """One overeenkomst per segment, when dossier.yaml describes the overeenkomst."""
    return list(d.spec.segmenten) if d.spec.overeenkomst is not None else []


def document(d: Dossier, key: str) -> Document:
    titel = overeenkomst_titel(d, key)
    return Document(kind="overeenkomst", key=key, title=titel,
                    subject=f"{d.spec.titel}: {titel.lower()}", context=context(d, key))


def _artikel(titel: str, tekst: str, voorbeeld: bool) -> dict[str, Any]:
    return {"titel": titel, "tekst": Md(tekst), "voorbeeld": voorbeeld}


def context(d: Dossier, key: str) -> dict[str, Any]:
    o = d.spec.overeenkomst
    assert o is not None
    segment = d.segmenten[key]
    c = d.spec.contract
    opdrachtgever = d.spec.opdrachtgever
    kontakt = contactgegevens(d)
    soorten = overeenkomst_soorten(d, key)
    gemeenten = nl.opsomming(g.naam for g in d.gemeenten.values())
    percelen = "\n".join(
        f"- {ds.naam}: "
        f"{'raamovereenkomst' if ds.inkoopvorm.procedure is Proceduresoort.AANBESTEDING else 'toelatingsovereenkomst'}"
        for ds in segment.deelsegmenten)
    looptijd = contract(d)
    duur = (f"De overeenkomst gaat in op {looptijd['ingangsdatum']} en loopt {looptijd['looptijd']}, tot en met "
            f"{looptijd['einddatum']}.")
    if c.verlenging:
        duur += f" Verlenging: {c.verlenging}."
    if c.verlenging_besluit:
        duur += "\n\n" + c.verlenging_besluit
    rows = []
    for ds in segment.deelsegmenten:
        for naam, b in d.bekostigingen(ds):
            for t in b.tarieven:
                unit = "" if t.eenheid is Eenheid.EURO else f" {t.eenheid.label}"
                row = f"- {naam}, {t.omschrijving}: {nl.bedrag(t.bedrag)}{unit}"
                if t.per_aanbieder:
                    row += " in totaal; per aanbieder: " + nl.opsomming(
                        f"{d.aanbieders[k].naam if k in d.aanbieders else k} {nl.bedrag(v)}"
                        for k, v in t.per_aanbieder.items())
                rows.append(row + f"; vanaf {nl.datum(t.ingangsdatum)}")
    tarieven = "\n".join(rows)
    only = {i: [ds.naam for ds in segment.deelsegmenten if i in ds.kit] for ds0 in segment.deelsegmenten
            for i in ds0.kit if i not in segment.kit}
    kit = "\n".join(f"- {e.id} {e.titel}"
                    + (f" (alleen {nl.opsomming(only[e.id])})" if e.id in only and not e.alle_aanbieders else "")
                    for e in d.kit_eisen(key))
    lm = segment.leveranciersmanagement
    rapportage = f"De aanbieder rapporteert {lm.rapportage.label}"
    if lm.kpis:
        rapportage += " over de prestatie-indicatoren " + nl.opsomming(k.naam for k in lm.kpis)
    rechtbank = d.besluiten.rechtbank
    geschillen = o.geschillen + (f"\n\nBevoegd is de {rechtbank}." if rechtbank else "")
    artikelen = [
        _artikel("Voorwerp", o.voorwerp + "\n\nDeze overeenkomst geldt voor de percelen:\n\n" + percelen,
                 d.is_example(o, "voorwerp")),
        _artikel("Looptijd en verlenging", duur,
                 d.is_example(c, "looptijd_maanden") or d.is_example(c, "verlenging")
                 or d.is_example(c, "verlenging_besluit")),
        _artikel("Tarieven en indexatie", ("De tarieven zijn:\n\n" + tarieven + "\n\n" if tarieven else "")
                 + o.indexatie, d.is_example(o, "indexatie")),
        _artikel(f"Eisen van het {d.spec.kit} tijdens de looptijd",
                 "De aanbieder blijft gedurende de hele looptijd voldoen aan de eisen die het bestek voor dit "
                 "segment stelt, en toont dat op verzoek van de opdrachtgever opnieuw aan:\n\n" + kit + "\n\n"
                 + rapportage + ". Voldoet de aanbieder niet langer aan een eis, dan meldt hij dat onverwijld aan "
                 "de opdrachtgever.", True),
        _artikel("Wijziging", o.wijziging, d.is_example(o, "wijziging")),
        _artikel("Beëindiging", o.beeindiging, d.is_example(o, "beeindiging")),
        _artikel("Boetes", o.boetes, d.is_example(o, "boetes")),
        _artikel("Geschillen", geschillen, d.is_example(o, "geschillen") or d.is_example(d.besluiten, "rechtbank")),
        _artikel("Rangorde en voorwaarden",
                 "Het bestek van het segment " + segment.naam + ", de Nota van Inlichtingen en de inschrijving of "
                 "aanvraag van de aanbieder maken deel uit van deze overeenkomst. Bij strijdigheid gaat deze "
                 "overeenkomst voor, daarna de Nota van Inlichtingen, daarna het bestek en daarna de inschrijving."
                 + (f" Op deze overeenkomst zijn de {o.voorwaarden} van toepassing; andere algemene voorwaarden, "
                    "ook die van de aanbieder, gelden niet." if o.voorwaarden else ""), True),
    ]
    for i, a in enumerate(artikelen, start=1):
        a["nr"] = str(i)
    return {
        **dossier_facts(d, overeenkomst_titel(d, key)),
        "overeenkomst_soort": " en ".join(soorten),
        "partijen": {
            "opdrachtgever": opdrachtgever.naam,
            "adres": kontakt["regel"],
            "gemeenten": gemeenten,
        },
        "artikelen": artikelen,
        "ondertekening": [{"functie": x.functie, "naam": x.naam} for x in d.besluiten.ondertekening],
    }
