"""The spec models: one model per spec file, validated field by field.

These classes are the reference of the spec format (docs/spec-format.md is generated from them).
Rules that need more than one file (references, participation, decisions) live in `rules.py`.
"""

from __future__ import annotations

from decimal import Decimal
from pydantic import Field, field_validator, model_validator

from ..i18n import _
from .types import (
    Aantal,
    Bedrag,
    Bekostigingsvorm,
    Datum,
    Briefsoort,
    Deelnamesoort,
    Eenheid,
    EisSoort,
    Email,
    Frequentie,
    InkoopvormSoort,
    KitId,
    Kleur,
    KvkNummer,
    Markdown,
    MijlpaalSoort,
    Model,
    Postcode,
    Prijsformule,
    Sleutel,
    Status,
    Tekst,
    Tijd,
    Uitkomstsoort,
    Varianten,
    Verklaring,
)

# --- shared pieces -----------------------------------------------------------------------------


class Sectie(Model):
    """Een tekstsectie: een titel en een tekst in Markdown, in de volgorde waarin ze staan."""

    titel: Tekst
    tekst: Markdown


class Adres(Model):
    """Een post- of bezoekadres."""

    straat: Tekst = Field(description="Straat en huisnummer, of 'Postbus 18'.")
    postcode: Postcode = Field(description="Bijvoorbeeld '7550 AA'.")
    plaats: Tekst


class Risico(Model):
    """Een risico en wat eraan gedaan wordt."""

    id: Sleutel
    titel: Tekst
    omschrijving: Markdown
    beheersmaatregel: Markdown | None = None


class Ondertekenaar(Model):
    """Iemand die een brief of besluit ondertekent."""

    functie: Tekst = Field(description="Bijvoorbeeld 'de secretaris'.")
    naam: Tekst


# --- dossier.yaml --------------------------------------------------------------------------------


class Contactpersoon(Model):
    """De ene contactpersoon voor aanbieders tijdens de procedure."""

    naam: Tekst
    functie: Tekst | None = Field(None, description="Bijvoorbeeld 'inkoopadviseur'.")
    email: Email | None = None
    telefoon: Tekst | None = None


class Opdrachtgever(Model):
    """Wie namens de deelnemende gemeenten (de aanbestedende diensten, gemeenten.yaml) inkoopt."""

    naam: Tekst = Field(description="Bijvoorbeeld 'OZJT/Samen14'.")
    omschrijving: Tekst | None = Field(None, description="Voluit, voor de aanhef van besluiten.")
    adres: Adres | None = None
    email: Email | None = None
    telefoon: Tekst | None = None
    mandaat: Markdown | None = Field(None, description="Op grond waarvan de opdrachtgever namens de gemeenten "
                                     "inkoopt (gemeenschappelijke regeling, mandaatbesluit) en wie de besluiten "
                                     "neemt. Staat in hoofdstuk 1 van elk bestek.")
    contactpersoon: Contactpersoon | None = Field(None, description="De ene contactpersoon voor aanbieders "
                                                  "tijdens de procedure.")
    kanaal: Tekst | None = Field(None, description="Het communicatiekanaal van de procedure, bijvoorbeeld "
                                 "'de berichtenmodule van TenderNed'; vragen en inschrijvingen gaan alleen "
                                 "hierlangs.")


class Contract(Model):
    """Ingangsdatum en looptijd van het contract."""

    ingangsdatum: Datum
    looptijd_maanden: Aantal = Field(ge=1, le=240)
    verlenging: Tekst | None = Field(None, description="Verlengingsopties, bijvoorbeeld 'tweemaal twee jaar'.")
    verlenging_besluit: Markdown | None = Field(None, description="Wie over verlenging beslist en wanneer, "
                                                "bijvoorbeeld 'de opdrachtgever, uiterlijk zes maanden voor de "
                                                "einddatum'. Staat in de overeenkomst.")


class Fase(Model):
    """Een fase van de planning, van datum tot datum."""

    naam: Tekst
    van: Datum
    tot: Datum
    omschrijving: Markdown | None = None

    @model_validator(mode="after")
    def _in_order(self) -> "Fase":
        if self.tot < self.van:
            raise ValueError(_("'tot' ({tot}) is before 'van' ({van}); swap the dates").format(
                tot=self.tot.isoformat(), van=self.van.isoformat()))
        return self


class Mijlpaal(Model):
    """Een stap van het tijdschema met datum en (bij een uiterste termijn) tijd."""

    soort: MijlpaalSoort
    datum: Datum
    tijd: Tijd | None = Field(None, description="Tijdstip als UU:MM, bijvoorbeeld '12:00'; met een "
                              "'procedure' verplicht bij sluiting-vragen en sluiting-inschrijving.")
    omschrijving: Tekst | None = Field(None, description="Staat in het tijdschema van het bestek.")
    fase: Tekst | None = Field(None, description="De naam van de fase waarin deze stap valt; de datum ligt "
                               "dan binnen die fase.")


class Planning(Model):
    """Fasen (op volgorde) en mijlpalen van de inkoop."""

    fasen: list[Fase] = Field(min_length=1)
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)


class Sturingsinstrumenten(Model):
    """Waarom voor deze inkoop- en contractvormen, bekostiging, leveranciersmanagement en toegang is gekozen,
    over alle segmenten heen; de samenvatting zet dit bij de tabellen uit de segmenten."""

    inkoopvorm: Markdown | None = Field(None, description="De afwegingen bij de keuze van de inkoop- en "
                                        "contractvormen (bijvoorbeeld: geen doorlopende inschrijving, een "
                                        "dekkend en beheersbaar landschap) en wat een toelatingsprocedure met "
                                        "voorwaarden inhoudt.")
    bekostiging: Markdown | None = Field(None, description="Waarom de bekostiging per (deel)segment zo is "
                                         "gekozen, en waar en waarom wordt afgeweken van eerdere keuzes.")
    leveranciersmanagement: Markdown | None = Field(None, description="Hoe het leveranciers- en "
                                                    "contractmanagement over de segmenten heen is ingericht.")
    toegang: Markdown | None = Field(None, description="Hoe de toegang tot de jeugdhulp is georganiseerd en "
                                     "welke ontwikkelingen worden meegenomen.")


class Bewijsstuk(Model):
    """Een bewijsstuk dat de opdrachtgever opvraagt: wat, van wie en wanneer."""

    wat: Tekst = Field(description="Bijvoorbeeld 'Gedragsverklaring Aanbesteden (GVA), niet ouder dan twee jaar'.")
    van_wie: Tekst = Field(description="Bijvoorbeeld 'de voorlopig gegunde inschrijvers'.")
    wanneer: Tekst = Field(description="Bijvoorbeeld 'binnen tien werkdagen na het verzoek'.")


class Uitsluiting(Model):
    """De uitsluitingsgronden: hoe een aanbieder verklaart dat er geen gelden, en welk bewijs volgt."""

    verklaring: Verklaring = Field(description="'uea' (Uniform Europees Aanbestedingsdocument) of "
                                   "'eigen-verklaring'.")
    toelichting: Markdown | None = Field(None, description="Welke uitsluitingsgronden gelden (verplichte en "
                                         "facultatieve).")
    bewijs: list[Bewijsstuk] = Field(min_length=1)


class Schaalpunt(Model):
    """Eén punt van de beoordelingsschaal."""

    score: Aantal = Field(ge=0, le=100)
    betekenis: Tekst = Field(description="Bijvoorbeeld 'goed: de aanpak is concreet en onderbouwd'.")


class Beoordeling(Model):
    """Hoe de inschrijvingen op de gunningscriteria worden beoordeeld."""

    schaal: list[Schaalpunt] = Field(min_length=2, description="De beoordelingsschaal, van laag naar hoog.")
    methode: Markdown = Field(description="Wie beoordeelt en hoe: commissie, eerst individueel en dan in "
                              "consensus, hoe de schaalscore in punten wordt omgerekend.")
    prijsformule: Prijsformule | None = Field(None, description="Verplicht als een criterium 'prijs: true' "
                                              "heeft. 'relatief': punten = weging × laagste inschrijfprijs / eigen "
                                              "inschrijfprijs; dossier controleert de punten in besluiten.yaml.")
    gelijke_score: Markdown = Field(description="Wat er gebeurt bij een gelijke totaalscore (tie-break).")


class Procedurevoorwaarden(Model):
    """Uitsluiting, geschiktheid en beoordeling van één soort procedure (aanbesteding of toelating)."""

    uitsluiting: Uitsluiting
    geschiktheidseisen: list[Markdown] = Field(default_factory=list, description="Geschiktheidseisen naast de "
                                               "KIT-eisen met soort 'geschiktheid', elk proportioneel; "
                                               "geen minimumeisen aan de dienst zelf.")
    beoordeling: Beoordeling | None = Field(None, description="Verplicht bij aanbesteding.")


class Bijlage(Model):
    """Een bijlage bij de bestekken (formulier, referentieformulier, Bibob-vragenlijst, tarievenbijlage)."""

    id: Sleutel
    titel: Tekst
    omschrijving: Tekst | None = None


class Procedure(Model):
    """De procedure zoals de bestekken die aan aanbieders voorschrijven."""

    publicatie: Tekst = Field(description="Waar en onder welk kenmerk de procedure is gepubliceerd, "
                              "bijvoorbeeld 'TenderNed, kenmerk 412345'.")
    percelen_combineren: bool = Field(True, description="Of een aanbieder op meer percelen (deelsegmenten) "
                                      "mag inschrijven; elk deelsegment is een perceel.")
    gestanddoeningstermijn_dagen: Aantal = Field(ge=1, le=365, description="Hoe lang een inschrijving geldig "
                                                 "blijft na de sluiting, in kalenderdagen.")
    vragen: Markdown = Field(description="Hoe aanbieders vragen stellen (kanaal, anoniem, wanneer); de Nota van "
                             "Inlichtingen maakt deel uit van de stukken en gaat voor.")
    inschrijven: Markdown = Field(description="Hoe een aanbieder inschrijft: formulieren, vorm, ondertekening, "
                                  "taal, combinaties, onderaanneming, beroep op derden, geen varianten.")
    aanbesteding: Procedurevoorwaarden | None = Field(None, description="Verplicht als een deelsegment wordt "
                                                      "aanbesteed (verlicht regime).")
    toelating: Procedurevoorwaarden | None = Field(None, description="Verplicht als een deelsegment een "
                                                   "toelatingsprocedure of open house heeft.")
    na_gunning: Markdown | None = Field(None, description="Wat volgt op het gunnings- of toelatingsbesluit: "
                                        "opschortende termijn, definitieve gunning, ondertekening.")
    voorbehouden: list[Markdown] = Field(default_factory=list, description="Voorbehouden: intrekken, "
                                         "budget, geen verplichting tot gunnen.")
    bijlagen: list[Bijlage] = Field(default_factory=list, description="De bijlagen bij elk bestek, met titel.")

    @model_validator(mode="after")
    def _scored(self) -> "Procedure":
        if self.aanbesteding is not None and self.aanbesteding.beoordeling is None:
            raise ValueError(_("a tender says how bids are scored: give 'aanbesteding' a 'beoordeling'"))
        return self


class Overeenkomst(Model):
    """De concept-overeenkomst (raamovereenkomst of toelatingsovereenkomst): de bepalingen die de bestekken
    noemen. Tekst die niet uit een vastgesteld model komt, markeert u met !voorbeeld: die staat in de
    overeenkomst als voorbeeldtekst ter juridische toetsing."""

    voorwerp: Markdown = Field(description="Wat de overeenkomst regelt.")
    indexatie: Markdown = Field(description="Hoe de tarieven worden geïndexeerd, bijvoorbeeld met de OVA.")
    wijziging: Markdown = Field(description="Hoe de overeenkomst wordt gewijzigd.")
    beeindiging: Markdown = Field(description="Opzegging en ontbinding.")
    boetes: Markdown = Field(description="Boetes en andere sancties.")
    geschillen: Markdown = Field(description="Hoe geschillen worden opgelost; de rechtbank staat in besluiten.yaml.")
    voorwaarden: Tekst | None = Field(None, description="De algemene inkoopvoorwaarden die gelden, met titel.")


class DossierSpec(Model):
    """`dossier.yaml`: het dossier zelf."""

    titel: Tekst = Field(description="Bijvoorbeeld 'Inkoop jeugdhulp Twente 2025'.")
    regio: Tekst
    opdrachtgever: Opdrachtgever
    versie: Tekst = Field(description="Versie van het dossier, bijvoorbeeld '1.0'.")
    status: Status
    datum: Datum = Field(description="Datum van deze versie; staat op elk document.")
    kit: Tekst = Field(description="Hoe dit dossier het kwaliteitsinstrument noemt, bijvoorbeeld "
                       "'Kwaliteits- en Integriteitsinstrument Twente (KIT)'.")
    segmenten: list[Sleutel] = Field(min_length=1, description="De segmenten in volgorde; elk heeft "
                                     "een bestand segmenten/<sleutel>.yaml.")
    contract: Contract
    planning: Planning
    leidende_principes: list[Tekst] = Field(default_factory=list)
    strategische_doelen: list[Tekst] = Field(default_factory=list)
    risicos: list[Risico] = Field(default_factory=list)
    secties: list[Sectie] = Field(default_factory=list, description="Inleiding, ontwikkelpotentieel, "
                                  "inkoop-effecten, vervolg, … in volgorde.")
    sturingsinstrumenten: Sturingsinstrumenten = Field(default_factory=Sturingsinstrumenten, description=""
                                                       "De toelichting per sturingsinstrument in de samenvatting.")
    slotsecties: list[Sectie] = Field(default_factory=list, description="Hoofdstukken die de samenvatting na "
                                      "de sturingsinstrumenten, de deelname en de risico's toont, zoals "
                                      "inkoop-effecten en vervolg, in volgorde.")
    doorlopende_inschrijving: bool = Field(False, description="Of aanbieders gedurende het contract "
                                           "doorlopend kunnen inschrijven.")
    procedure: Procedure | None = Field(None, description="De procedure voor aanbieders: publicatie, "
                                        "vragen, inschrijven, uitsluiting, geschiktheid, beoordeling, "
                                        "voorbehouden en bijlagen (hoofdstukken 1 tot 9 en 13 van elk bestek).")
    overeenkomst: Overeenkomst | None = Field(None, description="De concept-overeenkomst; met dit veld maakt "
                                              "dossier per segment een overeenkomst.")
    huisstijl: Tekst | None = Field(None, description="De huisstijl van de documenten: de naam van een "
                                    "meegeleverde huisstijl ('standaard', 'zhz') of een pad, relatief aan de "
                                    "dossiermap, naar een map met eigen sjablonen (bijvoorbeeld "
                                    "'./huisstijl/sjablonen'). Zonder dit veld: 'standaard'.")


# --- gemeenten.yaml -----------------------------------------------------------------------------


class Huisstijl(Model):
    """Het eigen briefpapier van een gemeente."""

    logo: Tekst | None = Field(None, description="Pad naar een PNG- of JPEG-logo, relatief aan de "
                               "dossiermap; het pad mag de dossiermap niet verlaten.")
    kleur: Kleur | None = Field(None, description="Huiskleur als '#RRGGBB'.")


class Gemeente(Model):
    """Een deelnemende gemeente, met wat de raadsbrief nodig heeft."""

    naam: Tekst
    postadres: Adres
    bezoekadres: Adres
    telefoon: Tekst
    email: Email
    burgemeester: Tekst
    secretaris: Tekst
    zaaknummer: Tekst
    kenmerk: Tekst | None = Field(None, description="'Uw kenmerk' in de brief, als de raad er een gaf.")
    lokale_paragrafen: list[Sectie] = Field(default_factory=list)
    huisstijl: Huisstijl | None = None


class GemeentenFile(Model):
    """`gemeenten.yaml`: de deelnemende gemeenten, per sleutel."""

    gemeenten: dict[Sleutel, Gemeente] = Field(min_length=1)


# --- kit.yaml ------------------------------------------------------------------------------------


class KitEis(Model):
    """Eén eis van het kwaliteits- en integriteitsinstrument."""

    id: KitId
    soort: EisSoort
    titel: Tekst
    tekst: Markdown
    bewijs: list[Tekst] = Field(min_length=1, description="Wat de aanbieder aanlevert als bewijs.")
    alle_aanbieders: bool = Field(False, description="Geldt voor elke aanbieder in elk segment "
                                  "(zoals de Bibob-toets).")


class KitFile(Model):
    """`kit.yaml`: de eisen, elk met een vaste id."""

    inleiding: Markdown
    eisen: list[KitEis] = Field(min_length=1)


# --- begrippen.yaml ------------------------------------------------------------------------------


class Begrip(Model):
    """Een begrip; een bestek noemt alleen de begrippen die erin voorkomen."""

    id: Sleutel
    term: Tekst
    definitie: Markdown
    synoniemen: list[Tekst] = Field(default_factory=list)


class BegrippenFile(Model):
    """`begrippen.yaml`: de begrippenlijst."""

    begrippen: list[Begrip] = Field(min_length=1)


# --- segmenten/<segment>.yaml --------------------------------------------------------------------


class Subcriterium(Model):
    """Een subcriterium met zijn weging in punten."""

    id: Sleutel
    naam: Tekst
    weging: Aantal = Field(ge=1, le=100, description="Punten; de subcriteria tellen op tot de weging van het "
                           "criterium.")


class Criterium(Model):
    """Een gunningscriterium met zijn weging in punten."""

    id: Sleutel
    naam: Tekst
    weging: Aantal = Field(ge=1, le=100, description="Punten; de wegingen van een deelsegment tellen op tot 100.")
    subcriteria: list[Subcriterium] = Field(default_factory=list)
    inleveren: Markdown | None = Field(None, description="Wat de inschrijver voor dit criterium indient, "
                                       "bijvoorbeeld 'een plan van aanpak van ten hoogste twee A4'.")
    prijs: bool = Field(False, description="Of dit het prijscriterium is; de punten volgen dan uit de "
                        "prijsformule en de inschrijfprijzen.")

    @model_validator(mode="after")
    def _parts(self) -> "Criterium":
        if self.subcriteria:
            total = sum(c.weging for c in self.subcriteria)
            if total != self.weging:
                raise ValueError(_("the weights of the subcriteria of '{name}' add up to {total}, not to its weight "
                                   "{weight}").format(name=self.naam, total=total, weight=self.weging))
        return self


class Inkoopvorm(Model):
    """Hoe een deelsegment werd en wordt ingekocht, en waarom."""

    was: InkoopvormSoort
    wordt: InkoopvormSoort
    redenen: list[Tekst] = Field(min_length=1)
    heropening: Markdown | None = Field(None, description="Wanneer de toelating weer opengaat "
                                        "(verplicht bij een toelatingsprocedure).")
    max_aanbieders: Aantal | None = Field(None, ge=1, description="Verplicht bij aanbesteden met een "
                                       "beperkt aantal aanbieders.")
    gunningscriteria: list[Criterium] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fits_form(self) -> "Inkoopvorm":
        if self.wordt is InkoopvormSoort.TOELATINGSPROCEDURE and not self.heropening:
            raise ValueError(_("an admission procedure with conditions must name 'heropening': when "
                               "admission opens again"))
        if self.wordt.is_aanbesteden:
            if not self.gunningscriteria:
                raise ValueError(_("a tender requires 'gunningscriteria' (with their weights)"))
            total = sum(c.weging for c in self.gunningscriteria)
            if total != 100:
                raise ValueError(_("the weights of the gunningscriteria add up to {total}, not to 100").format(
                    total=total))
        elif self.gunningscriteria:
            raise ValueError(_("gunningscriteria belong to a tender only, not to '{form}'").format(
                form=self.wordt.value))
        if self.wordt is InkoopvormSoort.AANBESTEDEN_BEPERKT and self.max_aanbieders is None:
            raise ValueError(_("a tender with a limited number of providers requires 'max_aanbieders'"))
        ids = [c.id for c in self.gunningscriteria]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(_("criterion id '{id}' appears twice").format(id=dupes[0]))
        return self


class Tarief(Model):
    """Een tarief: bedrag in euro's, eenheid en ingangsdatum."""

    id: Sleutel
    omschrijving: Tekst
    bedrag: Bedrag
    eenheid: Eenheid
    ingangsdatum: Datum
    per_aanbieder: dict[Sleutel, Bedrag] = Field(default_factory=dict, description="Als een bedrag (een "
                                                 "lumpsum) per aanbieder verschilt: het bedrag per aanbieder, met de "
                                                 "sleutel uit aanbieders.yaml; 'bedrag' is dan het totaal van alle "
                                                 "aanbieders samen. Alleen bij eenheid 'euro' of 'jaar'.")


class Bezettingsregel(Model):
    """Wat er gebeurt als de bezetting onder een drempel zakt (verplicht bij beschikbaarheid)."""

    drempel_procent: Aantal = Field(ge=1, le=100)
    gevolg: Tekst


class Bekostiging(Model):
    """Hoe een deelsegment (of verbijzondering) bekostigd wordt."""

    was: Bekostigingsvorm | None = None
    vorm: Bekostigingsvorm
    uitvoeringsvariant: Varianten = Field(description="Eén of meer varianten; bij een samengestelde "
                                          "vorm één per onderdeel.")
    reden: Tekst | None = Field(None, description="Waarom de vorm verandert (als 'was' anders is).")
    tarieven: list[Tarief] = Field(default_factory=list)
    voorwaarden: list[Markdown] = Field(default_factory=list)
    bezettingsregel: Bezettingsregel | None = None

    @model_validator(mode="after")
    def _fits_variant(self) -> "Bekostiging":
        expected = {c.uitvoeringsvariant for c in self.vorm.componenten}
        given = set(self.uitvoeringsvariant)
        if given != expected:
            names = " {} ".format(_("and")).join(sorted(v.value for v in expected))
            raise ValueError(_("bekostiging '{form}' belongs to uitvoeringsvariant {expected}, not to "
                               "{given}").format(form=self.vorm.value, expected=names,
                                                 given=", ".join(sorted(v.value for v in given))))
        for t in self.tarieven:
            if t.eenheid not in self.vorm.eenheden:
                raise ValueError(_("tariff '{id}': unit '{unit}' does not fit bekostiging '{form}'; choose from: "
                                   "{units}").format(id=t.id, unit=t.eenheid.value, form=self.vorm.value,
                                                     units=", ".join(u.value for u in self.vorm.eenheden)))
        if self.vorm.heeft_beschikbaarheid and self.bezettingsregel is None:
            raise ValueError(_("availability funding (beschikbaarheidsbekostiging) needs a 'bezettingsregel' "
                               "(for example: when occupancy falls below 50%, the parties decide together "
                               "whether groups are merged)"))
        return self


class Uitzondering(Model):
    """Een gemeente die niet of beperkt deelneemt aan een deelsegment."""

    gemeente: Sleutel
    deelname: Deelnamesoort
    toelichting: Markdown


class Deelname(Model):
    """Welke gemeenten deelnemen; standaard alle gemeenten van het dossier."""

    gemeenten: list[Sleutel] | None = Field(None, description="Weglaten = alle gemeenten van het "
                                            "dossier; anders de sleutels van de deelnemers.")
    uitzonderingen: list[Uitzondering] = Field(default_factory=list)


class Verbijzondering(Model):
    """Een verbijzondering binnen een deelsegment, met eigen bekostiging als die afwijkt."""

    id: Sleutel
    naam: Tekst
    definitie: Markdown
    bekostiging: Bekostiging | None = None


class Deelsegment(Model):
    """Een deelsegment: definitie, inkoopvorm, bekostiging en deelname. In het bestek is elk deelsegment
    een perceel."""

    id: Sleutel = Field(description="Uniek in het hele dossier; besluiten verwijzen ernaar.")
    naam: Tekst
    definitie: Markdown
    verbijzonderingen: list[Verbijzondering] = Field(default_factory=list)
    inkoopvorm: Inkoopvorm
    bekostiging: Bekostiging
    deelname: Deelname = Field(default_factory=Deelname)
    raming: Bedrag | None = Field(None, description="De geraamde waarde van het perceel over de looptijd, in "
                                  "euro's (exclusief btw); staat in hoofdstuk 2 van het bestek.")
    kit: list[KitId] = Field(default_factory=list, description="KIT-eisen die alleen in dit deelsegment gelden, "
                             "naast die van het segment.")
    eisen: list[Markdown] = Field(default_factory=list, description="Het programma van eisen van dit "
                                  "deelsegment: doelgroep, resultaten, wacht- en reactietermijnen, personeel, "
                                  "melden van incidenten, berichtenverkeer, facturatie, AVG. Een eis die een "
                                  "termijn noemt, noemt die termijn ('binnen vijf werkdagen'); een begrip uit "
                                  "begrippen.yaml schrijft u als [[id]].")


class Kpi(Model):
    """Een prestatie-indicator voor leveranciersmanagement."""

    id: Sleutel
    naam: Tekst
    omschrijving: Tekst
    frequentie: Frequentie


class Leveranciersmanagement(Model):
    """Leveranciersmanagement van een segment."""

    toelichting: Markdown
    rapportage: Frequentie
    kpis: list[Kpi] = Field(default_factory=list)


class SegmentFile(Model):
    """`segmenten/<segment>.yaml`: één segment."""

    naam: Tekst
    definitie: Markdown
    tactische_doelen: list[Tekst] = Field(default_factory=list)
    secties: list[Sectie] = Field(default_factory=list, description="Hoofdstukken van het bestek, in het "
                                  "programma van eisen.")
    beleid: list[Sectie] = Field(default_factory=list, description="Beleidstekst over dit segment die niet in een "
                                 "aanbestedingsdocument hoort (onderzoek, open punten): staat alleen in de "
                                 "samenvatting, niet in het bestek.")
    deelname: Deelname | None = Field(None, description="Deelname voor het hele segment: geldt voor elk "
                                      "deelsegment dat geen eigen 'deelname' heeft.")
    deelsegmenten: list[Deelsegment] = Field(min_length=1)
    kit: list[KitId] = Field(default_factory=list, description="KIT-eisen die in dit segment gelden, "
                             "naast de eisen voor alle aanbieders.")
    leveranciersmanagement: Leveranciersmanagement
    toegang: Markdown
    risicos: list[Risico] = Field(default_factory=list, description="Risico's van dit segment; ze staan in de "
                                  "samenvatting, niet in het bestek.")


# --- aanbieders.yaml and besluiten.yaml ----------------------------------------------------------


class Aanbieder(Model):
    """Een aanbieder die zich inschreef."""

    naam: Tekst
    kvk: KvkNummer
    adres: Adres
    contactpersoon: Tekst
    email: Email


class AanbiedersFile(Model):
    """`aanbieders.yaml`: de aanbieders, per sleutel."""

    aanbieders: dict[Sleutel, Aanbieder] = Field(default_factory=dict)


class Uitkomst(Model):
    """De uitkomst voor één deelsegment in het besluit aan een aanbieder."""

    deelsegment: Sleutel
    uitkomst: Uitkomstsoort
    gronden: Markdown | None = Field(None, description="De motivering; verplicht bij afwijzen en "
                                     "niet gunnen.")
    niet_voldaan: list[KitId] = Field(default_factory=list, description="Bij afwijzen: de KIT-eisen "
                                      "waaraan niet is voldaan.")
    scores: dict[Sleutel, Decimal] = Field(default_factory=dict, description="Bij aanbesteden: punten "
                                           "per gunningscriterium (0 tot de weging).")
    inschrijfprijs: Bedrag | None = Field(None, description="Bij aanbesteden met een prijscriterium: de "
                                          "inschrijfprijs in euro's; de punten op het prijscriterium worden "
                                          "ermee gecontroleerd.")

    @model_validator(mode="after")
    def _grounded(self) -> "Uitkomst":
        if self.uitkomst is Uitkomstsoort.AFGEWEZEN and not self.niet_voldaan:
            raise ValueError(_("a rejection names in 'niet_voldaan' the KIT requirement(s) that were not met"))
        if self.uitkomst in (Uitkomstsoort.AFGEWEZEN, Uitkomstsoort.NIET_GEGUND) and not self.gronden:
            raise ValueError(_("'{outcome}' requires 'gronden': the reasons for it").format(
                outcome=self.uitkomst.value))
        return self


class Besluit(Model):
    """Het besluit aan één aanbieder."""

    aanbieder: Sleutel
    kenmerk: Tekst
    verzonden: Datum = Field(description="Datum van verzending; de opschortende termijn loopt vanaf hier.")
    uitkomsten: list[Uitkomst] = Field(min_length=1)
    standstill_dagen: Aantal | None = Field(None, ge=1, le=365, description="Afwijkende opschortende "
                                         "termijn voor dit besluit.")
    aanhef: Tekst | None = Field(None, description="Eigen aanhef, bijvoorbeeld 'Geachte heer en mevrouw "
                                 "Jansen,'. Standaard gemaakt uit de contactpersoon van de aanbieder.")


class Gunning(Model):
    """De winnaars van een aanbesteed deelsegment en waarom hun inschrijving won."""

    deelsegment: Sleutel
    winnaars: list[Sleutel] = Field(min_length=1)
    kenmerken: Markdown = Field(description="Kenmerken en relatieve voordelen van de winnende inschrijving(en).")


class Klachtenmeldpunt(Model):
    """Waar een aanbieder met een klacht over de procedure terechtkan."""

    naam: Tekst = Field(description="Bijvoorbeeld 'Klachtenmeldpunt Aanbesteden OZJT'.")
    email: Email
    telefoon: Tekst | None = None


class BesluitenFile(Model):
    """`besluiten.yaml`: gunnings- en toelatingsbesluiten."""

    standstill_dagen: Aantal = Field(20, ge=1, le=365, description="Opschortende termijn in kalenderdagen "
                                  "na verzending (Aanbestedingswet: 20).")
    termijnenwet: bool = Field(True, description="Of de opschortende termijn volgens de Algemene "
                               "termijnenwet doorloopt tot de eerstvolgende dag die geen zaterdag, zondag of "
                               "algemeen erkende feestdag is, als de laatste dag op zo'n dag valt. Standaard "
                               "aan; 'false' zet dit uit.")
    rechtbank: Tekst | None = Field(None, description="De rechtbank waar een aanbieder een kort geding "
                                    "aanhangig maakt, bijvoorbeeld 'Rechtbank Overijssel'. Verplicht zodra "
                                    "er besluiten zijn.")
    klachtenmeldpunt: Klachtenmeldpunt | None = Field(None, description="Het klachtenmeldpunt van de "
                                                      "opdrachtgever. Verplicht als een aanvraag tot "
                                                      "toelating wordt afgewezen.")
    na_toelating: Markdown | None = Field(None, description="Wat er gebeurt nadat een aanbieder is "
                                          "toegelaten (de overeenkomst, wanneer de aanbieder kan starten). Staat "
                                          "in elk besluit met een toelating; verplicht als er een is.")
    rechtsmiddelen: Markdown | None = Field(None, description="Aanvullende tekst onder de rechtsmiddelen; "
                                            "de vaste tekst per uitkomst (met rechtbank en klachtenmeldpunt) "
                                            "staat al in elk besluit.")
    ondertekening: list[Ondertekenaar] = Field(min_length=1)
    gunningen: list[Gunning] = Field(default_factory=list)
    besluiten: list[Besluit] = Field(default_factory=list)

    @model_validator(mode="after")
    def _remedies_named(self) -> "BesluitenFile":
        if self.besluiten and not self.rechtbank:
            raise ValueError(_("decisions name the court for summary proceedings in 'rechtbank' (for example "
                               "'Rechtbank Overijssel')"))
        admitted = any(u.uitkomst is Uitkomstsoort.TOEGELATEN for b in self.besluiten for u in b.uitkomsten)
        if admitted and not self.na_toelating:
            raise ValueError(_("an admission says what happens next: describe it in 'na_toelating' (the "
                               "agreement, when the provider can start)"))
        refused = any(u.uitkomst is Uitkomstsoort.AFGEWEZEN for b in self.besluiten for u in b.uitkomsten)
        if refused and self.klachtenmeldpunt is None:
            raise ValueError(_("a rejected application names where to complain: 'klachtenmeldpunt' with "
                               "'naam' and 'email'"))
        return self


# --- brieven.yaml --------------------------------------------------------------------------------


class Brief(Model):
    """Een brief van het dossier: aan elke raad (raadsbrief) of in één keer aan alle colleges."""

    id: Sleutel
    soort: Briefsoort
    onderwerp: Tekst
    datum: Datum
    aanhef: Tekst | None = Field(None, description="Standaard 'Geachte leden van de raad,' of "
                                 "'Geachte leden van het college,'.")
    secties: list[Sectie] = Field(min_length=1)
    slot: Tekst = "Hoogachtend,"
    bijlagen: list[Tekst] = Field(default_factory=list)
    ons_kenmerk: Tekst | None = None
    behandeld_door: Tekst | None = None
    afzender: Tekst | None = Field(None, description="Collegebrief: wie ondertekent, bijvoorbeeld "
                                   "'Het dagelijks bestuur van de Dienst Gezondheid & Jeugd'.")
    ondertekening: list[Ondertekenaar] = Field(default_factory=list, description="Collegebrief: de "
                                               "ondertekenaars. Een raadsbrief wordt ondertekend door "
                                               "secretaris en burgemeester van de gemeente.")

    @field_validator("ondertekening")
    @classmethod
    def _max_signers(cls, value: list[Ondertekenaar]) -> list[Ondertekenaar]:
        if len(value) > 4:
            raise ValueError(_("at most four signatories"))
        return value

    @model_validator(mode="after")
    def _signed(self) -> "Brief":
        if self.soort is Briefsoort.COLLEGEBRIEF and not (self.afzender and self.ondertekening):
            raise ValueError(_("a collegebrief names 'afzender' and 'ondertekening'"))
        return self


class BrievenFile(Model):
    """`brieven.yaml`: de brieven die het dossier verstuurt."""

    brieven: list[Brief] = Field(default_factory=list)


# --- nota-van-inlichtingen.yaml (optional) -------------------------------------------------------


class Vraag(Model):
    """Een vraag van een aanbieder met het antwoord."""

    nummer: int = Field(ge=1, description="Volgnummer; elke vraag heeft een eigen nummer.")
    vraag: Markdown
    antwoord: Markdown
    betreft: Tekst | None = Field(None, description="Waar de vraag over gaat: een id (KIT-K-04, een "
                                  "deelsegment, verbijzondering of tarief), een paragraaf van de bestekken "
                                  "('Planning', 'Bestek Wonen, Tarieven') of een andere plaats in de stukken. "
                                  "De nota noemt het bestek en de paragraaf ('Bestek Ambulant, § 7.1, "
                                  "KIT-I-01 Bibob-toets'); een id die niet bestaat is een fout.")
    wijzigt_documenten: bool = Field(False, description="Of het antwoord de aanbestedingsstukken wijzigt; "
                                     "de nota zegt dat bij het antwoord, met de wijziging en de gewijzigde "
                                     "onderdelen uit de vergelijking.")
    wijziging: Markdown | None = Field(None, description="De wijziging van de stukken, letterlijk: wat waar "
                                       "komt te staan ('In § 4.2 Planning wordt de sluiting van de inschrijving "
                                       "22 april 2024, 12.00 uur'). Verplicht als het antwoord de stukken wijzigt "
                                       "en de nota geen 'vergelijk' heeft.")

    @model_validator(mode="after")
    def _change_stated(self) -> "Vraag":
        if self.wijziging and not self.wijzigt_documenten:
            raise ValueError(_("an answer with a 'wijziging' changes the documents: set 'wijzigt_documenten: "
                               "true'"))
        return self


class Vergelijking(Model):
    """De eerdere versie van dit dossier waarmee de nota de gewijzigde onderdelen bepaalt."""

    revisie: Tekst | None = Field(None, description="Git-revisie (tag, commit of branch) van deze "
                                  "dossiermap, bijvoorbeeld 'v1.0'.")
    map: Tekst | None = Field(None, description="Of: een map met de eerdere versie, relatief aan deze "
                              "dossiermap.")

    @model_validator(mode="after")
    def _one(self) -> "Vergelijking":
        if (self.revisie is None) == (self.map is None):
            raise ValueError(_("name either 'revisie' (a git revision) or 'map' (a folder with the earlier "
                               "version)"))
        return self


class NotaFile(Model):
    """`nota-van-inlichtingen.yaml` (optioneel): vragen van aanbieders met de antwoorden (de Nota van Inlichtingen)."""

    titel: Tekst = "Nota van Inlichtingen"
    datum: Datum = Field(description="Datum van de nota; de nota gaat op deze dag naar alle deelnemers.")
    inleiding: Markdown | None = None
    vergelijk: Vergelijking | None = Field(None, description="Eerdere versie van dit dossier; antwoorden "
                                           "die de stukken wijzigen noemen de verschillen daarmee.")
    vragen: list[Vraag] = Field(min_length=1)

    @field_validator("vragen")
    @classmethod
    def _numbered(cls, value: list[Vraag]) -> list[Vraag]:
        numbers = [v.nummer for v in value]
        if numbers != sorted(set(numbers)):
            raise ValueError(_("the questions are not numbered in ascending order without duplicates "
                               "({numbers})").format(numbers=", ".join(map(str, numbers))))
        return value


FILES: dict[str, type[Model]] = {
    "dossier.yaml": DossierSpec,
    "gemeenten.yaml": GemeentenFile,
    "kit.yaml": KitFile,
    "begrippen.yaml": BegrippenFile,
    "aanbieders.yaml": AanbiedersFile,
    "besluiten.yaml": BesluitenFile,
    "brieven.yaml": BrievenFile,
    "segmenten/*.yaml": SegmentFile,
    "nota-van-inlichtingen.yaml": NotaFile,
}
"""Every spec file of a dossier folder and its model; all are required except those in OPTIONAL_FILES,
and segment files are one per segment."""

OPTIONAL_FILES = frozenset({"nota-van-inlichtingen.yaml"})

