"""The house style a dossier's documents are made in: a folder of .docx templates, one per kind.

`dossier.yaml` chooses it with `huisstijl:`, the name of a shipped style (a folder under the
package's `templates/`, for example `standaard` or `zhz`) or a path, relative to the dossier
folder, to a region's own folder of templates. A house style must have every template the shipped
default style has, each a real .docx file; `dossier validate` checks that.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _

SHIPPED = Path(__file__).resolve().parent.parent / "templates"
DEFAULT = "standaard"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class HouseStyle:
    """A chosen house style: its name as written in dossier.yaml and its folder of templates."""

    name: str
    folder: Path

    def template(self, filename: str) -> Path:
        """The template file for a document kind, e.g. `template("besluit.docx")`."""
        return self.folder / filename


def shipped_styles() -> list[str]:
    """The names of the house styles that come with dossier."""
    return sorted(p.name for p in SHIPPED.iterdir() if p.is_dir() and (p / "bestek.docx").is_file())


def required_templates() -> list[str]:
    """The template files every house style must have: those of the shipped default style."""
    return sorted(p.name for p in (SHIPPED / DEFAULT).glob("*.docx"))


def house_style(value: str | None, root: Path) -> HouseStyle:
    """The house style `value` (from dossier.yaml) names, for the dossier in `root`."""
    if value is None:
        return HouseStyle(DEFAULT, SHIPPED / DEFAULT)
    if "/" not in value and "\\" not in value and not value.startswith("."):
        return HouseStyle(value, SHIPPED / value)
    return HouseStyle(value, root / value)


MISSING = "missing"


def template_problem(path: Path) -> str | None:
    """Why `path` cannot serve as a template: MISSING, a translated reason, or None when it can."""
    if not path.is_file():
        return MISSING
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        return _("larger than 20 MB")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                return _("not a Word document")
            if archive.testzip() is not None:
                return _("damaged")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return _("not a Word document")
    return None
