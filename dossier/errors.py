"""The errors the CLI knows how to print: one root, one subclass per stage.

Foreign errors (YAML, pydantic, Jinja, LibreOffice, pikepdf) are translated into these where they
enter, once, with the spec file and line, so a writer never sees a traceback for their own mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from .i18n import _, ngettext

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a writer must fix, located in a spec file."""

    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class DossierError(click.ClickException):
    """Root of every error a user can cause; printed without a traceback."""

    exit_code = EXIT_ERRORS

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(error_line(self.format_message()), err=True, file=file)


class SpecError(DossierError):
    """The spec folder is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__(self._summary())

    def _summary(self) -> str:
        n = len(self.problems)
        return ngettext("{n} error in the specification", "{n} errors in the specification", n).format(n=n)

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        for problem in self.problems:
            click.echo(str(problem), err=True, file=file)
        click.echo(self._summary() + ".", err=True, file=file)


class BuildError(DossierError):
    """Rendering or converting a document failed."""


class EnvironmentProblem(DossierError):
    """Something outside the spec is missing: LibreOffice, a writable output folder, a lock."""

    exit_code = EXIT_USAGE


def error_line(message: str) -> str:
    """A line that reports an error: `fout: …` (Dutch), `error: …` (English)."""
    return _("error: {message}").format(message=message)


def is_error_line(line: str) -> bool:
    """Whether `line` was made by `error_line`, in the current language."""
    return line.startswith(error_line(""))


def _problem_order(p: Problem) -> tuple[str, int, int, str, str]:
    return (p.file, p.line, p.column, p.field, p.message)


@dataclass
class ProblemList:
    """Collects problems while a stage goes on, so all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def raise_if_any(self) -> None:
        if self.items:
            raise SpecError(self.items)
