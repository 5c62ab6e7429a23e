"""Whether a build has nothing to do, decided without loading the dossier (a no-op in a blink).

After a complete build (no errors, no `--only`) the builder records what the output was made from:
a fingerprint of every file in the dossier folder and of the shipped house styles, the program's
version, the fonts, the formats, and the hash of the manifest it wrote. The next build of the same
folder into the same output compares: when the fingerprint is the same, the manifest is the one
recorded and passes the checks a full build makes of it, and every file it lists is there with its
hash, nothing changed and the specs are not even read.

The record lives in the user's cache folder, never in the output folder (which may come from a CI
cache or a shared drive): an output folder cannot vouch for itself. Anything unusual (a link in the
dossier folder, a Nota van Inlichtingen that compares with another version, a build that was
stopped, a record that does not parse) means: no shortcut, the full build decides.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from functools import lru_cache
from pathlib import Path

from ..files import canonical_hash, sha256_file, write_atomic
from ..version import __version__
from . import install, manifest
from .manifest import BUNDLE_KIND, ManifestUnusable

TOOL = f"dossier {__version__}"
SHIPPED = Path(__file__).resolve().parent.parent / "templates"
NOTA = "nota-van-inlichtingen.yaml"
_FORMAT = 1


FONT_FAMILIES = {"Liberation Sans", "DejaVu Sans"}
"""The fonts of the shipped house styles (templates/generator/style.py)."""


@lru_cache(maxsize=1)
def fonts_hash() -> str:
    """Hash of the font files of the shipped house styles (Liberation Sans in `standaard`, DejaVu Sans in
    `zhz`), so a font update rebuilds the PDFs. A region's own style with another font is not tracked."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\n"], capture_output=True,
                                text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    files = sorted({line.split("\t", 1)[1] for line in listed.splitlines() if "\t" in line
                    and FONT_FAMILIES & set(line.split("\t", 1)[0].split(","))})
    return canonical_hash([sha256_file(Path(f)) for f in files] or ["fonts missing"])


def _tree(root: Path, digest: hashlib._Hash) -> bool:
    """Add every file under `root` (path and content) to `digest`; False when there is a link."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        base = Path(folder)
        for name in sorted(files) + dirs:
            path = base / name
            if path.is_symlink():
                return False
            if name in files:
                digest.update(f"{path.relative_to(root).as_posix()}\0{sha256_file(path)}\0".encode())
    return True


def fingerprint(folder: Path, formats: tuple[str, ...], review: bool) -> str | None:
    """What the outputs of `folder` are made from, as one hash; None when that cannot be known without
    loading it (a link, or a nota that compares with a version outside the folder)."""
    try:
        nota = folder / NOTA
        if nota.is_file() and any(b"vergelijk" in line for line in nota.read_bytes().splitlines()
                                  if not line.lstrip().startswith(b"#")):
            return None
        digest = hashlib.sha256(json.dumps([_FORMAT, TOOL, fonts_hash(), sorted(formats), review]).encode())
        if not _tree(folder, digest):
            return None
        for template in sorted(SHIPPED.glob("*/*.docx")):  # the shipped house styles
            digest.update(f"{template.relative_to(SHIPPED).as_posix()}\0{sha256_file(template)}\0".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _cache() -> Path:
    base = os.environ.get("DOSSIER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dossier")
    return Path(base) / "builds"


def _record_path(folder: Path, out: Path) -> Path:
    key = hashlib.sha256(json.dumps([str(folder.resolve()), str(out.resolve())]).encode()).hexdigest()
    return _cache() / f"{key}.json"


def record(folder: Path, out: Path, dossier: str, print_: str | None) -> None:
    """Remember that `out` is the complete build of `folder` with fingerprint `print_` (computed before
    the build read anything); with None, forget any earlier record."""
    path = _record_path(folder, out)
    try:
        if print_ is None:
            path.unlink(missing_ok=True)
            return
        data = {"fingerprint": print_, "dossier": dossier,
                "manifest": sha256_file(out / manifest.NAME)}
        write_atomic(path, json.dumps(data).encode("utf-8"))
    except OSError:
        pass  # no cache: every build takes the full path


def unchanged(folder: Path, out: Path, print_: str | None) -> int | None:
    """The number of documents when `out` is a complete, current build of `folder` (fingerprint
    `print_`); None when a full build must decide."""
    if print_ is None or (out / install.STAGING).exists() or (out / install.STAGING).is_symlink():
        return None
    try:
        data = json.loads(_record_path(folder, out).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("fingerprint") != print_ or not isinstance(data.get("dossier"), str):
            return None
        if sha256_file(out / manifest.NAME) != data.get("manifest"):
            return None
        old = manifest.read(out / manifest.NAME, data["dossier"])
    except (OSError, ValueError, ManifestUnusable):
        return None
    documents = 0
    for entry in old.entries.values():
        if entry.kind != BUNDLE_KIND:
            documents += 1
        if not entry.files:
            return None
        for rel, sha in entry.files.items():
            path = out / rel
            if not sha or path.is_symlink() or not path.is_file() or sha256_file(path) != sha:
                return None
    return documents
