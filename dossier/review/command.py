"""`dossier diff`: load two versions, compare them, and write what was asked for."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

from ..errors import EXIT_OK, EXIT_USAGE, DossierError, SpecError, error_line
from ..i18n import _
from ..spec import Dossier
from . import report, versions
from .diff import compare
from .vergelijk import load
from .redline import write_redlines


@contextmanager
def two_versions(paths: tuple[Path, ...], rev: str | None) -> Iterator[tuple[versions.Version, versions.Version]]:
    """OLD and NEW folders, or (with `rev`) one folder at that revision and as it is now."""
    with ExitStack() as stack:
        if rev is not None:
            if len(paths) != 1:
                raise click.UsageError(_("--rev takes one dossier folder: dossier diff --rev REV FOLDER"))
            old = stack.enter_context(versions.at_revision(paths[0], rev))
            new = stack.enter_context(versions.folder(paths[0]))
        else:
            if len(paths) != 2:
                raise click.UsageError(_("give two dossier folders (dossier diff OLD NEW) or one with --rev "
                                         "(dossier diff --rev REV FOLDER)"))
            old = stack.enter_context(versions.folder(paths[0]))
            new = stack.enter_context(versions.folder(paths[1]))
        yield old, new


def load_version(version: versions.Version, *, old: bool) -> Dossier:
    """The dossier of one version; a spec error is shown and ends the command with exit code 2."""
    try:
        return _load(version, old=old)
    except _Stop:
        sys.exit(EXIT_USAGE)


def _load(version: versions.Version, *, old: bool) -> Dossier:
    try:
        return load(version.root)
    except SpecError as exc:
        message = (_("the old version ({label}) is not a valid dossier:") if old
                   else _("the new version ({label}) is not a valid dossier:"))
        click.echo(error_line(message.format(label=version.label)), err=True)
        exc.show()
        raise _Stop() from None


EXIT_CHANGES = 1
"""Like diff(1): 0 the same, 1 different, 2 trouble."""


class _Stop(Exception):
    """An error already shown to the user."""


def run(paths: tuple[Path, ...], rev: str | None, fmt: str, docx: Path | None, pdf: Path | None,
        redline: Path | None, echo: Callable[..., None] = click.echo) -> int:
    """Run `dossier diff`; returns the exit code: 0 no change, 1 changes, 2 error."""
    try:
        with two_versions(paths, rev) as (old_version, new_version):
            old, new = _load(old_version, old=True), _load(new_version, old=False)
            diff = compare(old, new, oud_label=old_version.label, nieuw_label=new_version.label)
            notes = []
            if redline is not None:
                written = write_redlines(old, new, diff.documents, redline)
                notes += [f"redline: {path}" for path in written.files]
                notes += [_("no redline for {document}: {reason}").format(document=ident, reason=why)
                          for ident, why in written.skipped]
            if docx is not None:
                report.write_docx(diff, new, docx)
                notes.append(_("change overview: {path}").format(path=docx))
            if pdf is not None:
                report.write_pdf(diff, new, pdf)
                notes.append(_("change overview: {path}").format(path=pdf))
    except _Stop:
        return EXIT_USAGE
    except DossierError as exc:
        exc.show()
        return EXIT_USAGE
    if fmt == "json":
        echo(json.dumps(report.as_json(diff), ensure_ascii=False, indent=2))
        for note in notes:
            echo(note, err=True)
    else:
        for line in report.text_lines(diff):
            echo(line)
        for note in notes:
            echo(note)
    return EXIT_OK if diff.empty else EXIT_CHANGES
