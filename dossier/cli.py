"""The `dossier` command: a thin layer over the pipeline's functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_USAGE, DossierError, SpecError

SPECS = Path("specs")


def _spec_dirs(spec_dirs: tuple[Path, ...]) -> list[Path]:
    if spec_dirs:
        return list(spec_dirs)
    found = sorted(p.parent for p in SPECS.glob("*/dossier.yaml"))
    if not found:
        raise click.UsageError("geen dossiermap gegeven en geen dossiers gevonden onder specs/")
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier")
def main() -> None:
    """Maak de documenten van een inkoop jeugdhulp uit YAML-specificaties."""


@main.command()
@click.argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Uitvoer voor mensen (text) of voor CI (json).")
def validate(spec_dirs: tuple[Path, ...], fmt: str) -> None:
    """Controleer een dossier: elk bestand, elk veld en de regels tussen bestanden."""
    from .spec import load

    results = []
    failed = False
    for folder in _spec_dirs(spec_dirs):
        try:
            load(folder)
            results.append({"dossier": str(folder), "valid": True, "problems": []})
            if fmt == "text":
                click.echo(f"{folder}: geldig")
        except SpecError as exc:
            failed = True
            results.append({"dossier": str(folder), "valid": False,
                            "problems": [p.as_json() for p in exc.problems]})
            if fmt == "text":
                exc.show()
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("versies", nargs=-1, required=True, metavar="OUD NIEUW | --rev REV MAP",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--rev", metavar="REV", help="Vergelijk MAP met zichzelf in deze git-revisie (commit, tag, branch).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Uitvoer voor mensen (text) of voor CI (json).")
@click.option("--docx", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf een wijzigingsoverzicht (DOCX).")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf een wijzigingsoverzicht (PDF/A).")
@click.option("--redline", type=click.Path(file_okay=False, path_type=Path),
              help="Schrijf elk gewijzigd document met de wijzigingen als bijgehouden wijzigingen (DOCX) in deze map.")
def diff(versies: tuple[Path, ...], rev: str | None, fmt: str, docx: Path | None, pdf: Path | None,
         redline: Path | None) -> None:
    """Toon wat er tussen twee versies van een dossier veranderd is (exitcode 0 niets, 1 wijzigingen, 2 fout)."""
    from .review.command import run as run_diff

    sys.exit(run_diff(versies, rev, fmt, docx, pdf, redline))


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Map voor de JSON Schemas.")
@click.option("--docs", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/spec-format.md"),
              show_default=True, help="Waar de beschrijving van het specificatieformaat komt.")
def schema(out: Path, docs: Path) -> None:
    """Schrijf de JSON Schemas van de specificatiebestanden en de beschrijving van het formaat."""
    from .manifest import write_atomic
    from .spec.reference import reference, schemas

    for name, text in schemas().items():
        write_atomic(out / name, text.encode("utf-8"))
        click.echo(str(out / name))
    write_atomic(docs, reference().encode("utf-8"))
    click.echo(str(docs))


@main.command()
@click.argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
def check(spec_dirs: tuple[Path, ...]) -> None:
    """Controleer dat elke variabele in elk sjabloon bestaat (voor CI, na een sjabloonwijziging)."""
    from .builder import TEMPLATES
    from .check import check_templates
    from .spec import load

    failed = False
    for folder in _spec_dirs(spec_dirs):
        try:
            d = load(folder)
        except SpecError as exc:
            exc.show()
            failed = True
            continue
        problems, notes = check_templates(d, TEMPLATES)
        for note in notes:
            click.echo(f"{folder}: {note}")
        for problem in problems:
            click.echo(f"fout: {problem}", err=True)
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


def _formats(value: str) -> tuple[str, ...]:
    from .builder import FORMATS

    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"kies uit {', '.join(FORMATS)} (bijvoorbeeld docx,pdf)")
    return tuple(f for f in FORMATS if f in chosen)


@main.command()
@click.argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Map voor de uitvoer (standaard output/); elk dossier krijgt een eigen submap.")
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="Welke formaten.")
@click.option("--only", multiple=True, metavar="SOORT[/SLEUTEL]",
              help="Alleen deze documenten, bijvoorbeeld raadsbrief/almelo of bestek.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Aantal parallelle converters (standaard: aantal processorkernen).")
@click.option("--force", is_flag=True, help="Alles opnieuw bouwen, ook wat niet veranderd is.")
@click.option("--quiet", is_flag=True, help="Gewone regels in plaats van een voortgangsbalk.")
@click.option("--review", is_flag=True, help="Bouw reviewkopieën (in <dossier>-review/): bij elke eis, definitie, "
              "tarief en besluit staan id, bestand en regel in de specificatie.")
def build(spec_dirs: tuple[Path, ...], out: Path | None, formats: str, only: tuple[str, ...],
          jobs: int | None, force: bool, quiet: bool, review: bool) -> None:
    """Bouw de documenten van een of meer dossiers (standaard: alle dossiers onder specs/)."""
    import os

    from .builder import Options, build as run_build, default_out, echo_progress
    from .spec import load

    chosen = _formats(formats)
    tty = sys.stderr.isatty() and not quiet
    status = 0
    for folder in _spec_dirs(spec_dirs):
        try:
            dossier = load(folder)
        except SpecError as exc:
            exc.show()
            status = max(status, 1)
            continue
        options = Options(out=default_out(folder, out, review=review), formats=chosen, only=only,
                          jobs=jobs or os.cpu_count() or 2, force=force, review=review)
        report = (lambda line: None) if tty else (lambda line: click.echo(line))
        if tty:
            report = lambda line: click.echo(line, err=True) if line.startswith("fout") else None  # noqa: E731
        result = run_build(dossier, options, report, echo_progress(tty))
        click.echo(f"{folder}: {result.summary()}")
        if result.environment_error:
            status = max(status, 2)
        elif result.errors:
            status = max(status, 1)
    sys.exit(status)


@main.command()
@click.argument("name", metavar="NAAM")
@click.option("--region", help="Naam van de regio, bijvoorbeeld 'Twente' (standaard afgeleid van NAAM).")
@click.option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Kopieer dit dossier als beginpunt, bijvoorbeeld specs/twente-2025.")
@click.option("--dir", "parent", type=click.Path(file_okay=False, path_type=Path), default=SPECS,
              show_default=True, help="Map waarin de nieuwe dossiermap NAAM komt.")
def init(name: str, region: str | None, source: Path | None, parent: Path) -> None:
    """Begin een nieuw dossier: een klein, geldig voorbeeld met uitleg bij elk veld (of een kopie)."""
    from . import scaffold
    from .builder import default_out
    from .spec import load

    if source is not None and region is not None:
        raise click.UsageError("--region hoort bij een nieuw dossier, niet bij --from")
    created = (scaffold.copy(source, name, parent) if source is not None
               else scaffold.create(name, parent, region=region))
    if created.schemas_written:
        click.echo(f"{created.schemas_written}/: JSON Schemas geschreven (voor controle in de editor)")
    click.echo(f"{created.folder}: nieuw dossier" + (f", kopie van {source}" if source else ""))
    try:
        d = load(created.folder)
    except SpecError as exc:
        exc.show()
        click.echo("De map is gemaakt, maar is nog niet geldig; verbeter de fouten hierboven.", err=True)
        sys.exit(1)
    pdf = default_out(created.folder, None) / "bestek" / f"{d.spec.segmenten[0]}.pdf"
    click.echo(f"Volgende stappen:\n  dossier validate {created.folder}\n  dossier build {created.folder}\n"
               f"  xdg-open {pdf}")


@main.command()
@click.argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Map voor de uitvoer (standaard output/); elk dossier krijgt een eigen submap.")
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="Welke formaten.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Aantal parallelle converters (standaard: aantal processorkernen).")
@click.option("--interval", type=click.FloatRange(0.1, 60), default=0.5, show_default=True,
              help="Seconden tussen twee keer kijken.")
@click.option("--max-rounds", type=click.IntRange(1), default=None,
              help="Stop na zoveel builds (voor scripts en tests); standaard: tot Ctrl+C.")
def watch(spec_dirs: tuple[Path, ...], out: Path | None, formats: str, jobs: int | None, interval: float,
          max_rounds: int | None) -> None:
    """Bouw opnieuw wat een opgeslagen wijziging raakt, en toon fouten zodra ze er zijn."""
    import os

    from .builder import TEMPLATES
    from .watch import Settings, watch as run_watch

    settings = Settings(out=out, formats=_formats(formats), jobs=jobs or os.cpu_count() or 2,
                        interval=interval, max_rounds=max_rounds)
    also = [TEMPLATES] if TEMPLATES.is_dir() else []
    sys.exit(run_watch(_spec_dirs(spec_dirs), settings, click.echo, lambda line: click.echo(line, err=True),
                       also=also))


@main.group()
def export() -> None:
    """Publiceer de gunnings- en toelatingsbesluiten als open data (OCDS of CSV)."""


def _load_or_exit(folder: Path):  # type: ignore[no-untyped-def]
    from .spec import load

    try:
        return load(folder)
    except SpecError as exc:
        exc.show()
        sys.exit(1)


def _write_export(data: bytes, out: Path | None, summary: str) -> None:
    """Write to `out` atomically, or to standard output with the summary on standard error."""
    from .manifest import write_atomic

    if out is None:
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        click.echo(summary, err=True)
    else:
        write_atomic(out, data)
        click.echo(f"{summary} → {out}")


@export.command("ocds")
@click.argument("spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Bestand voor het releasepakket (standaard: naar het scherm).")
@click.option("--ocid-prefix", default="ocds-xxxxxx", show_default=True,
              help="Uw ocid-voorvoegsel ('ocds-' en zes tekens), aan te vragen bij de Open Contracting Partnership.")
@click.option("--uri", default=None, help="URI van het pakket, bijvoorbeeld de URL waar u het publiceert.")
@click.option("--license", "license_url", default=None,
              help="URL van de licentie, bijvoorbeeld https://creativecommons.org/publicdomain/zero/1.0/.")
def export_ocds(spec_dir: Path, out: Path | None, ocid_prefix: str, uri: str | None,
                license_url: str | None) -> None:
    """Schrijf een OCDS-releasepakket (JSON) en controleer het tegen het OCDS 1.1-schema."""
    import re

    from .export import ocds

    if not re.fullmatch(r"ocds-[a-z0-9]{6}", ocid_prefix):
        raise click.BadParameter("'ocds-' gevolgd door zes kleine letters of cijfers, bijvoorbeeld ocds-a1b2c3",
                                 param_hint="--ocid-prefix")
    package = ocds.release_package(_load_or_exit(spec_dir), prefix=ocid_prefix, uri=uri, license=license_url)
    problems = ocds.validate(package)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        click.echo(f"fout: het releasepakket voldoet niet aan OCDS {ocds.schema_version()}; er is niets "
                   "geschreven. Dit is een fout in dossier: meld het met de regels hierboven.", err=True)
        sys.exit(1)
    awards = package["releases"][0].get("awards", [])
    active = sum(1 for a in awards if a["status"] == "active")
    summary = (f"{spec_dir}: {len(awards)} {'award' if len(awards) == 1 else 'awards'} ({active} active, "
               f"{len(awards) - active} unsuccessful), "
               f"geldig volgens OCDS {ocds.schema_version()}")
    if ocid_prefix == "ocds-xxxxxx":
        click.echo("let op: ocds-xxxxxx is een voorbeeld-voorvoegsel; geef uw eigen met --ocid-prefix", err=True)
    _write_export(ocds.dumps(package).encode("utf-8"), out, summary)


@export.command("csv")
@click.argument("spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Bestand voor de tabel (standaard: naar het scherm).")
def export_csv(spec_dir: Path, out: Path | None) -> None:
    """Schrijf één regel per aanbieder en deelsegment (CSV voor Excel: ';', UTF-8 met BOM)."""
    from .export import csv as export_table

    d = _load_or_exit(spec_dir)
    n = len(export_table.rows(d))
    _write_export(export_table.to_bytes(d), out, f"{spec_dir}: {n} {'regel' if n == 1 else 'regels'}")


def run() -> None:  # pragma: no cover - entry point used by `python -m dossier`
    try:
        main(standalone_mode=True)
    except DossierError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_USAGE)
