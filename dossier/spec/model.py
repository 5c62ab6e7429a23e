"""The spec models: one model per spec file, validated field by field.

These classes are the reference of the spec format (docs/spec-format.md and the JSON Schemas in schemas/
are generated from them). The docstring under each field is its description for the person who writes
the spec, in Dutch; titles come from `types.title` (or `Field(title=…)`). Rules that need more than
one file (references, participation, decisions) live in `rules.py`.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..i18n import _
from .types import (
    Aantal,
    Bedrag,
    Bekostigingsvorm,
    Bestekdeel,
    Datum,
    Briefsoort,
    Deelnamesoort,
    Eenheid,
    EisSoort,
    Email,
    Frequentie,
    Getal,
    InkoopvormSoort,
    Proceduresoort,
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
    """De kop van de sectie, bijvoorbeeld 'Inleiding'."""
    tekst: Markdown
    """De tekst van de sectie: alinea's, lijsten en tabellen in Markdown."""


class Segmentsectie(Sectie):
    """Een tekstsectie van een segment: staat in het bestek in het deel dat 'bestekdeel' noemt."""

    bestekdeel: Bestekdeel = Bestekdeel.PROGRAMMA_VAN_EISEN
    """In welk van de dertien delen van het bestek de sectie staat, als genummerde paragraaf van dat hoofdstuk:
    bijvoorbeeld 'gunning' voor een tekst over de gunning (na de beoordeling), 'procedure' voor een tekst over de
    inkoopvorm of procedure (na de inkoopvorm), 'overeenkomst' voor een tekst over de tarieven en hun wijziging
    tijdens de looptijd. Zonder 'bestekdeel' staat de sectie in het programma van eisen, na de tactische doelen."""


class Adres(Model):
    """Een post- of bezoekadres."""

    straat: Tekst
    """Straat en huisnummer, of 'Postbus 18'."""
    postcode: Postcode
    """Vier cijfers en twee hoofdletters, bijvoorbeeld '7550 AA'."""
    plaats: Tekst
    """De plaatsnaam, bijvoorbeeld 'Hengelo'."""


class Risico(Model):
    """Een risico en wat eraan gedaan wordt."""

    id: Sleutel
    """Vaste sleutel van het risico, bijvoorbeeld 'ambities-niet-tegelijk'."""
    titel: Tekst
    """Het risico in één zin, bijvoorbeeld 'Niet alle ambities zijn tegelijk te realiseren'."""
    omschrijving: Markdown
    """Wat het risico inhoudt en wat de gevolgen kunnen zijn."""
    beheersmaatregel: Markdown | None = None
    """Wat de opdrachtgever doet om het risico te beperken."""


class Ondertekenaar(Model):
    """Iemand die een brief of besluit ondertekent."""

    functie: Tekst
    """De functie onder de handtekening, bijvoorbeeld 'de secretaris'."""
    naam: Tekst
    """De naam onder de handtekening, bijvoorbeeld 'J. de Vries'."""


# --- dossier.yaml --------------------------------------------------------------------------------


class Contactpersoon(Model):
    """De ene contactpersoon voor aanbieders tijdens de procedure."""

    naam: Tekst
    """Voor- en achternaam van de contactpersoon."""
    functie: Tekst | None = None
    """Bijvoorbeeld 'inkoopadviseur'."""
    email: Email | None = None
    """Het e-mailadres van de contactpersoon."""
    telefoon: Tekst | None = None
    """Het telefoonnummer van de contactpersoon, zoals het in de stukken staat."""


class Opdrachtgever(Model):
    """Wie namens de deelnemende gemeenten (de aanbestedende diensten, gemeenten.yaml) inkoopt."""

    naam: Tekst
    """Bijvoorbeeld 'OZJT/Samen14'."""
    omschrijving: Tekst | None = None
    """De naam voluit, voor de aanhef van besluiten."""
    adres: Adres | None = None
    """Het postadres van de opdrachtgever."""
    email: Email | None = None
    """Het algemene e-mailadres van de opdrachtgever."""
    telefoon: Tekst | None = None
    """Het algemene telefoonnummer van de opdrachtgever."""
    mandaat: Markdown | None = None
    """Op grond waarvan de opdrachtgever namens de gemeenten inkoopt (gemeenschappelijke regeling,
    mandaatbesluit) en wie de besluiten neemt. Staat in hoofdstuk 1 van elk bestek."""
    contactpersoon: Contactpersoon | None = None
    """De ene contactpersoon voor aanbieders tijdens de procedure."""
    kanaal: Tekst | None = None
    """Het communicatiekanaal van de procedure, bijvoorbeeld 'de berichtenmodule van TenderNed'; vragen en
    inschrijvingen gaan alleen hierlangs."""


class Contract(Model):
    """Ingangsdatum en looptijd van het contract."""

    ingangsdatum: Datum
    """De dag waarop de contracten ingaan, bijvoorbeeld 2025-01-01."""
    looptijd_maanden: Aantal = Field(ge=1, le=240)
    """De looptijd zonder verlengingen, in hele maanden (1 tot 240), bijvoorbeeld 48."""
    verlenging: Tekst | None = None
    """Verlengingsopties, bijvoorbeeld 'tweemaal twee jaar'."""
    verlenging_besluit: Markdown | None = None
    """Wie over verlenging beslist en wanneer, bijvoorbeeld 'de opdrachtgever, uiterlijk zes maanden voor de
    einddatum'. Staat in de overeenkomst."""


class Fase(Model):
    """Een fase van de planning, van datum tot datum."""

    naam: Tekst
    """De naam van de fase, bijvoorbeeld 'Aanbesteding'."""
    van: Datum
    """De eerste dag van de fase."""
    tot: Datum
    """De einddatum van de fase; niet vóór 'van'."""
    omschrijving: Markdown | None = None
    """Wat er in deze fase gebeurt."""

    @model_validator(mode="after")
    def _in_order(self) -> "Fase":
        if self.tot < self.van:
            raise ValueError(_("'tot' ({tot}) is before 'van' ({van}); swap the dates").format(
                tot=self.tot.isoformat(), van=self.van.isoformat()))
        return self


class Mijlpaal(Model):
    """Een stap van het tijdschema met datum en (bij een uiterste termijn) tijd."""

    soort: MijlpaalSoort
    """Welke stap dit is, bijvoorbeeld 'sluiting-inschrijving'."""
    datum: Datum
    """De dag van deze stap."""
    tijd: Tijd | None = None
    """Tijdstip als UU:MM, bijvoorbeeld '12:00'; met een 'procedure' verplicht bij sluiting-vragen en
    sluiting-inschrijving."""
    omschrijving: Tekst | None = None
    """Eigen omschrijving van de stap; staat in het tijdschema van het bestek."""
    fase: Tekst | None = None
    """De naam van de fase waarin deze stap valt; de datum ligt dan binnen die fase."""


class Planning(Model):
    """Fasen (op volgorde) en mijlpalen van de inkoop."""

    fasen: list[Fase] = Field(min_length=1)
    """De fasen van de inkoop, in volgorde van tijd."""
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    """De stappen van het tijdschema (publicatie, sluiting van de inschrijving, gunning, …)."""


class Sturingsinstrumenten(Model):
    """Waarom voor deze inkoop- en contractvormen, bekostiging, leveranciersmanagement en toegang is gekozen,
    over alle segmenten heen; de samenvatting zet dit bij de tabellen uit de segmenten."""

    inkoopvorm: Markdown | None = None
    """De afwegingen bij de keuze van de inkoop- en contractvormen (bijvoorbeeld: geen doorlopende
    inschrijving, een dekkend en beheersbaar landschap) en wat een toelatingsprocedure met voorwaarden
    inhoudt."""
    bekostiging: Markdown | None = None
    """Waarom de bekostiging per (deel)segment zo is gekozen, en waar en waarom wordt afgeweken van eerdere
    keuzes."""
    leveranciersmanagement: Markdown | None = None
    """Hoe het leveranciers- en contractmanagement over de segmenten heen is ingericht."""
    toegang: Markdown | None = None
    """Hoe de toegang tot de jeugdhulp is georganiseerd en welke ontwikkelingen worden meegenomen."""


class Bewijsstuk(Model):
    """Een bewijsstuk dat de opdrachtgever opvraagt: wat, van wie en wanneer."""

    wat: Tekst
    """Bijvoorbeeld 'Gedragsverklaring Aanbesteden (GVA), niet ouder dan twee jaar'."""
    van_wie: Tekst
    """Bijvoorbeeld 'de voorlopig gegunde inschrijvers'."""
    wanneer: Tekst
    """Bijvoorbeeld 'binnen tien werkdagen na het verzoek'."""


class Uitsluiting(Model):
    """De uitsluitingsgronden: hoe een aanbieder verklaart dat er geen gelden, en welk bewijs volgt."""

    verklaring: Verklaring
    """'uea' (Uniform Europees Aanbestedingsdocument) of 'eigen-verklaring'."""
    toelichting: Markdown | None = None
    """Welke uitsluitingsgronden gelden (verplichte en facultatieve)."""
    bewijs: list[Bewijsstuk] = Field(min_length=1)
    """De bewijsstukken die de opdrachtgever opvraagt, bijvoorbeeld de Gedragsverklaring Aanbesteden."""


class Schaalpunt(Model):
    """Eén punt van de beoordelingsschaal."""

    score: Aantal = Field(ge=0, le=100)
    """De score op de schaal, een heel getal van 0 tot 100, bijvoorbeeld 8."""
    betekenis: Tekst
    """Bijvoorbeeld 'goed: de aanpak is concreet en onderbouwd'."""


class Beoordeling(Model):
    """Hoe de inschrijvingen op de gunningscriteria worden beoordeeld."""

    schaal: list[Schaalpunt] = Field(min_length=2)
    """De beoordelingsschaal, van laag naar hoog."""
    methode: Markdown
    """Wie beoordeelt en hoe: commissie, eerst individueel en dan in consensus, hoe de schaalscore in punten
    wordt omgerekend."""
    prijsformule: Prijsformule | None = None
    """Verplicht als een criterium 'prijs: true' heeft. 'relatief': punten = weging × laagste inschrijfprijs /
    eigen inschrijfprijs; dossier controleert de punten in besluiten.yaml."""
    gelijke_score: Markdown
    """Wat er gebeurt bij een gelijke totaalscore, bijvoorbeeld loting onder notarieel toezicht."""


class Procedurevoorwaarden(Model):
    """Uitsluiting, geschiktheid en beoordeling van één soort procedure (aanbesteding of toelating)."""

    uitsluiting: Uitsluiting
    """De uitsluitingsgronden, de verklaring en het bewijs."""
    geschiktheidseisen: list[Markdown] = Field(default_factory=list)
    """Geschiktheidseisen naast de KIT-eisen met soort 'geschiktheid', elk proportioneel; geen minimumeisen
    aan de dienst zelf."""
    beoordeling: Beoordeling | None = None
    """Hoe de inschrijvingen worden beoordeeld; verplicht bij aanbesteding."""


class Bijlage(Model):
    """Een bijlage bij de bestekken (formulier, referentieformulier, Bibob-vragenlijst, tarievenbijlage)."""

    id: Sleutel
    """Vaste sleutel van de bijlage, bijvoorbeeld 'bibob-vragenlijst'."""
    titel: Tekst
    """De titel van de bijlage, bijvoorbeeld 'Bibob-vragenlijst'."""
    omschrijving: Tekst | None = None
    """Wat de bijlage is en wat de inschrijver ermee doet."""


class Procedure(Model):
    """De procedure zoals de bestekken die aan aanbieders voorschrijven."""

    publicatie: Tekst
    """Waar en onder welk kenmerk de procedure is gepubliceerd, bijvoorbeeld 'TenderNed, kenmerk 412345'."""
    percelen_combineren: bool = True
    """Of een aanbieder op meer percelen (deelsegmenten) mag inschrijven; elk deelsegment is een perceel."""
    gestanddoeningstermijn_dagen: Aantal = Field(ge=1, le=365)
    """Hoe lang een inschrijving op een aanbesteed perceel geldig blijft na de sluiting, in kalenderdagen,
    bijvoorbeeld 90; het bestek van een segment met alleen toelating noemt hem niet."""
    vragen: Markdown
    """Hoe aanbieders vragen stellen (kanaal, anoniem, wanneer); de Nota van Inlichtingen maakt deel uit van
    de stukken en gaat voor."""
    inschrijven: Markdown
    """Hoe een aanbieder inschrijft: formulieren, vorm, ondertekening, taal, combinaties, onderaanneming,
    beroep op derden, geen varianten."""
    aanbesteding: Procedurevoorwaarden | None = None
    """Uitsluiting, geschiktheid en beoordeling bij aanbesteden; verplicht als een deelsegment wordt
    aanbesteed (verlicht regime)."""
    toelating: Procedurevoorwaarden | None = None
    """Uitsluiting en geschiktheid bij toelating; verplicht als een deelsegment een toelatingsprocedure of
    open house heeft."""
    na_gunning: Markdown | None = None
    """Wat volgt op het gunnings- of toelatingsbesluit: opschortende termijn, definitieve gunning,
    ondertekening."""
    voorbehouden: list[Markdown] = Field(default_factory=list)
    """Voorbehouden: intrekken, budget, geen verplichting tot gunnen."""
    bijlagen: list[Bijlage] = Field(default_factory=list)
    """De bijlagen bij elk bestek, met titel."""

    @model_validator(mode="after")
    def _scored(self) -> "Procedure":
        if self.aanbesteding is not None and self.aanbesteding.beoordeling is None:
            raise ValueError(_("a tender says how bids are scored: give 'aanbesteding' a 'beoordeling'"))
        return self


class Overeenkomst(Model):
    """De concept-overeenkomst (raamovereenkomst of toelatingsovereenkomst): de bepalingen die de bestekken
    noemen. Tekst die niet uit een vastgesteld model komt, markeert u met !voorbeeld: die staat in de
    overeenkomst als voorbeeldtekst ter juridische toetsing."""

    voorwerp: Markdown
    """Wat de overeenkomst regelt: welke jeugdhulp de aanbieder levert, voor welke gemeenten."""
    indexatie: Markdown
    """Hoe de tarieven worden geïndexeerd, bijvoorbeeld met de OVA."""
    wijziging: Markdown
    """Hoe de overeenkomst wordt gewijzigd."""
    beeindiging: Markdown
    """Opzegging en ontbinding."""
    boetes: Markdown
    """Boetes en andere sancties."""
    geschillen: Markdown
    """Hoe geschillen worden opgelost; de rechtbank staat in besluiten.yaml."""
    voorwaarden: Tekst | None = None
    """De algemene inkoopvoorwaarden die gelden, met titel."""


class DossierSpec(Model):
    """`dossier.yaml`: het dossier zelf."""

    titel: Tekst
    """Bijvoorbeeld 'Inkoop jeugdhulp Twente 2025'."""
    regio: Tekst
    """De naam van de regio, bijvoorbeeld 'Twente'."""
    opdrachtgever: Opdrachtgever
    """Wie namens de gemeenten inkoopt: naam, adres, mandaat en contactpersoon."""
    versie: Tekst
    """Versie van het dossier, bijvoorbeeld '1.0'."""
    status: Status
    """'concept' of 'definitief'; een concept krijgt het watermerk CONCEPT op elk document."""
    datum: Datum
    """Datum van deze versie; staat op elk document."""
    kit: Tekst = Field(title="Naam van het KIT")
    """Hoe dit dossier het kwaliteitsinstrument noemt, bijvoorbeeld 'Kwaliteits- en Integriteitsinstrument
    Twente (KIT)'."""
    segmenten: list[Sleutel] = Field(min_length=1)
    """De segmenten in volgorde; elk heeft een bestand segmenten/<sleutel>.yaml."""
    contract: Contract
    """Ingangsdatum, looptijd en verlenging van de contracten."""
    planning: Planning
    """De fasen en mijlpalen van de inkoop."""
    leidende_principes: list[Tekst] = Field(default_factory=list)
    """De principes waarop de inkoop rust, elk in één zin."""
    strategische_doelen: list[Tekst] = Field(default_factory=list)
    """De doelen van de inkoop over alle segmenten heen, elk in één zin."""
    risicos: list[Risico] = Field(default_factory=list)
    """De risico's van de inkoop als geheel, met beheersmaatregel; ze staan in de samenvatting."""
    secties: list[Sectie] = Field(default_factory=list)
    """Inleiding, ontwikkelpotentieel, inkoop-effecten, vervolg, … in volgorde."""
    sturingsinstrumenten: Sturingsinstrumenten = Field(default_factory=Sturingsinstrumenten)
    """De toelichting per sturingsinstrument in de samenvatting."""
    slotsecties: list[Sectie] = Field(default_factory=list)
    """Hoofdstukken die de samenvatting na de sturingsinstrumenten, de deelname en de risico's toont, zoals
    inkoop-effecten en vervolg, in volgorde."""
    doorlopende_inschrijving: bool = False
    """Of aanbieders gedurende het contract doorlopend toelating kunnen aanvragen (percelen met toelating);
    een aanbesteed perceel gaat tijdens de looptijd nooit opnieuw open."""
    procedure: Procedure | None = None
    """De procedure voor aanbieders: publicatie, vragen, inschrijven, uitsluiting, geschiktheid,
    beoordeling, voorbehouden en bijlagen (hoofdstukken 1 tot 9 en 13 van elk bestek)."""
    overeenkomst: Overeenkomst | None = None
    """De concept-overeenkomst; met dit veld maakt dossier per segment een overeenkomst."""
    huisstijl: Tekst | None = None
    """De huisstijl van de documenten: de naam van een meegeleverde huisstijl ('standaard', 'zhz') of een pad,
    relatief aan de dossiermap, naar een map met eigen sjablonen (bijvoorbeeld './huisstijl/sjablonen').
    Zonder dit veld: 'standaard'."""


# --- gemeenten.yaml -----------------------------------------------------------------------------


class Huisstijl(Model):
    """Het eigen briefpapier van een gemeente."""

    logo: Tekst | None = None
    """Pad naar een PNG- of JPEG-logo, relatief aan de dossiermap; het pad mag de dossiermap niet verlaten."""
    kleur: Kleur | None = None
    """Huiskleur als '#RRGGBB', bijvoorbeeld '#00689E'."""


class Gemeente(Model):
    """Een deelnemende gemeente, met wat de raadsbrief nodig heeft."""

    naam: Tekst
    """De naam van de gemeente, bijvoorbeeld 'Hof van Twente'."""
    postadres: Adres
    """Het postadres; staat in de briefkop van de raadsbrief."""
    bezoekadres: Adres
    """Het bezoekadres; staat in de voettekst van de raadsbrief."""
    telefoon: Tekst
    """Het algemene telefoonnummer van de gemeente, zoals het in de brief staat."""
    email: Email
    """Het algemene e-mailadres van de gemeente."""
    burgemeester: Tekst
    """Naam van de burgemeester; ondertekent de raadsbrief."""
    secretaris: Tekst
    """Naam van de gemeentesecretaris; ondertekent de raadsbrief."""
    zaaknummer: Tekst
    """Het zaaknummer van de raadsbrief; staat in de rij onder het adresblok."""
    kenmerk: Tekst | None = None
    """'Uw kenmerk' in de brief, als de raad er een gaf."""
    lokale_paragrafen: list[Sectie] = Field(default_factory=list)
    """Eigen paragrafen van deze gemeente; ze staan alleen in de raadsbrief aan deze gemeente."""
    huisstijl: Huisstijl | None = None
    """Eigen logo en huiskleur voor de raadsbrief van deze gemeente."""


class GemeentenFile(Model):
    """`gemeenten.yaml`: de deelnemende gemeenten, per sleutel."""

    gemeenten: dict[Sleutel, Gemeente] = Field(min_length=1)
    """De deelnemende gemeenten; de sleutel (bijvoorbeeld 'hof-van-twente') gebruikt u elders in het
    dossier."""


# --- kit.yaml ------------------------------------------------------------------------------------


class KitEis(Model):
    """Eén eis van het kwaliteits- en integriteitsinstrument."""

    id: KitId
    """Vaste id van de eis: 'KIT-' + letter + '-' + twee cijfers, bijvoorbeeld 'KIT-I-01'."""
    soort: EisSoort
    """'integriteit', 'geschiktheid' of 'kwaliteit'."""
    titel: Tekst
    """De titel van de eis, bijvoorbeeld 'Bibob-toets'."""
    tekst: Markdown
    """De eis zelf, zoals een aanbieder hem leest."""
    bewijs: list[Tekst] = Field(min_length=1)
    """Wat de aanbieder aanlevert als bewijs."""
    alle_aanbieders: bool = False
    """Geldt voor elke aanbieder in elk segment (zoals de Bibob-toets)."""


class KitFile(Model):
    """`kit.yaml`: de eisen, elk met een vaste id."""

    inleiding: Markdown
    """Wat het KIT is en hoe het wordt toegepast; staat boven de eisen."""
    eisen: list[KitEis] = Field(min_length=1)
    """De eisen van het KIT, elk met een vaste id."""


# --- begrippen.yaml ------------------------------------------------------------------------------


class Begrip(Model):
    """Een begrip; een bestek noemt alleen de begrippen die erin voorkomen."""

    id: Sleutel
    """Vaste sleutel van het begrip; in Markdown verwijst u ernaar als [[id]]."""
    term: Tekst
    """Het begrip zoals het in de begrippenlijst staat, bijvoorbeeld 'Jeugdhulp'."""
    definitie: Markdown
    """Wat het begrip betekent in de stukken."""
    synoniemen: list[Tekst] = Field(default_factory=list)
    """Andere schrijfwijzen van het begrip; komt er een in een bestek voor, dan staat het begrip erin."""


class BegrippenFile(Model):
    """`begrippen.yaml`: de begrippenlijst."""

    begrippen: list[Begrip] = Field(min_length=1)
    """De begrippen, in de volgorde van de begrippenlijst."""


# --- segmenten/<segment>.yaml --------------------------------------------------------------------


class Subcriterium(Model):
    """Een subcriterium met zijn weging in punten."""

    id: Sleutel
    """Vaste sleutel van het subcriterium, bijvoorbeeld 'samenwerking'."""
    naam: Tekst
    """De naam van het subcriterium, bijvoorbeeld 'Samenwerking met de sociale basis'."""
    weging: Aantal = Field(ge=1, le=100)
    """Punten; de subcriteria tellen op tot de weging van het criterium."""


class Criterium(Model):
    """Een gunningscriterium met zijn weging in punten."""

    id: Sleutel
    """Vaste sleutel van het criterium, uniek binnen het deelsegment; besluiten.yaml geeft er punten op."""
    naam: Tekst
    """De naam van het gunningscriterium, bijvoorbeeld 'Kwaliteit van de behandeling'."""
    weging: Aantal = Field(ge=1, le=100)
    """Punten; de wegingen van een deelsegment tellen op tot 100."""
    subcriteria: list[Subcriterium] = Field(default_factory=list)
    """De subcriteria, als het criterium is opgedeeld; hun wegingen tellen op tot die van het criterium."""
    inleveren: Markdown | None = None
    """Wat de inschrijver voor dit criterium indient, bijvoorbeeld 'een plan van aanpak van ten hoogste twee
    A4'."""
    prijs: bool = False
    """Of dit het prijscriterium is; de punten volgen dan uit de prijsformule en de inschrijfprijzen."""

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
    """De inkoopvorm in de vorige inkoop, bijvoorbeeld 'open-house'."""
    wordt: InkoopvormSoort
    """De inkoopvorm in deze inkoop, bijvoorbeeld 'toelatingsprocedure-met-voorwaarden'."""
    procedure: Proceduresoort
    """De procedure van dit perceel in het bestek: 'aanbesteding-verlicht-regime' bij aanbesteden (het verlichte
    regime van de Aanbestedingswet 2012 voor sociale en andere specifieke diensten), 'toelating' bij open house
    of een toelatingsprocedure met voorwaarden (buiten de Aanbestedingswet)."""
    redenen: list[Tekst] = Field(min_length=1)
    """Waarom voor deze inkoopvorm is gekozen, elke reden in één zin."""
    heropening: Markdown | None = None
    """Wanneer de toelating weer opengaat (verplicht bij een toelatingsprocedure)."""
    max_aanbieders: Aantal | None = Field(None, ge=1)
    """Het maximum aantal aanbieders dat een opdracht krijgt; verplicht bij aanbesteden met een beperkt
    aantal aanbieders."""
    gunningscriteria: list[Criterium] = Field(default_factory=list)
    """Alleen bij aanbesteden: de gunningscriteria met hun weging; de wegingen tellen op tot 100."""

    @field_validator("procedure")
    @classmethod
    def _procedure_fits_form(cls, procedure: Proceduresoort, info: ValidationInfo) -> Proceduresoort:
        wordt = info.data.get("wordt")
        if wordt is None:
            return procedure
        past = Proceduresoort.AANBESTEDING if wordt.is_aanbesteden else Proceduresoort.TOELATING
        if procedure is not past:
            raise ValueError(_("'{procedure}' does not fit 'wordt: {form}'; write 'procedure: {fits}'").format(
                procedure=procedure.value, form=wordt.value, fits=past.value))
        return procedure

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
    """Vaste sleutel van het tarief, uniek binnen de bekostiging, bijvoorbeeld 'begeleiding-uur'."""
    omschrijving: Tekst
    """Waarvoor het tarief geldt, bijvoorbeeld 'Begeleiding individueel'."""
    bedrag: Bedrag
    """Het bedrag in euro's met een punt en hoogstens twee decimalen, zonder euroteken: 186.50, niet
    '€ 186,50'."""
    eenheid: Eenheid
    """Waarvoor het bedrag geldt, bijvoorbeeld 'uur' of 'etmaal'; past bij de bekostigingsvorm."""
    ingangsdatum: Datum
    """De dag vanaf wanneer het tarief geldt."""
    per_aanbieder: dict[Sleutel, Bedrag] = Field(default_factory=dict)
    """Als een bedrag (een lumpsum) per aanbieder verschilt: het bedrag per aanbieder, met de sleutel uit
    aanbieders.yaml; 'bedrag' is dan het totaal van alle aanbieders samen. Alleen bij eenheid 'euro' of
    'jaar'."""


class Bezettingsregel(Model):
    """Wat er gebeurt als de bezetting onder een drempel zakt (verplicht bij beschikbaarheid)."""

    drempel_procent: Aantal = Field(ge=1, le=100)
    """De bezetting in procenten (1 tot 100) waaronder de regel geldt, bijvoorbeeld 50."""
    gevolg: Tekst
    """Wat er dan gebeurt, bijvoorbeeld 'partijen besluiten samen of groepen worden samengevoegd'."""


class Bekostiging(Model):
    """Hoe een deelsegment (of verbijzondering) bekostigd wordt."""

    was: Bekostigingsvorm | None = None
    """De bekostigingsvorm in de vorige inkoop, als die anders was."""
    vorm: Bekostigingsvorm
    """Hoe de aanbieder betaald wordt, bijvoorbeeld 'pq-bestede-tijd' of 'lumpsum'."""
    uitvoeringsvariant: Varianten
    """Eén of meer varianten; bij een samengestelde vorm één per onderdeel."""
    reden: Tekst | None = None
    """Waarom de vorm verandert (als 'was' anders is)."""
    tarieven: list[Tarief] = Field(default_factory=list)
    """De tarieven, elk met bedrag, eenheid en ingangsdatum."""
    voorwaarden: list[Markdown] = Field(default_factory=list)
    """Afspraken over betalen en verantwoorden, bijvoorbeeld 'De lumpsum wordt per kwartaal betaald.'"""
    bezettingsregel: Bezettingsregel | None = None
    """Wat er gebeurt als de bezetting onder een drempel zakt; verplicht bij beschikbaarheidsbekostiging."""

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
    """De sleutel van de gemeente uit gemeenten.yaml, bijvoorbeeld 'almelo'."""
    deelname: Deelnamesoort
    """'niet' of 'beperkt'."""
    toelichting: Markdown
    """Waarom en in welke mate de gemeente niet of beperkt deelneemt."""


class Deelname(Model):
    """Welke gemeenten deelnemen; standaard alle gemeenten van het dossier."""

    gemeenten: list[Sleutel] | None = None
    """Weglaten = alle gemeenten van het dossier; anders de sleutels van de deelnemers."""
    uitzonderingen: list[Uitzondering] = Field(default_factory=list)
    """Gemeenten die niet of beperkt deelnemen, met toelichting."""


class Verbijzondering(Model):
    """Een verbijzondering binnen een deelsegment, met eigen bekostiging als die afwijkt."""

    id: Sleutel
    """Vaste sleutel, uniek binnen het deelsegment, bijvoorbeeld 'crisispleegzorg'."""
    naam: Tekst
    """De naam van de verbijzondering, bijvoorbeeld 'Crisispleegzorg'."""
    definitie: Markdown
    """Wat onder deze verbijzondering valt."""
    bekostiging: Bekostiging | None = None
    """Eigen bekostiging, als die afwijkt van die van het deelsegment."""


class Deelsegment(Model):
    """Een deelsegment: definitie, inkoopvorm, bekostiging en deelname. In het bestek is elk deelsegment
    een perceel."""

    id: Sleutel
    """Uniek in het hele dossier; besluiten verwijzen ernaar."""
    naam: Tekst
    """De naam van het deelsegment, bijvoorbeeld 'Begeleiding'."""
    definitie: Markdown
    """Welke jeugdhulp onder dit deelsegment valt; staat in het bestek en in de samenvatting."""
    verbijzonderingen: list[Verbijzondering] = Field(default_factory=list)
    """Onderdelen van het deelsegment met een eigen definitie en soms een eigen bekostiging."""
    inkoopvorm: Inkoopvorm
    """Hoe het deelsegment werd en wordt ingekocht, en waarom."""
    bekostiging: Bekostiging
    """Hoe de aanbieders in dit deelsegment betaald worden, met de tarieven."""
    deelname: Deelname = Field(default_factory=Deelname)
    """Welke gemeenten deelnemen; weglaten = de deelname van het segment of anders alle gemeenten."""
    raming: Bedrag | None = None
    """De geraamde waarde van het perceel over de looptijd, in euro's (exclusief btw); staat in hoofdstuk 2
    van het bestek."""
    kit: list[KitId] = Field(default_factory=list)
    """KIT-eisen die alleen in dit deelsegment gelden, naast die van het segment."""
    eisen: list[Markdown] = Field(default_factory=list)
    """Het programma van eisen van dit deelsegment: doelgroep, resultaten, wacht- en reactietermijnen,
    personeel, melden van incidenten, berichtenverkeer, facturatie, AVG. Een eis die een termijn noemt,
    noemt die termijn ('binnen vijf werkdagen'); een begrip uit begrippen.yaml schrijft u als [[id]]."""


class Kpi(Model):
    """Een prestatie-indicator voor leveranciersmanagement."""

    id: Sleutel
    """Vaste sleutel van de KPI, bijvoorbeeld 'doorlooptijd'."""
    naam: Tekst
    """De naam van de KPI, bijvoorbeeld 'Doorlooptijd tot start van de hulp'."""
    omschrijving: Tekst
    """Wat er wordt gemeten en hoe."""
    frequentie: Frequentie
    """Hoe vaak de KPI wordt gemeten, bijvoorbeeld 'per-kwartaal'."""


class Leveranciersmanagement(Model):
    """Leveranciersmanagement van een segment."""

    toelichting: Markdown
    """Hoe het leveranciersmanagement in dit segment werkt: gesprekken, sturing, escalatie."""
    rapportage: Frequentie
    """Hoe vaak aanbieders rapporteren, bijvoorbeeld 'halfjaarlijks'."""
    kpis: list[Kpi] = Field(default_factory=list)
    """De prestatie-indicatoren waarop de opdrachtgever stuurt."""


class SegmentFile(Model):
    """`segmenten/<segment>.yaml`: één segment."""

    naam: Tekst
    """De naam van het segment, bijvoorbeeld 'Ambulant'."""
    definitie: Markdown
    """Welke jeugdhulp onder dit segment valt."""
    tactische_doelen: list[Tekst] = Field(default_factory=list)
    """De doelen van dit segment, elk in één zin."""
    secties: list[Segmentsectie] = Field(default_factory=list)
    """Teksten van het bestek, elk in het deel van het bestek dat zijn 'bestekdeel' noemt."""
    beleid: list[Sectie] = Field(default_factory=list)
    """Beleidstekst over dit segment die niet in een aanbestedingsdocument hoort (onderzoek, open punten):
    staat alleen in de samenvatting, niet in het bestek."""
    deelname: Deelname | None = None
    """Deelname voor het hele segment: geldt voor elk deelsegment dat geen eigen 'deelname' heeft."""
    deelsegmenten: list[Deelsegment] = Field(min_length=1)
    """De deelsegmenten (percelen) van dit segment, in volgorde."""
    kit: list[KitId] = Field(default_factory=list)
    """KIT-eisen die in dit segment gelden, naast de eisen voor alle aanbieders."""
    leveranciersmanagement: Leveranciersmanagement
    """Hoe de opdrachtgever de aanbieders in dit segment volgt en stuurt."""
    toegang: Markdown
    """Hoe jeugdigen bij de hulp in dit segment komen: verwijzers, toewijzing, spoed."""
    risicos: list[Risico] = Field(default_factory=list)
    """Risico's van dit segment; ze staan in de samenvatting, niet in het bestek."""


# --- aanbieders.yaml and besluiten.yaml ----------------------------------------------------------


class Aanbieder(Model):
    """Een aanbieder die zich inschreef."""

    naam: Tekst
    """De statutaire naam van de aanbieder, zoals in het KvK-register."""
    kvk: KvkNummer
    """Het KvK-nummer: acht cijfers, bijvoorbeeld '12345678'."""
    adres: Adres
    """Het adres waarheen het besluit gaat."""
    contactpersoon: Tekst
    """De naam van de contactpersoon; de aanhef van het besluit wordt ervan gemaakt."""
    email: Email
    """Het e-mailadres van de contactpersoon."""


class AanbiedersFile(Model):
    """`aanbieders.yaml`: de aanbieders, per sleutel."""

    aanbieders: dict[Sleutel, Aanbieder] = Field(default_factory=dict)
    """De aanbieders; de sleutel (bijvoorbeeld 'zorg-oost') gebruikt u in besluiten.yaml."""


class Uitkomst(Model):
    """De uitkomst voor één deelsegment in het besluit aan een aanbieder."""

    deelsegment: Sleutel
    """De id van het deelsegment waarover het besluit gaat."""
    uitkomst: Uitkomstsoort
    """'toegelaten' of 'afgewezen' (toelating), 'gegund' of 'niet-gegund' (aanbesteden)."""
    gronden: Markdown | None = None
    """De motivering; verplicht bij afwijzen en niet gunnen."""
    niet_voldaan: list[KitId] = Field(default_factory=list)
    """Bij afwijzen: de KIT-eisen waaraan niet is voldaan."""
    scores: dict[Sleutel, Getal] = Field(default_factory=dict)
    """Bij aanbesteden: punten per gunningscriterium (0 tot de weging), met de id van het criterium als
    sleutel, bijvoorbeeld 'kwaliteit: 27.5'."""
    inschrijfprijs: Bedrag | None = None
    """Bij aanbesteden met een prijscriterium: de inschrijfprijs in euro's; de punten op het prijscriterium
    worden ermee gecontroleerd."""

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
    """De sleutel van de aanbieder uit aanbieders.yaml."""
    kenmerk: Tekst
    """Het kenmerk van het besluit, bijvoorbeeld 'OZJT-2024-0153'."""
    verzonden: Datum
    """Datum van verzending; de opschortende termijn loopt vanaf hier."""
    uitkomsten: list[Uitkomst] = Field(min_length=1)
    """De uitkomst per deelsegment waarop de aanbieder inschreef."""
    standstill_dagen: Aantal | None = Field(None, ge=1, le=365)
    """Afwijkende opschortende termijn voor dit besluit, in kalenderdagen."""
    aanhef: Tekst | None = None
    """Eigen aanhef, bijvoorbeeld 'Geachte heer en mevrouw Jansen,'. Standaard gemaakt uit de contactpersoon
    van de aanbieder."""


class Gunning(Model):
    """De winnaars van een aanbesteed deelsegment en waarom hun inschrijving won."""

    deelsegment: Sleutel
    """De id van het aanbestede deelsegment."""
    winnaars: list[Sleutel] = Field(min_length=1)
    """De sleutels van de aanbieders aan wie is gegund."""
    kenmerken: Markdown
    """Kenmerken en relatieve voordelen van de winnende inschrijving(en)."""


class Klachtenmeldpunt(Model):
    """Waar een aanbieder met een klacht over de procedure terechtkan."""

    naam: Tekst
    """Bijvoorbeeld 'Klachtenmeldpunt Aanbesteden OZJT'."""
    email: Email
    """Het e-mailadres van het klachtenmeldpunt."""
    telefoon: Tekst | None = None
    """Het telefoonnummer van het klachtenmeldpunt."""


class BesluitenFile(Model):
    """`besluiten.yaml`: gunnings- en toelatingsbesluiten."""

    standstill_dagen: Aantal = Field(20, ge=1, le=365)
    """Opschortende termijn in kalenderdagen na verzending (Aanbestedingswet: 20)."""
    termijnenwet: bool = True
    """Of de opschortende termijn volgens de Algemene termijnenwet doorloopt tot de eerstvolgende dag die geen
    zaterdag, zondag of algemeen erkende feestdag is, als de laatste dag op zo'n dag valt. Standaard aan;
    'false' zet dit uit."""
    rechtbank: Tekst | None = None
    """De rechtbank waar een aanbieder een kort geding aanhangig maakt, bijvoorbeeld 'Rechtbank Overijssel'.
    Verplicht zodra er besluiten zijn."""
    klachtenmeldpunt: Klachtenmeldpunt | None = None
    """Het klachtenmeldpunt van de opdrachtgever. Verplicht als een aanvraag tot toelating wordt afgewezen."""
    na_toelating: Markdown | None = None
    """Wat er gebeurt nadat een aanbieder is toegelaten (de overeenkomst, wanneer de aanbieder kan starten).
    Staat in elk besluit met een toelating; verplicht als er een is."""
    rechtsmiddelen: Markdown | None = None
    """Aanvullende tekst onder de rechtsmiddelen; de vaste tekst per uitkomst (met rechtbank en
    klachtenmeldpunt) staat al in elk besluit."""
    ondertekening: list[Ondertekenaar] = Field(min_length=1)
    """Wie de besluiten ondertekent, met functie en naam."""
    gunningen: list[Gunning] = Field(default_factory=list)
    """Per aanbesteed deelsegment: de winnaars en de kenmerken van hun inschrijving."""
    besluiten: list[Besluit] = Field(default_factory=list)
    """Eén besluit per aanbieder, met de uitkomst per deelsegment."""

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
    """Vaste sleutel van de brief, uniek in brieven.yaml, bijvoorbeeld 'raadsbrief-vaststelling'."""
    soort: Briefsoort
    """'raadsbrief' (een brief aan de raad van elke gemeente) of 'collegebrief' (één brief aan alle
    colleges)."""
    onderwerp: Tekst
    """Het onderwerp van de brief, bijvoorbeeld 'Inkoop jeugdhulp 2025'."""
    datum: Datum
    """De datum van de brief."""
    aanhef: Tekst | None = None
    """Standaard 'Geachte leden van de raad,' of 'Geachte leden van het college,'."""
    secties: list[Sectie] = Field(min_length=1)
    """De tekst van de brief, in secties met een titel."""
    slot: Tekst = "Hoogachtend,"
    """De slotformule boven de ondertekening."""
    bijlagen: list[Tekst] = Field(default_factory=list)
    """De titels van de bijlagen bij de brief."""
    ons_kenmerk: Tekst | None = None
    """'Ons kenmerk' in de brief."""
    behandeld_door: Tekst | None = None
    """Wie de brief behandelt ('Behandeld door' in de brief), bijvoorbeeld 'J. Jansen, inkoopadviseur'."""
    afzender: Tekst | None = None
    """Collegebrief: wie ondertekent, bijvoorbeeld 'Het dagelijks bestuur van de Dienst Gezondheid &
    Jeugd'."""
    ondertekening: list[Ondertekenaar] = Field(default_factory=list)
    """Collegebrief: de ondertekenaars (hoogstens vier). Een raadsbrief wordt ondertekend door secretaris en
    burgemeester van de gemeente."""

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
    """De brieven: raadsbrieven (één per gemeente) en collegebrieven."""


# --- nota-van-inlichtingen.yaml (optional) -------------------------------------------------------


class Vraag(Model):
    """Een vraag van een aanbieder met het antwoord."""

    nummer: int = Field(ge=1)
    """Volgnummer; elke vraag heeft een eigen nummer."""
    vraag: Markdown
    """De vraag zoals de aanbieder die stelde, zonder de naam van de aanbieder."""
    antwoord: Markdown
    """Het antwoord van de opdrachtgever."""
    betreft: Tekst | None = None
    """Waar de vraag over gaat: een id (KIT-K-04, een deelsegment, verbijzondering of tarief), een paragraaf
    van de bestekken ('Planning', 'Bestek Wonen, Tarieven') of een andere plaats in de stukken. De nota noemt
    het bestek en de paragraaf ('Bestek Ambulant, § 7.1, KIT-I-01 Bibob-toets'); een id die niet bestaat is
    een fout."""
    wijzigt_documenten: bool = False
    """Of het antwoord de aanbestedingsstukken wijzigt; de nota zegt dat bij het antwoord, met de wijziging en
    de gewijzigde onderdelen uit de vergelijking."""
    wijziging: Markdown | None = None
    """De wijziging van de stukken, letterlijk: wat waar komt te staan ('In § 4.2 Planning wordt de sluiting
    van de inschrijving 22 april 2024, 12.00 uur'). Verplicht als het antwoord de stukken wijzigt en de nota
    geen 'vergelijk' heeft."""

    @model_validator(mode="after")
    def _change_stated(self) -> "Vraag":
        if self.wijziging and not self.wijzigt_documenten:
            raise ValueError(_("an answer with a 'wijziging' changes the documents: set 'wijzigt_documenten: "
                               "true'"))
        return self


class Vergelijking(Model):
    """De eerdere versie van dit dossier waarmee de nota de gewijzigde onderdelen bepaalt."""

    revisie: Tekst | None = None
    """Git-revisie (tag, commit of branch) van deze dossiermap, bijvoorbeeld 'v1.0'."""
    map: Tekst | None = None
    """Of: een map met de eerdere versie, relatief aan deze dossiermap."""

    @model_validator(mode="after")
    def _one(self) -> "Vergelijking":
        if (self.revisie is None) == (self.map is None):
            raise ValueError(_("name either 'revisie' (a git revision) or 'map' (a folder with the earlier "
                               "version)"))
        return self


class NotaFile(Model):
    """`nota-van-inlichtingen.yaml` (optioneel): vragen van aanbieders met de antwoorden (de Nota van
    Inlichtingen)."""

    titel: Tekst = "Nota van Inlichtingen"
    """De titel van de nota, als die anders is dan 'Nota van Inlichtingen'."""
    datum: Datum
    """Datum van de nota; de nota gaat op deze dag naar alle deelnemers."""
    inleiding: Markdown | None = None
    """Tekst boven de vragen, bijvoorbeeld hoeveel vragen er kwamen en dat de nota deel uitmaakt van de
    stukken."""
    vergelijk: Vergelijking | None = None
    """Eerdere versie van dit dossier; antwoorden die de stukken wijzigen noemen de verschillen daarmee."""
    vragen: list[Vraag] = Field(min_length=1)
    """De vragen met hun antwoorden, oplopend genummerd."""

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
