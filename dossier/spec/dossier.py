"""The whole validated dossier: every spec file's model, their sources, and lookups across files."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .examples import ExampleIndex, ExampleReads, recording_examples
from .housestyle import HouseStyle, house_style
from .model import (
    AanbiedersFile,
    BegrippenFile,
    Bekostiging,
    BesluitenFile,
    BrievenFile,
    Deelname,
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


@dataclass(frozen=True)
class Wijziging:
    """One change the Nota van Inlichtingen lists, as plain text (see `Vergelijking`)."""

    onderwerp: str
    """Where, e.g. 'Segment Wonen › Tarief WON-01'."""
    tekst: str
    """What changed, e.g. 'tarief: € 80,00 → € 82,50', 'toegevoegd', 'vervallen'."""
    bron: str
    """The spec file and line of the new (or, for a removal, old) text."""
    ids: frozenset[str] = frozenset()
    """The ids the change concerns (KIT-K-04, a deelsegment, a tariff), for matching questions."""


@dataclass(frozen=True)
class Vergelijking:
    """The comparison the Nota van Inlichtingen asks for (`vergelijk`), resolved once after loading."""

    label: str
    """How the earlier version is named, e.g. 'versie 0.9 van 1 maart 2024 (revisie v0.9)'."""
    wijzigingen: tuple[Wijziging, ...]


_FILE_OF = {"spec": "dossier.yaml", "gemeenten_file": "gemeenten.yaml", "kit": "kit.yaml",
            "begrippen": "begrippen.yaml", "aanbieders_file": "aanbieders.yaml", "besluiten": "besluiten.yaml",
            "brieven": "brieven.yaml", "nota": "nota-van-inlichtingen.yaml"}
_READS: ContextVar[set[str] | None] = ContextVar("dossier_reads", default=None)


class _ReadSegments(Mapping[str, "SegmentFile"]):
    """`Dossier.segmenten` while reads are recorded: each segment looked at counts as its file read."""

    def __init__(self, segmenten: dict[str, SegmentFile], reads: set[str]) -> None:
        self._segmenten, self._reads = segmenten, reads

    def __getitem__(self, key: str) -> SegmentFile:
        value = self._segmenten[key]
        self._reads.add(f"segmenten/{key}.yaml")
        return value

    def __iter__(self) -> Iterator[str]:
        self._reads.update(f"segmenten/{key}.yaml" for key in self._segmenten)
        return iter(self._segmenten)

    def __len__(self) -> int:
        return len(self._segmenten)


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
    vergelijking: Vergelijking | None = None
    """The nota's comparison with an earlier version, when it asks for one (set by `dossier.load`)."""
    examples: ExampleIndex = field(default_factory=ExampleIndex, repr=False)
    """The values marked `!voorbeeld`, by the model object they fall on."""

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        reads = _READS.get()
        if reads is not None:
            if name in _FILE_OF:
                reads.add(_FILE_OF[name])
            elif name == "segmenten":
                return _ReadSegments(value, reads)
            elif name == "vergelijking" and value is not None:  # its changes may come from any file
                reads.update(object.__getattribute__(self, "sources"))
        return value

    @contextmanager
    def recording_reads(self) -> Iterator[set[str]]:
        """Inside this block, the spec files whose content is looked at are added to the set it gives:
        what a document's context read is what it depends on."""
        reads: set[str] = set()
        token = _READS.set(reads)
        try:
            yield reads
        finally:
            _READS.reset(token)

    @contextmanager
    def recording_examples(self) -> Iterator[ExampleReads]:
        """Inside this block, the values marked `!voorbeeld` that are read are collected in the object it
        gives: a document whose context read one holds an example value."""
        with recording_examples(object.__getattribute__(self, "examples")) as reads:
            yield reads

    def model_of(self, file: str) -> Any:
        """The model of one spec file ('kit.yaml', 'segmenten/wonen.yaml'), or None."""
        if file.startswith("segmenten/"):
            return object.__getattribute__(self, "segmenten").get(file.removeprefix("segmenten/").removesuffix(".yaml"))
        attr = next((a for a, f in _FILE_OF.items() if f == file), None)
        return object.__getattribute__(self, attr) if attr else None

    @property
    def house_style(self) -> HouseStyle:
        """The templates this dossier's documents are made with (`huisstijl` in dossier.yaml)."""
        return house_style(self.spec.huisstijl, self.root)

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
        """Every municipality of the dossier with its participation in `ds`, in dossier order: the
        deelsegment's own `deelname`, or else the segment's."""
        deelname = self.deelname_of(ds)
        chosen = set(deelname.gemeenten) if deelname.gemeenten is not None else set(self.gemeenten)
        exceptions: dict[str, Uitzondering] = {u.gemeente: u for u in deelname.uitzonderingen}
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

    def is_example(self, model: Any, name: str | None = None) -> bool:
        """Whether field `name` of `model` (or, without a name, the whole model) is marked `!voorbeeld`."""
        index = object.__getattribute__(self, "examples")
        if id(model) in index.models:
            return True
        return name is not None and (id(model), name) in index.fields

    def deelname_of(self, ds: Deelsegment) -> Deelname:
        """The participation that applies to `ds`: its own, or the segment-wide one when it has none."""
        if "deelname" not in ds.model_fields_set:
            for segment in self.segmenten.values():
                if any(x is ds for x in segment.deelsegmenten) and segment.deelname is not None:
                    return segment.deelname
        return ds.deelname

    def segment_wide(self, segment: str) -> bool:
        """Whether segment `segment`'s participation is written once for the whole segment."""
        s = self.segmenten[segment]
        return s.deelname is not None and all("deelname" not in ds.model_fields_set for ds in s.deelsegmenten)

    def kit_eisen(self, segment: str, ds: Deelsegment | None = None) -> list[KitEis]:
        """The KIT requirements that apply in a segment, in the order of kit.yaml."""
        listed = set(self.segmenten[segment].kit)
        for x in self.segmenten[segment].deelsegmenten if ds is None else [ds]:
            listed |= set(x.kit)
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
