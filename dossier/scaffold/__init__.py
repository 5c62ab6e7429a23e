"""Start a new dossier folder: a minimal, valid dossier from the files in this package, or a copy
of an existing one.

The scaffold files (`dossier/scaffold/*.yaml`) are package data with `@NAAM@` markers; every value
that is filled in is written as a quoted YAML string or an ISO date, so a region name with a colon
or a hash cannot break the YAML; only inside comments and block text (`@REGIO_KAAL@`) is the one-line
region written as it is, where it is safe. The new folder is written next to its target under a temporary
name and renamed into place only when every file is there, so a failure leaves nothing half.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from ..errors import EXIT_USAGE, DossierError
from ..i18n import _

SPEC_FILES = ("dossier.yaml", "gemeenten.yaml", "kit.yaml", "begrippen.yaml", "aanbieders.yaml",
              "besluiten.yaml", "brieven.yaml", "segmenten/ambulant.yaml")
"""The scaffold's files, relative to the new dossier folder."""

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_MARKER = re.compile(r"@([A-Z_]+)@")
_SCHEMA_LINE = re.compile(r"^(# yaml-language-server: \$schema=)(\S*?)([a-z-]+\.schema\.json)\s*$", re.M)


class ScaffoldError(DossierError):
    """`dossier init` cannot do what was asked (a name in use, a source that is no dossier)."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Created:
    """What `init` wrote: the dossier folder and, when they were missing, the JSON Schemas."""

    folder: Path
    schemas_written: Path | None


def check_name(name: str) -> None:
    """A dossier name becomes a folder and an output folder: small letters, digits and '-'."""
    if not _NAME.match(name) or len(name) > 60:
        suggestion = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if suggestion and _NAME.match(suggestion):
            raise ScaffoldError(_("'{name}' is not a valid dossier name: use small letters, digits and '-'; for "
                                  "example '{suggestion}'").format(name=name, suggestion=suggestion))
        raise ScaffoldError(_("'{name}' is not a valid dossier name: use small letters, digits and "
                              "'-'").format(name=name))


def _free_target(name: str, parent: Path) -> Path:
    check_name(name)
    target = parent / name
    if target.exists() or target.is_symlink():
        raise ScaffoldError(_("the folder {folder} already exists; nothing was overwritten. Choose another "
                              "name or remove that folder first").format(folder=target))
    return target


def default_region(name: str) -> str:
    """'zuid-holland-zuid' → 'Zuid-Holland-Zuid'; 'twente' → 'Twente'."""
    return "-".join(part.capitalize() for part in name.split("-") if part)


def _check_region(region: str) -> str:
    region = region.strip()
    if not region or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in region):
        raise ScaffoldError(_("--region must be a name on one line, for example 'Twente'"))
    return region


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def plan_dates(today: date) -> dict[str, date]:
    """Dates for the scaffold's planning that always pass the planning rules: publication in two
    weeks, contract start on the first of January at least half a year later."""
    publicatie = today + timedelta(days=14)
    start = date((publicatie + timedelta(days=180)).year + 1, 1, 1)
    beoordeling_tot = publicatie + timedelta(days=75)
    return {
        "VANDAAG": today,
        "PUBLICATIE": publicatie,
        "VRAGEN": publicatie + timedelta(days=14),
        "NOTA": publicatie + timedelta(days=21),
        "SLUITING": publicatie + timedelta(days=42),
        "BEOORDELING_TOT": beoordeling_tot,
        "BESLUIT_VERZONDEN": publicatie + timedelta(days=60),
        "IMPLEMENTATIE_VAN": beoordeling_tot + timedelta(days=1),
        "IMPLEMENTATIE_TOT": start - timedelta(days=1),
        "CONTRACT_START": start,
    }


def _schema_ref(file: str, folder: Path, schemas: Path) -> str:
    """The relative path from a spec file's folder to its JSON Schema, as the YAML extension wants."""
    rel = os.path.relpath(schemas.resolve(), (folder / file).parent.resolve())
    return Path(rel).as_posix()


def _values(name: str, region: str, today: date, shown: str) -> dict[str, str]:
    dates = plan_dates(today)
    values = {key: value.isoformat() for key, value in dates.items()}
    jaar = dates["CONTRACT_START"].year
    values.update({
        "TITEL": _quoted(f"Inkoop jeugdhulp {region} {jaar}"),
        "REGIO": _quoted(region),
        "REGIO_KAAL": region,
        "OPDRACHTGEVER": _quoted(f"Inkooporganisatie Jeugd {region}"),
        "OPDRACHTGEVER_VOLUIT": _quoted(f"Inkooporganisatie Jeugd {region}, namens de deelnemende "
                                        "gemeenten"),
        "KIT": _quoted(f"Kwaliteits- en Integriteitsinstrument {region} (KIT)"),
        "ONDERWERP": _quoted(f"Inkoop jeugdhulp {region}"),
        "MAP": shown,
    })
    return values


def render(file: str, values: dict[str, str]) -> str:
    """One scaffold file with its markers filled in."""
    text = resources.files(__name__).joinpath(file).read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:  # pragma: no cover - a marker without a value is a bug in the scaffold
            raise KeyError(f"scaffold {file}: geen waarde voor @{key}@")
        return values[key]

    return _MARKER.sub(fill, text)


def create(name: str, parent: Path, *, region: str | None = None, today: date | None = None,
           schemas: Path | None = None) -> Created:
    """Write a new minimal dossier `parent/name` that validates and builds at once.

    `schemas` is the folder with the JSON Schemas that the files' `yaml-language-server` line points
    to (default `schemas/` in the working folder); it is written from the models when it is missing.
    """
    target = _free_target(name, parent)
    region = _check_region(region if region is not None else default_region(name))
    schemas = schemas if schemas is not None else Path("schemas")
    values = _values(name, region, today or date.today(), _display(target))
    written = _ensure_schemas(schemas)
    with _staging(target) as staging:
        for file in SPEC_FILES:
            text = render(file, {**values, "SCHEMAS": _schema_ref(file, target, schemas)})
            path = staging / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return Created(target, written)


def copy(source: Path, name: str, parent: Path, *, schemas: Path | None = None) -> Created:
    """Copy the dossier in `source` to `parent/name` as a starting point.

    Hidden files are left behind; each file's `yaml-language-server` line is pointed at `schemas`
    from the new place, so the editor keeps checking the copy.
    """
    if not (source / "dossier.yaml").is_file():
        raise ScaffoldError(_("{source} is not a dossier folder (dossier.yaml is missing)").format(source=source))
    target = _free_target(name, parent)
    if target.resolve().is_relative_to(source.resolve()):
        raise ScaffoldError(_("the copy {target} cannot be inside {source}").format(target=target, source=source))
    schemas = schemas if schemas is not None else Path("schemas")
    written = _ensure_schemas(schemas)
    with _staging(target) as staging:
        shutil.copytree(source, staging, dirs_exist_ok=True, symlinks=False,
                        ignore=shutil.ignore_patterns(".*"))
        for path in sorted(staging.rglob("*.yaml")):
            rel = path.relative_to(staging).as_posix()
            text = path.read_text(encoding="utf-8")
            ref = _schema_ref(rel, target, schemas)
            new = _SCHEMA_LINE.sub(lambda m: f"{m.group(1)}{ref}/{m.group(3)}", text, count=1)
            if new != text:
                path.write_text(new, encoding="utf-8")
    return Created(target, written)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def _ensure_schemas(schemas: Path) -> Path | None:
    """Write the JSON Schemas (generated from the installed models) when the folder has none."""
    if schemas.is_dir() and any(schemas.glob("*.schema.json")):
        return None
    from ..files import write_atomic
    from ..spec.reference import schemas as generated

    for file, text in generated().items():
        write_atomic(schemas / file, text.encode("utf-8"))
    return schemas


class _staging:
    """A hidden temporary folder beside `target`, renamed to `target` when the block succeeds."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> Path:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self.target.parent))
        except OSError as exc:  # name the folder the user asked for, not the hidden one beside it
            raise OSError(exc.errno, exc.strerror, str(self.target)) from None
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.path, 0o777 & ~mask)  # mkdtemp makes it private; the dossier is not
        return self.path

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if exc is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            return
        try:
            os.rename(self.path, self.target)
        except OSError:
            shutil.rmtree(self.path, ignore_errors=True)
            raise ScaffoldError(_("the folder {folder} already exists; nothing was overwritten").format(
                folder=self.target)) from None
