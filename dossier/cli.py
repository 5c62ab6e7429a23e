"""The `dossier` command: a thin layer over the pipeline's functions.

Help texts and metavars are English message ids, translated when click shows them, so the
language chosen with `--lang` (read before any command runs) also holds for `--help`.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click
from click.decorators import FC

from . import __version__, i18n
from .errors import (EXIT_BUG, EXIT_USAGE, DossierError, EnvironmentProblem, SpecError, environment_message,
                     error_line, is_error_line)
from .i18n import N_, _, ngettext

SPECS = Path("specs")

_CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("default: {default}"), N_("required"), N_("env var: {var}"), N_("No such option {name!r}."),
    N_("No such command {name!r}."), N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("Missing command."), N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("Aborted!"), N_("Option {name!r} does not take a value."), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."), N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."), N_("{name} {filename!r} is a directory."), N_("file"),
    N_("directory"), N_("path"), N_("Show the version and exit."), N_("%(prog)s, version %(version)s"),
    N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),
)
"""click's own texts ("Usage:", "Error: …", "[default: …]"), listed so that pybabel puts them in the
catalog; `_translate_click` makes click read them through it."""


def _click_plurals() -> None:
    """Never called: click's own texts with a plural, for pybabel (see _CLICK_MESSAGES)."""
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)


def _translate_click() -> None:
    """Let click's own texts go through dossier's catalog, in the language chosen (click calls the
    module-level `gettext`/`ngettext` it imported when it shows them)."""
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui",
                 "types", "utils"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            setattr(module, "_", _)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)


_translate_click()


class _Translated:
    """A click attribute that holds an English message id and reads as its translation."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_msgid_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        msgid = obj.__dict__.get(self.slot)
        return _(msgid) if msgid else msgid

    def __set__(self, obj: object, value: str | None) -> None:
        obj.__dict__[self.slot] = value


class _Translating:
    """For commands and groups: the help text is a message id, and so is that of -h/--help."""

    help = _Translated()
    options_metavar = _Translated()  # "[OPTIONS]" in the usage line

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option  # type: ignore[no-any-return]


class Command(_Translating, click.Command):
    """A dossier command (created by `@main.command`)."""


class Group(_Translating, click.Group):
    """The `dossier` group and its subgroups; `--lang` given to one invocation ends with it."""

    subcommand_metavar = _Translated()  # "COMMAND [ARGS]..."

    command_class = Command
    group_class = type  # subgroups are Groups too

    def main(self, *args: Any, **kwargs: Any) -> Any:
        before = i18n.chosen()
        try:
            if not kwargs.get("standalone_mode", True):
                return super().main(*args, **kwargs)
            try:
                return super().main(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the one boundary: click has handled our own errors
                _last_words(exc)
        finally:  # after click has shown any error: --lang holds for one invocation only
            i18n.set_language(before)


def _last_words(exc: Exception) -> None:
    """What escaped every command: a problem of the machine is one line and exit code 2; anything
    else is a bug in dossier, shown with its traceback (once) and exit code 70."""
    message = environment_message(exc)
    if message is not None:
        click.echo(error_line(message), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(traceback.format_exc().rstrip(), err=True)
    click.echo(_("this is a bug in dossier; report it with this output"), err=True)
    sys.exit(EXIT_BUG)


class _Place(click.Path):
    """A folder (`folder=True`) or a file to write to; what is in the way is refused in the user's
    language, before anything runs (click's own check speaks English)."""

    def __init__(self, *, folder: bool) -> None:
        super().__init__(file_okay=not folder, dir_okay=folder, path_type=Path)
        self.folder = folder

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(value)
        option = param.opts[0] if param is not None and param.opts else ""
        if self.folder and path.exists() and not path.is_dir():
            raise EnvironmentProblem(_("{option} {path}: this is a file, not a folder; give a folder").format(
                option=option, path=path))
        if not self.folder and path.is_dir():
            raise EnvironmentProblem(_("{option} {path}: this is a folder; give a file name").format(
                option=option, path=path))
        return path


def folder_to_write() -> click.Path:
    """The type of an option naming a folder that dossier writes into."""
    return _Place(folder=True)


def file_to_write() -> click.Path:
    """The type of an option naming a file that dossier writes."""
    return _Place(folder=False)


class Option(click.Option):
    """An option whose help and metavar are message ids."""

    help = _Translated()
    metavar = _Translated()


class Argument(click.Argument):
    """An argument whose metavar is a message id."""

    metavar = _Translated()


def option(*decls: str, **attrs: Any) -> Callable[[FC], FC]:
    """`click.option` with translated help: write `help=N_("…")`."""
    return click.option(*decls, cls=Option, **attrs)


def argument(*decls: str, **attrs: Any) -> Callable[[FC], FC]:
    """`click.argument` with a translated metavar."""
    return click.argument(*decls, cls=Argument, **attrs)


def _spec_dirs(spec_dirs: tuple[Path, ...]) -> list[Path]:
    if spec_dirs:
        return list(spec_dirs)
    found = sorted(p.parent for p in SPECS.glob("*/dossier.yaml"))
    if not found:
        raise click.UsageError(_("no dossier folder given and no dossiers found under specs/"))
    return found


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        i18n.set_language(value)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Make the documents of a youth-care procurement (inkoop jeugdhulp) from YAML specs."))
@click.version_option(__version__, prog_name="dossier", cls=Option, help=N_("Show the version and exit."))
@option("--lang", type=click.Choice(i18n.LANGUAGES), is_eager=True, expose_value=False, callback=_set_language,
        help=N_("Language of the messages: nl (Dutch) or en (English). Default: from the locale (LANG), "
                "Dutch unless it is English."))
def main() -> None:
    """The `dossier` command group (its help text is the `help=` above)."""


@main.command(help=N_("Check a dossier: every file, every field and the rules between files."))
@argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
        help=N_("Output for people (text) or for CI (json)."))
def validate(spec_dirs: tuple[Path, ...], fmt: str) -> None:
    from . import load

    results = []
    failed = False
    for folder in _spec_dirs(spec_dirs):
        try:
            load(folder)
            results.append({"dossier": str(folder), "valid": True, "problems": []})
            if fmt == "text":
                click.echo(_("{folder}: valid").format(folder=folder))
        except SpecError as exc:
            failed = True
            results.append({"dossier": str(folder), "valid": False,
                            "problems": [p.as_json() for p in exc.problems]})
            if fmt == "text":
                exc.show()
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command(help=N_("Show what changed between two versions of a dossier (exit code 0 nothing, 1 changes, "
                       "2 error)."))
@argument("versies", nargs=-1, required=True, metavar=N_("OLD NEW | --rev REV FOLDER"),
          type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--rev", metavar="REV", help=N_("Compare FOLDER with itself at this git revision (commit, tag, branch)."))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
        help=N_("Output for people (text) or for CI (json)."))
@option("--docx", type=file_to_write(), help=N_("Write a change overview (DOCX)."))
@option("--pdf", type=file_to_write(), help=N_("Write a change overview (PDF/A)."))
@option("--redline", type=folder_to_write(),
        help=N_("Write every changed document with the changes as tracked changes (DOCX) into this folder."))
def diff(versies: tuple[Path, ...], rev: str | None, fmt: str, docx: Path | None, pdf: Path | None,
         redline: Path | None) -> None:
    import functools
    import os

    from .review.command import run as run_diff

    plain = bool(os.environ.get("NO_COLOR"))  # https://no-color.org: set and not empty
    echo = functools.partial(click.echo, color=False) if plain else click.echo
    sys.exit(run_diff(versies, rev, fmt, docx, pdf, redline, echo=echo))


@main.command(help=N_("Write a static review site of one or more dossiers: every document as HTML with links to "
                       "its DOCX and PDF, its status, the problems found, search, and the changes since an earlier "
                       "version."))
@argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--out", type=folder_to_write(), default=None,
        help=N_("Folder for the site (default site/); each dossier gets a subfolder of its own."))
@option("--build-out", type=click.Path(file_okay=False, path_type=Path), default=None,
        help=N_("Where 'dossier build' wrote the documents (its --out; default output/)."))
@option("--rev", metavar="REV", help=N_("Show the changes since this git revision (commit, tag, branch)."))
@option("--old", "old_folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
        help=N_("Show the changes since this earlier version of the dossier (a folder)."))
@option("--review", is_flag=True, help=N_("Show the id, spec file and line of every requirement, definition, "
                                          "tariff and decision in the documents."))
def site(spec_dirs: tuple[Path, ...], out: Path | None, build_out: Path | None, rev: str | None,
         old_folder: Path | None, review: bool) -> None:
    from .review.command import load_version
    from .review.site import Previous, default_folder, write_problem_site, write_site
    from .review.versions import at_revision, folder as version_folder

    folders = _spec_dirs(spec_dirs)
    if rev is not None and old_folder is not None:
        raise click.UsageError(_("give --rev or --old, not both"))
    if (rev is not None or old_folder is not None) and len(folders) != 1:
        raise click.UsageError(_("--rev and --old take one dossier folder"))
    status = 0
    for folder in folders:
        from . import load
        from .builder import default_out

        target = default_folder(folder, out)
        try:
            d = load(folder)
        except SpecError as exc:
            exc.show()
            write_problem_site(folder, folder.name, exc.problems, target)
            click.echo(_("{folder}: not valid; the site shows the problems → {site}").format(
                folder=folder, site=target / "index.html"))
            status = 1
            continue
        with ExitStack() as stack:
            previous = None
            if rev is not None or old_folder is not None:
                version = stack.enter_context(at_revision(folder, rev) if rev is not None
                                              else version_folder(old_folder))  # type: ignore[arg-type]
                previous = Previous(load_version(version, old=True), version.label, str(folder))
            written = write_site(d, target, build_out=default_out(folder, build_out), review=review,
                                 previous=previous)
        extra = (" " + ngettext("({n} change)", "({n} changes)", written.changes).format(n=written.changes)
                 if previous is not None else "")
        click.echo(_("{folder}: site with {documents} → {site}").format(
            folder=folder, documents=ngettext("{n} document", "{n} documents", written.documents).format(
                n=written.documents), site=target / "index.html") + extra)
    sys.exit(status)


@main.command(help=N_("Write the JSON Schemas of the spec files and the description of the format."))
@option("--out", type=folder_to_write(), default=Path("schemas"),
        show_default=True, help=N_("Folder for the JSON Schemas."))
@option("--docs", type=file_to_write(), default=Path("docs/spec-format.md"),
        show_default=True, help=N_("Where the description of the spec format goes."))
def schema(out: Path, docs: Path) -> None:
    from .files import write_atomic
    from .spec.reference import reference, schemas

    for name, text in schemas().items():
        write_atomic(out / name, text.encode("utf-8"))
        click.echo(str(out / name))
    write_atomic(docs, reference().encode("utf-8"))
    click.echo(str(docs))


@main.command(help=N_("Check that every variable in every template exists (for CI, after a template change)."))
@argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
def check(spec_dirs: tuple[Path, ...]) -> None:
    from . import load
    from .check import check_templates

    failed = False
    for folder in _spec_dirs(spec_dirs):
        try:
            d = load(folder)
        except SpecError as exc:
            exc.show()
            failed = True
            continue
        problems, notes = check_templates(d, d.house_style.folder)
        for note in notes:
            click.echo(f"{folder}: {note}")
        for problem in problems:
            click.echo(error_line(problem), err=True)
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


@main.command(help=N_("List the variables each template can use, with type and description (for making your own "
                       "house style)."))
@argument("kinds", nargs=-1, metavar=N_("[KIND]..."))
@option("--spec", "spec_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
        help=N_("Take the types from these dossiers (default: every dossier under specs/)."))
def templates(kinds: tuple[str, ...], spec_dirs: tuple[Path, ...]) -> None:
    from . import load
    from .spec.housestyle import DEFAULT, SHIPPED
    from .variables import KIND_NAMES, describe

    unknown = [k for k in kinds if k not in KIND_NAMES]
    if unknown:
        raise click.UsageError(_("unknown kind {kind}; choose from {kinds}").format(
            kind=", ".join(unknown), kinds=", ".join(KIND_NAMES)))
    dossiers = [load(folder) for folder in _spec_dirs(spec_dirs)]
    folder = dossiers[0].house_style.folder if spec_dirs else SHIPPED / DEFAULT  # --spec: that dossier's style
    describe(folder, kinds or KIND_NAMES, dossiers, click.echo)


def _formats(value: str) -> tuple[str, ...]:
    from .builder import FORMATS

    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(_("choose from {formats} (for example docx,pdf)").format(formats=", ".join(FORMATS)))
    return tuple(f for f in FORMATS if f in chosen)


_OUT_HELP = N_("Folder for the output (default output/); each dossier gets a subfolder of its own.")
_FORMAT_HELP = N_("Which formats.")
_JOBS_HELP = N_("Number of parallel converters (default: number of processor cores).")


@main.command(help=N_("Build the documents of one or more dossiers (default: all dossiers under specs/)."))
@argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--out", type=folder_to_write(), default=None, help=_OUT_HELP)
@option("--format", "formats", default="docx,pdf", show_default=True, help=_FORMAT_HELP)
@option("--only", multiple=True, metavar=N_("KIND[/KEY]"),
        help=N_("Only these documents, for example raadsbrief/almelo or bestek."))
@option("--jobs", type=click.IntRange(1, 64), default=None, help=_JOBS_HELP)
@option("--force", is_flag=True, help=N_("Build everything again, also what did not change."))
@option("--quiet", is_flag=True, help=N_("Only errors and the summary: no progress bar and no line per document."))
@option("--review", is_flag=True, help=N_("Build review copies (in <dossier>-review/): every requirement, "
                                          "definition, tariff and decision shows its id, file and line in the "
                                          "spec."))
@option("--open", "open_", is_flag=True, help=N_("Afterwards, open the first document built (its PDF), or the "
                                                 "review site when nothing changed, with the desktop's program."))
@option("--shard", metavar="I/N", default=None,
        help=N_("Build only part I of N of the documents, without bundles (one CI job per part); put the parts "
                "together with 'dossier merge'."))
def build(spec_dirs: tuple[Path, ...], out: Path | None, formats: str, only: tuple[str, ...],
          jobs: int | None, force: bool, quiet: bool, review: bool, open_: bool, shard: str | None) -> None:
    import os
    import time

    from .builder import Options, Result, default_out, echo_progress
    from .builder.current import fingerprint, record, unchanged

    chosen = _formats(formats)
    _known_kinds(only)
    tty = sys.stderr.isatty() and not quiet
    part = _shard(shard)
    report = _reporter(quiet, tty)

    status = 0
    opened = False
    for folder in _spec_dirs(spec_dirs):
        started = time.perf_counter()
        target = default_out(folder, out, review=review)
        whole = not only and part is None  # only a build of everything is recorded
        print_ = fingerprint(folder, chosen, review) if whole else None
        same = None if force else unchanged(folder, target, print_)
        if same is not None:  # nothing changed since the recorded build: the specs are not even read
            result = Result(total=same, unchanged=same, seconds=time.perf_counter() - started)
            click.echo(f"{folder}: {result.summary()}")
            if open_ and not opened:
                opened = _open_result(folder, target, [], chosen)
            continue
        from . import load
        from .builder import build as run_build

        workers = jobs or os.cpu_count() or 2
        converter = _early_converter(workers) if "pdf" in chosen else None
        try:
            try:
                dossier = load(folder)
            except SpecError as exc:
                exc.show()
                status = max(status, 1)
                continue
            options = Options(out=target, formats=chosen, only=only, jobs=workers, force=force, review=review,
                              converter=converter, shard=part)
            result = run_build(dossier, options, report, echo_progress(tty))
        finally:
            if converter is not None:
                converter.close()
        if whole:
            complete = not result.errors and not result.environment_error
            record(folder, target, dossier.key, print_ if complete else None)
        click.echo(f"{folder}: {result.summary()}")
        if open_ and not opened:
            opened = _open_result(folder, options.out, result.built, chosen)
        if result.environment_error:
            status = max(status, 2)
        elif result.errors:
            status = max(status, 1)
    sys.exit(status)


def _reporter(quiet: bool, tty: bool) -> Callable[[str], None]:
    """How a build reports a line: every line in plain mode (CI); beside a progress bar, and with
    --quiet, only the errors."""
    def report(line: str) -> None:
        if quiet:
            if is_error_line(line):
                click.echo(line, err=sys.stderr.isatty())
        elif not tty:
            click.echo(line)
        elif is_error_line(line):
            click.echo(line, err=True)
    return report


def _known_kinds(only: tuple[str, ...]) -> None:
    """`--only` names a kind that exists, or it is a usage error (exit code 2) before anything loads."""
    if not only:  # the registry imports every model: not on the no-op path
        return
    from .kinds import KINDS

    names = [k.name for k in KINDS]
    for item in only:
        kind = item.partition("/")[0]
        if kind not in names:
            problem = DossierError(_("--only {item}: unknown kind '{kind}'; choose from {kinds}").format(
                item=item, kind=kind, kinds=", ".join(names)))
            problem.exit_code = EXIT_USAGE
            raise problem


def _open_result(folder: Path, out: Path, built: list[str], formats: tuple[str, ...]) -> bool:
    """Open the first document built (PDF, else DOCX), or else the dossier's review site; False when there
    is nothing to open."""
    from .review.site import INDEX, default_folder

    target = None
    if built:
        fmt = "pdf" if "pdf" in formats else formats[0]
        target = out / f"{built[0]}.{fmt}"
    else:
        index = default_folder(folder, None) / INDEX
        if index.is_file():
            target = index
    if target is None or not target.is_file():
        click.echo(_("nothing to open: no document was built and there is no review site (dossier site {folder})"
                     ).format(folder=folder), err=True)
        return False
    if click.launch(str(target)) != 0:
        click.echo(_("could not open {path}; open it yourself").format(path=target), err=True)
    else:
        click.echo(_("opened: {path}").format(path=target))
    return True


def _shard(value: str | None) -> tuple[int, int] | None:
    from .builder.shard import parse

    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None


@main.command(help=N_("Put the outputs of 'dossier build --shard I/N' together into OUT (the dossier's output "
                       "folder) as one build would make it, with the bundles; every file's hash is checked."))
@argument("out", metavar="OUT", type=folder_to_write())
@argument("shards", nargs=-1, required=True, metavar=N_("SHARD..."),
          type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--spec", "spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
        help=N_("The dossier folder (default: specs/ with the name of OUT)."))
@option("--quiet", is_flag=True, help=N_("Only errors and the summary: no progress bar and no line per document."))
def merge(out: Path, shards: tuple[Path, ...], spec_dir: Path | None, quiet: bool) -> None:
    from . import load
    from .builder import Options, build as run_build, echo_progress

    folder = spec_dir or SPECS / out.name
    if not (folder / "dossier.yaml").is_file():
        raise click.UsageError(_("no dossier folder {folder}; name it with --spec").format(folder=folder))
    tty = sys.stderr.isatty() and not quiet
    try:
        dossier = load(folder)
    except SpecError as exc:
        exc.show()
        sys.exit(1)

    result = run_build(dossier, Options(out=out, shards=shards), _reporter(quiet, tty), echo_progress(tty))
    click.echo(f"{out}: {result.summary()}")
    sys.exit(2 if result.environment_error else 1 if result.errors else 0)


def _early_converter(jobs: int) -> Any:
    """A converter with one LibreOffice worker starting now, while the specs are read and planned (it
    takes seconds to start); more start as the build finds documents to convert. None without
    LibreOffice (the build then says so)."""
    from .pdf import Converter, ConverterUnavailable
    from .pdf.converter import CONVERT_TIMEOUT

    try:
        converter = Converter(jobs=jobs, timeout=CONVERT_TIMEOUT)
    except ConverterUnavailable:
        return None
    converter.start(1)
    return converter


@main.command(help=N_("Start a new dossier: a small, valid example with an explanation of every field (or a "
                       "copy)."))
@argument("name", metavar=N_("NAME"))
@option("--region", help=N_("Name of the region, for example 'Twente' (default: derived from NAME)."))
@option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
        help=N_("Copy this dossier as a starting point, for example specs/twente-2025."))
@option("--dir", "parent", type=folder_to_write(), default=SPECS,
        show_default=True, help=N_("Folder in which the new dossier folder NAME goes."))
def init(name: str, region: str | None, source: Path | None, parent: Path) -> None:
    from . import load, scaffold
    from .builder import default_out

    if source is not None and region is not None:
        raise click.UsageError(_("--region goes with a new dossier, not with --from"))
    created = (scaffold.copy(source, name, parent) if source is not None
               else scaffold.create(name, parent, region=region))
    if created.schemas_written:
        click.echo(_("{folder}/: JSON Schemas written (for checking in the editor)").format(
            folder=created.schemas_written))
    if source:
        click.echo(_("{folder}: new dossier, copy of {source}").format(folder=created.folder, source=source))
    else:
        click.echo(_("{folder}: new dossier").format(folder=created.folder))
    try:
        d = load(created.folder)
    except SpecError as exc:
        exc.show()
        click.echo(_("The folder has been made, but is not valid yet; fix the errors above."), err=True)
        sys.exit(1)
    pdf = default_out(created.folder, None) / "bestek" / f"{d.spec.segmenten[0]}.pdf"
    click.echo(_("Next steps:") + f"\n  dossier validate {created.folder}\n  dossier build {created.folder}\n"
               f"  xdg-open {pdf}")


@main.command(help=N_("Rebuild what a saved change affects, and show errors as soon as they appear."))
@argument("spec_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--out", type=folder_to_write(), default=None, help=_OUT_HELP)
@option("--format", "formats", default="docx,pdf", show_default=True, help=_FORMAT_HELP)
@option("--jobs", type=click.IntRange(1, 64), default=None, help=_JOBS_HELP)
@option("--interval", type=click.FloatRange(0.1, 60), default=0.5, show_default=True,
        help=N_("Seconds between two looks at the files."))
@option("--max-rounds", type=click.IntRange(1), default=None,
        help=N_("Stop after this many builds (for scripts and tests); default: until Ctrl+C."))
def watch(spec_dirs: tuple[Path, ...], out: Path | None, formats: str, jobs: int | None, interval: float,
          max_rounds: int | None) -> None:
    import os

    from .spec.housestyle import SHIPPED
    from .watch import Settings, watch as run_watch

    settings = Settings(out=out, formats=_formats(formats), jobs=jobs or os.cpu_count() or 2,
                        interval=interval, max_rounds=max_rounds)
    also = [SHIPPED] if SHIPPED.is_dir() else []  # a dossier's own house style is inside its folder
    sys.exit(run_watch(_spec_dirs(spec_dirs), settings, click.echo, lambda line: click.echo(line, err=True),
                       also=also))


@main.group(help=N_("Publish the award and admission decisions as open data (OCDS or CSV)."))
def export() -> None:
    """The `dossier export` group (its help text is the `help=` above)."""


def _load_or_exit(folder: Path):  # type: ignore[no-untyped-def]
    from . import load

    try:
        return load(folder)
    except SpecError as exc:
        exc.show()
        sys.exit(1)


def _write_export(data: bytes, out: Path | None, summary: str) -> None:
    """Write to `out` atomically, or to standard output with the summary on standard error."""
    from .files import write_atomic

    if out is None:
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        click.echo(summary, err=True)
    else:
        write_atomic(out, data)
        click.echo(f"{summary} → {out}")


@export.command("ocds", help=N_("Write an OCDS release package (JSON) and check it against the OCDS 1.1 schema."))
@argument("spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--out", type=file_to_write(), default=None,
        help=N_("File for the release package (default: to the screen)."))
@option("--ocid-prefix", default="ocds-xxxxxx", show_default=True,
        help=N_("Your ocid prefix ('ocds-' and six characters), to be requested from the Open Contracting "
                "Partnership."))
@option("--uri", default=None, help=N_("URI of the package, for example the URL where you publish it."))
@option("--license", "license_url", default=None,
        help=N_("URL of the licence, for example https://creativecommons.org/publicdomain/zero/1.0/."))
def export_ocds(spec_dir: Path, out: Path | None, ocid_prefix: str, uri: str | None,
                license_url: str | None) -> None:
    import re

    from .export import ocds

    if not re.fullmatch(r"ocds-[a-z0-9]{6}", ocid_prefix):
        raise click.BadParameter(_("'ocds-' followed by six small letters or digits, for example ocds-a1b2c3"),
                                 param_hint="--ocid-prefix")
    package = ocds.release_package(_load_or_exit(spec_dir), prefix=ocid_prefix, uri=uri, license=license_url)
    problems = ocds.validate(package)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        click.echo(error_line(_("the release package does not comply with OCDS {version}; nothing was written. "
                                "This is a bug in dossier: report it with the lines above.").format(
            version=ocds.schema_version())), err=True)
        sys.exit(1)
    awards = package["releases"][0].get("awards", [])
    active = sum(1 for a in awards if a["status"] == "active")
    summary = f"{spec_dir}: " + ngettext(
        "{n} award ({active} active, {unsuccessful} unsuccessful), valid according to OCDS {version}",
        "{n} awards ({active} active, {unsuccessful} unsuccessful), valid according to OCDS {version}",
        len(awards)).format(n=len(awards), active=active, unsuccessful=len(awards) - active,
                            version=ocds.schema_version())
    if ocid_prefix == "ocds-xxxxxx":
        click.echo(_("note: ocds-xxxxxx is an example prefix; give your own with --ocid-prefix"), err=True)
    _write_export(ocds.dumps(package).encode("utf-8"), out, summary)


@export.command("csv", help=N_("Write one row per provider and deelsegment (CSV for Excel: ';', UTF-8 with BOM)."))
@argument("spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--out", type=file_to_write(), default=None,
        help=N_("File for the table (default: to the screen)."))
def export_csv(spec_dir: Path, out: Path | None) -> None:
    from .export import csv as export_table

    d = _load_or_exit(spec_dir)
    n = len(export_table.rows(d))
    _write_export(export_table.to_bytes(d), out, f"{spec_dir}: " + ngettext("{n} row", "{n} rows", n).format(n=n))


@export.command("xlsx", help=N_("Write the decisions as a workbook for the evaluation committee: a sheet per segment, "
                                "a row per provider and deelsegment, outcome and scores (XLSX)."))
@argument("spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--out", type=file_to_write(), required=True, help=N_("File for the workbook, for example besluiten.xlsx."))
def export_xlsx(spec_dir: Path, out: Path) -> None:
    from .export import xlsx

    d = _load_or_exit(spec_dir)
    n = sum(1 for key in d.spec.segmenten for _row in xlsx.rows_of(d, key))
    _write_export(xlsx.to_bytes(d), out, f"{spec_dir}: " + ngettext("{n} row", "{n} rows", n).format(n=n))


@main.group("import", help=N_("Read changes back into the spec (a workbook from 'dossier export xlsx')."))
def import_() -> None:
    """The `dossier import` group (its help text is the `help=` above)."""


@import_.command("xlsx", help=N_("Read outcomes, scores and provider details from a workbook made by 'dossier export "
                                 "xlsx' into besluiten.yaml and aanbieders.yaml; every cell is checked as the spec "
                                 "is, and nothing is written if one is wrong."))
@argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@argument("spec_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def import_xlsx(workbook: Path, spec_dir: Path) -> None:
    from .export.xlsx_import import import_workbook

    d = _load_or_exit(spec_dir)
    try:
        result = import_workbook(d, workbook)
    except SpecError as exc:
        exc.show()
        click.echo(_("Nothing was written."), err=True)
        sys.exit(1)
    if not result.edits:
        click.echo(_("{workbook}: no changes").format(workbook=workbook))
        return
    for edit in result.edits:
        was = "" if edit.was is None else edit.was
        new = edit.value if isinstance(edit.value, (str, int, float)) else ""  # empty: the score is taken out
        click.echo(f"  {edit.cell.sheet} {edit.cell.letter}{edit.cell.row} {edit.cell.header}: {was} → {new}")
    for path in result.written:
        n = sum(1 for e in result.edits if e.file == path.name)
        click.echo(_("{file}: {changes} written").format(
            file=path, changes=ngettext("{n} change", "{n} changes", n).format(n=n)))
