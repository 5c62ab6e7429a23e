"""dossier: validated YAML specs → the documents of a Dutch youth-care procurement.

    import dossier
    d = dossier.load("specs/twente-2025")          # raises dossier.SpecError with every problem
    result = dossier.build(d, out="output/twente-2025")
    print(result.summary())

Messages (errors, progress, the summary) are Dutch unless the locale is English;
`dossier.set_language("en")` or `("nl")` chooses, `dossier.set_language(None)` goes back to the locale.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .version import __version__ as __version__  # noqa: F401 (re-exported: dossier.__version__)

from .errors import DossierError, SpecError  # noqa: E402 (the errors a caller catches)
from .i18n import set_language  # noqa: E402

__all__ = ["DossierError", "SpecError", "build", "load", "set_language"]

if TYPE_CHECKING:
    from .builder import Result
    from .spec import Dossier


def load(path: str | os.PathLike[str]) -> "Dossier":
    """Read and validate a dossier folder, and make the comparison its Nota van Inlichtingen asks for."""
    from .review.vergelijk import load as _load

    return _load(path)


def build(model: "Dossier", out: str | os.PathLike[str], *, formats: tuple[str, ...] = ("docx", "pdf"),
          only: tuple[str, ...] = (), jobs: int | None = None, force: bool = False,
          report: Callable[[str], None] = lambda line: None) -> "Result":
    """Build the documents of a loaded dossier into `out` (incremental, atomic)."""
    from .builder import Options, build as _build

    options = Options(out=Path(out), formats=formats, only=only, jobs=jobs or os.cpu_count() or 2, force=force)
    return _build(model, options, report)
