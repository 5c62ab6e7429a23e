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


def run() -> None:  # pragma: no cover - entry point used by `python -m dossier`
    try:
        main(standalone_mode=True)
    except DossierError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_USAGE)
