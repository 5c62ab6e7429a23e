"""The errors the CLI knows how to print: one root and a few subclasses (spec, build, environment).

YAML, pydantic and Jinja errors are translated into these where they enter, once, with the spec file
and line, so a writer never sees a traceback for their own mistake; LibreOffice and bundling failures
are reported as error lines of the build result.
"""

from __future__ import annotations

import errno
import re
import zipfile
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import click

from .i18n import N_, _, ngettext

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_BUG = 70
"""A bug in dossier itself (sysexits' EX_SOFTWARE): the traceback is shown, to be reported."""

DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


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


_OS_REASONS = {
    errno.ENOENT: N_("does not exist, or cannot be made there"),
    errno.EACCES: N_("no permission; choose another place or change the permissions"),
    errno.EPERM: N_("no permission; choose another place or change the permissions"),
    errno.EROFS: N_("the file system is read-only; choose another place"),
    errno.ENOTDIR: N_("part of this path is a file, not a folder"),
    errno.EEXIST: N_("already exists and is not a folder"),
    errno.EISDIR: N_("is a folder, not a file"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EIO: N_("the disk gives a read or write error"),
    errno.EMFILE: N_("too many open files"),
}

_ATOMIC_TEMP = re.compile(r"^\.(?P<name>.+)\.tmp-\d+$")  # write_atomic's temporary name


def _shown_path(path: object) -> str:
    """The path the user gave: `write_atomic`'s hidden temporary file shows as the file it becomes."""
    text = path.decode("utf-8", "replace") if isinstance(path, bytes) else str(path)
    head, slash, name = text.rpartition("/")
    match = _ATOMIC_TEMP.match(name)
    return head + slash + match["name"] if match else text


def os_error_message(exc: OSError, named: object = None) -> str:
    """An operating-system error as the one line a user reads: the path and, in their language, why.
    The path is left out when it is `named`, the path the message around it already names."""
    path = exc.filename if exc.filename not in (None, "") else None
    if path is not None and named is not None and _shown_path(path) == str(named):
        path = None
    if exc.errno in DISK_FULL:
        if path is None:
            return _("the disk is full; free some space and try again")
        return _("the disk is full ({path}); free some space and try again").format(path=_shown_path(path))
    reason = _(_OS_REASONS[exc.errno]) if exc.errno in _OS_REASONS else (exc.strerror or str(exc))
    if path is None:
        return reason
    return f"{_shown_path(path)}: {reason}"


def environment_message(exc: BaseException) -> str | None:
    """The one line for a problem of the machine rather than of dossier (a folder that cannot be
    written, a full disk, a damaged template); None for anything else, which is a bug."""
    if isinstance(exc, OSError):
        return os_error_message(exc)
    if isinstance(exc, zipfile.BadZipFile):
        return _("a Word file (DOCX) is damaged: it is not a valid DOCX (zip) file; if a template was changed, "
                 "open it in Word or LibreOffice and save it again as .docx")
    if isinstance(exc, MemoryError):
        return _("not enough memory; close other programs or build with fewer --jobs")
    if isinstance(exc, BrokenProcessPool):
        return _("a helper process stopped unexpectedly (out of memory?); build again, with fewer --jobs")
    return None


def error_line(message: str) -> str:
    """A line that reports an error: `fout: …` (Dutch), `error: …` (English)."""
    return _("error: {message}").format(message=message)


def is_error_line(line: str) -> bool:
    """Whether `line` was made by `error_line`, in the current language."""
    return line.startswith(error_line(""))


def _problem_order(p: Problem) -> tuple[str, int, int, str, str]:
    return (p.file, p.line, p.column, p.field, p.message)
