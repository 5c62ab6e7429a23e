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
def build(spec_dirs: tuple[Path, ...], out: Path | None, formats: str, only: tuple[str, ...],
          jobs: int | None, force: bool, quiet: bool) -> None:
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
        options = Options(out=default_out(folder, out), formats=chosen, only=only,
                          jobs=jobs or os.cpu_count() or 2, force=force)
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


def run() -> None:  # pragma: no cover - entry point used by `python -m dossier`
    try:
        main(standalone_mode=True)
    except DossierError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_USAGE)
