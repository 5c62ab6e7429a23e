"""The versions a review compares: a spec folder on disk, or the same folder at a git revision.

A revision is read with `git archive` into a temporary folder; the working tree is never checked
out or touched. The temporary folder keeps the dossier's own name, so document keys stay the same.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import DossierError, EnvironmentProblem
from ..i18n import _

_ORIGINS: dict[Path, tuple[Path, str]] = {}
"""Extracted folder → (repository, folder inside it): a revision named by a spec inside an
extracted version (the Nota van Inlichtingen's `vergelijk`) is read from the original repository."""


class VersionError(DossierError):
    """A version to compare cannot be read: no git, an unknown revision, a folder not in git."""

    exit_code = 2


@dataclass(frozen=True)
class Version:
    """A readable dossier folder and how reports name it."""

    root: Path
    label: str


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=120)
    except FileNotFoundError:
        raise EnvironmentProblem(_("git is not installed; it is needed to read an earlier revision (apt-get "
                                   "install git)")) from None


def _origin(folder: Path) -> tuple[Path, str]:
    """(repository top, folder relative to it) of a dossier folder, also for an extracted version."""
    resolved = folder.resolve()
    if resolved in _ORIGINS:
        return _ORIGINS[resolved]
    probe = _git(resolved if resolved.is_dir() else resolved.parent, "rev-parse", "--show-toplevel")
    if probe.returncode != 0:
        raise VersionError(_("{folder} is not in a git repository; compare two folders instead of a "
                             "revision").format(folder=folder))
    top = Path(probe.stdout.decode().strip()).resolve()
    return top, resolved.relative_to(top).as_posix()


@contextmanager
def at_revision(folder: Path, rev: str) -> Iterator[Version]:
    """The dossier `folder` as it was at git revision `rev`, in a temporary folder."""
    top, rel = _origin(folder)
    if _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise VersionError(_("revision '{rev}' does not exist in {repository}; choose a commit, tag or branch "
                             "(git log --oneline)").format(rev=rev, repository=top))
    if _git(top, "cat-file", "-e", f"{rev}:{rel}").returncode != 0:
        raise VersionError(_("{folder} does not exist in revision '{rev}'").format(folder=rel, rev=rev))
    archive = _git(top, "archive", "--format=tar", rev, "--", rel)
    if archive.returncode != 0:
        raise VersionError(_("cannot read {folder} from revision '{rev}': {error}").format(
            folder=rel, rev=rev, error=archive.stderr.decode(errors="replace").strip()))
    base = Path(tempfile.mkdtemp(prefix="dossier-rev-"))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(base, filter="data")
        root = (base / rel).resolve()
        _ORIGINS[root] = (top, rel)
        yield Version(root, f"{rel} @ {rev}")
    finally:
        _ORIGINS.pop((base / rel).resolve(), None)
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def folder(path: Path) -> Iterator[Version]:
    """A spec folder on disk, as it is."""
    if not path.is_dir():
        raise VersionError(_("{path}: folder does not exist").format(path=path))
    yield Version(path, str(path))


@contextmanager
def relative_to(root: Path, *, revisie: str | None = None, map: str | None = None) -> Iterator[Version]:
    """A version named inside a dossier: a git revision of that dossier folder, or a folder
    relative to it."""
    if revisie is not None:
        with at_revision(root, revisie) as version:
            yield version
    else:
        assert map is not None
        origin = _ORIGINS.get(root.resolve())
        base = origin[0] / origin[1] if origin else root  # an extracted revision: its folder in the repository
        with folder(base / map) as version:
            yield Version(version.root, map)
