"""`dossier check`: every variable every template uses exists in its context, so a misspelt
field fails in CI instead of leaving a blank in a legal document."""

from __future__ import annotations

from pathlib import Path

from .errors import DossierError
from .i18n import _, ngettext
from . import kinds
from .kinds import all_documents
from .render.docx import render_docx, template_variables
from .spec import Dossier


def check_templates(d: Dossier, templates: Path) -> tuple[list[str], list[str]]:
    """(problems, notes) for the templates in `templates` against dossier `d`.

    Each template is rendered, in memory, with every document of its kind: docxtpl's list of
    undeclared variables only covers top-level names, a full strict render also catches `ds.nam`.
    """
    problems: list[str] = []
    notes: list[str] = []
    docs = all_documents(d)
    for kind in kinds.KINDS:
        template = templates / kind.template
        if not template.exists():
            problems.append(_("{template}: template is missing").format(template=template))
            continue
        mine = [doc for k, doc in docs if k.name == kind.name]
        if not mine:
            notes.append(_("{template}: not checked, this dossier has no {description}").format(
                template=kind.template, description=_(kind.description)))
            continue
        try:
            used = template_variables(template)
        except Exception as exc:  # noqa: BLE001 - a broken tag is reported, whatever jinja raises
            problems.append(_("{template}: invalid tag: {error}").format(template=kind.template, error=exc))
            continue
        unknown = sorted(used - set(mine[0].context))
        if unknown:
            problems.append(_("{template}: unknown variable(s) {unknown}; available: {available}").format(
                template=kind.template, unknown=", ".join(unknown), available=", ".join(sorted(mine[0].context))))
            continue
        for doc in mine:
            try:
                render_docx(template, doc, author="controle", when=d.spec.datum)
            except DossierError as exc:
                problems.append(exc.format_message())
                break
        else:
            notes.append(ngettext("{template}: all right ({n} document)", "{template}: all right ({n} documents)",
                                  len(mine)).format(template=kind.template, n=len(mine)))
    return problems, notes
