"""The whole validated dossier: every spec file's model, their sources, and lookups across files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import (
    AanbiedersFile,
    BegrippenFile,
    Bekostiging,
    BesluitenFile,
    BrievenFile,
    Deelsegment,
    DossierSpec,
    Gemeente,
    GemeentenFile,
    KitEis,
    KitFile,
    NotaFile,
    SegmentFile,
    Uitzondering,
)
from .types import Deelnamesoort
from .yamlfile import YamlFile


@dataclass(frozen=True)
class Deelnemer:
    """How one municipality takes part in a deelsegment."""

    key: str
    gemeente: Gemeente
    deelname: Deelnamesoort | None  # None: takes part fully
    toelichting: str | None = None


@dataclass
class Dossier:
    """A validated dossier folder, ready to be turned into document contexts."""

    key: str
    root: Path
    spec: DossierSpec
    gemeenten_file: GemeentenFile
    kit: KitFile
    begrippen: BegrippenFile
    segmenten: dict[str, SegmentFile]
    aanbieders_file: AanbiedersFile
    besluiten: BesluitenFile
    brieven: BrievenFile
    nota: NotaFile | None = None
    """The optional Nota van Inlichtingen (nota-van-inlichtingen.yaml)."""
    sources: dict[str, YamlFile] = field(default_factory=dict, repr=False)
    """Spec file (relative to `root`, e.g. 'segmenten/wonen.yaml') → its parsed YAML with locations."""

    @property
    def gemeenten(self) -> dict[str, Gemeente]:
        return self.gemeenten_file.gemeenten

    @property
    def aanbieders(self):  # type: ignore[no-untyped-def]
        return self.aanbieders_file.aanbieders

    def deelsegmenten(self) -> list[tuple[str, Deelsegment]]:
        """(segment key, deelsegment) in document order."""
        return [(key, ds) for key in self.spec.segmenten for ds in self.segmenten[key].deelsegmenten]

    def deelsegment(self, ident: str) -> tuple[str, Deelsegment]:
        for key, ds in self.deelsegmenten():
            if ds.id == ident:
                return key, ds
        raise KeyError(ident)

    def deelnemers(self, ds: Deelsegment) -> list[Deelnemer]:
        """Every municipality of the dossier with its participation in `ds`, in dossier order."""
        chosen = set(ds.deelname.gemeenten) if ds.deelname.gemeenten is not None else set(self.gemeenten)
        exceptions: dict[str, Uitzondering] = {u.gemeente: u for u in ds.deelname.uitzonderingen}
        out = []
        for key, gemeente in self.gemeenten.items():
            if key in exceptions:
                u = exceptions[key]
                out.append(Deelnemer(key, gemeente, u.deelname, u.toelichting))
            elif key in chosen:
                out.append(Deelnemer(key, gemeente, None))
            else:
                out.append(Deelnemer(key, gemeente, Deelnamesoort.NIET))
        return out

    def kit_eisen(self, segment: str) -> list[KitEis]:
        """The KIT requirements that apply in a segment, in the order of kit.yaml."""
        listed = set(self.segmenten[segment].kit)
        return [e for e in self.kit.eisen if e.alle_aanbieders or e.id in listed]

    def kit_eis(self, ident: str) -> KitEis:
        return next(e for e in self.kit.eisen if e.id == ident)

    @staticmethod
    def bekostigingen(ds: Deelsegment) -> list[tuple[str, Bekostiging]]:
        """(naam, bekostiging) of a deelsegment and of each verbijzondering that funds differently."""
        rows = [(ds.naam, ds.bekostiging)]
        rows += [(v.naam, v.bekostiging) for v in ds.verbijzonderingen if v.bekostiging is not None]
        return rows

    def segment_file(self, segment: str) -> str:
        return f"segmenten/{segment}.yaml"
