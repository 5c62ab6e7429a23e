"""`dossier site`: a static review site of a dossier, one self-contained folder.

No server and nothing from outside: plain HTML, one style sheet and one script, readable from a file
share (file://) and as a CI artifact. The folder holds

- `index.html`: every document (kind, title, status against the last build and why, links to the
  HTML rendition, the DOCX and the PDF), the bundles, the problems found, and the changes;
- `documenten/<kind>/<key>.html`: each document as accessible HTML (see html.py), rendered from the
  same context and template as the DOCX; in review mode with each item's spec file and line;
- `bestanden/…`: copies of the DOCX and PDF files and bundles of the last build (what the links open);
- with a previous version: `wijzigingen.html` (the change report, each change linked to the documents
  it touches), `redline/<kind>/<key>.docx` and `wijzigingsoverzicht.docx`;
- `zoekindex.js` (words per section) and `zoeken.js`: search in the browser. The index is a script,
  not JSON, because a browser does not let a page fetch a file next to it from file://.

The text of the site is Dutch, as the documents are. The folder is written next to its place and
then swapped in: an interrupted run leaves the previous site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path
from typing import Literal
from markupsafe import escape

from .. import i18n
from ..builder import last_build, manifest
from ..builder.manifest import BUNDLE_KIND, FORMATS, ManifestUnusable
from ..builder.plan import plan
from ..check import check_templates
from ..context import nl
from ..context.common import Document, review_marks
from ..errors import Problem
from ..files import sha256_file
from ..kinds import Kind, all_documents, bundle_titles
from ..render.docx import render_docx
from ..spec import Dossier
from . import report
from .diff import Diff, compare, side, word_diff
from .redline import write_redlines
from .html import Rendition, docx_to_html

INDEX = "index.html"
CHANGES = "wijzigingen.html"
DOCUMENTS = "documenten"
FILES = "bestanden"
REDLINE = "redline"

KIND_LABEL = {"bestek": "Bestek", "samenvatting": "Samenvatting", "raadsbrief": "Raadsbrief",
              "collegebrief": "Collegebrief", "besluit": "Besluit", "nota": "Nota van inlichtingen"}


@dataclass
class Previous:
    """The version to compare with, loaded, and how the report names both versions."""

    dossier: Dossier
    old_label: str
    new_label: str


@dataclass
class Written:
    """What `write_site` made."""

    folder: Path
    documents: int = 0
    changes: int = 0
    problems: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Doc:
    kind: Kind
    doc: Document
    page: str
    status: str
    current: bool
    files: dict[str, str]
    rendition: Rendition | None = None
    redline: str | None = None


def default_folder(spec_dir: Path, out: Path | None) -> Path:
    """`site/<dossier>/`, or `<out>/<dossier>/` with --out."""
    return (out if out is not None else Path("site")) / spec_dir.resolve().name


def write_site(d: Dossier, target: Path, *, build_out: Path, review: bool = False,
               previous: Previous | None = None) -> Written:
    """Write the site of dossier `d` into `target` (replaced as a whole); `build_out` is the dossier's
    build folder (`output/<dossier>`), whose files the site links to."""
    written = Written(target)
    with _staging(target) as stage:
        docs = _documents(d, build_out)
        with review_marks(review):
            shown = all_documents(d) if review else [(k, doc) for k, doc in ((x.kind, x.doc) for x in docs)]
        by_ident = {x.doc.ident: x for x in docs}
        for kind, doc in shown:
            data = render_docx(d.house_style.template(kind.template), doc, author=d.spec.opdrachtgever.naam,
                               when=d.spec.datum)
            by_ident[doc.ident].rendition = docx_to_html(data, doc.title)
        for x in docs:
            for rel in list(x.files):
                _copy(build_out / rel, stage / FILES / rel)
        bundles = _bundles(d, build_out, stage)
        problems, notes = check_templates(d, d.house_style.folder)
        written.problems = len(problems)
        diff = None
        if previous is not None:
            diff = _changes(previous, d, stage, by_ident)
            written.changes = len(diff.changes)
        for x in docs:
            _write(stage / x.page, _document_page(d, x, review, diff))
        last = _last_build(d, last_build.read(build_out), {x.doc.ident: x for x in docs})
        _write(stage / INDEX, _index_page(d, docs, bundles, problems, notes, diff, review, previous, last))
        if diff is not None and previous is not None:
            _write(stage / CHANGES, _changes_page(d, diff, by_ident, previous))
        _write(stage / "site.css", CSS)
        _write(stage / "zoeken.js", SEARCH_JS)
        _write(stage / "zoekindex.js", _search_index(docs))
        written.documents = len(docs)
    return written


def write_problem_site(folder: Path, title: str, problems: list[Problem], target: Path) -> Written:
    """The site of a dossier that does not validate: only its problems."""
    with _staging(target) as stage:
        body = [f"<h1>{escape(title)}</h1>",
                "<p>Het dossier is niet geldig; er zijn geen documenten gemaakt. Los deze problemen op en "
                "maak de site opnieuw.</p>", _problem_list([str(p) for p in problems])]
        _write(stage / INDEX, _page("Problemen – " + title, "\n".join(body), depth=0))
        _write(stage / "site.css", CSS)
    return Written(target, problems=len(problems))


# --- what is there ----------------------------------------------------------------------------------

def _documents(d: Dossier, build_out: Path) -> list[_Doc]:
    """Every document with its status against the last build in `build_out` (in Dutch)."""
    try:
        old = manifest.read(build_out / manifest.NAME, d.key)
        built = True
    except ManifestUnusable:
        old = manifest.Manifest("", d.key)
        built = False
    sources = {name: sha256_file(src.path) for name, src in d.sources.items()}
    out = []
    with i18n.using("nl"):
        for kind, doc in all_documents(d):
            previous = old.entries.get(doc.ident)
            formats = tuple(f for f in FORMATS if previous is not None
                            and f"{doc.kind}/{doc.key}.{f}" in previous.files) or FORMATS
            p = plan(d, kind, doc, old, sources, formats, False, build_out)
            files = {rel: rel for rel in (previous.files if previous else {}) if (build_out / rel).is_file()}
            if not built or previous is None:
                status, current = "niet gebouwd", False
            elif p.reason is None:
                status, current = "actueel", True
            else:
                status, current = f"verouderd: {p.reason}", False
            if doc.voorbeelden:
                n = len(doc.voorbeelden)
                status += f"; {n} {'voorbeeldwaarde' if n == 1 else 'voorbeeldwaarden'}"
            out.append(_Doc(kind, doc, f"{DOCUMENTS}/{doc.kind}/{doc.key}.html", status, current, files))
    return out


def _bundles(d: Dossier, build_out: Path, stage: Path) -> list[tuple[str, str | None]]:
    """(title, file in the site or None) of every bundle the dossier can have."""
    out = []
    for key, title in bundle_titles(d).items():
        rel = manifest.bundle_file(key)
        found = (build_out / rel).is_file()
        if found:
            _copy(build_out / rel, stage / FILES / rel)
        out.append((title, f"{FILES}/{rel}" if found else None))
    return out


def _changes(previous: Previous, d: Dossier, stage: Path, by_ident: dict[str, _Doc]) -> Diff:
    """The diff from the previous version, with a redline DOCX of every changed document and the
    wijzigingsoverzicht (DOCX) written into the site."""
    diff = compare(previous.dossier, d, oud_label=previous.old_label, nieuw_label=previous.new_label)
    written = write_redlines(previous.dossier, d, diff.documents, stage / REDLINE)
    for path in written.files:
        ident = path.relative_to(stage / REDLINE).with_suffix("").as_posix()
        if ident in by_ident:
            by_ident[ident].redline = path.relative_to(stage).as_posix()
    report.write_docx(diff, d, stage / "wijzigingsoverzicht.docx")
    return diff


def _copy(source: Path, target: Path) -> None:
    if source.is_symlink() or not source.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


# --- pages ------------------------------------------------------------------------------------------

def _rel(depth: int, path: str) -> str:
    return "../" * depth + path


def _page(title: str, main: str, *, depth: int, nav: str = "", search: bool = False) -> str:
    up = "../" * depth
    script = (f'<script src="{up}zoekindex.js"></script>\n<script src="{up}zoeken.js"></script>\n'
              if search else "")
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="{up}site.css">
</head>
<body>
<a class="overslaan" href="#inhoud">Naar de inhoud</a>
<header><p><a href="{up}{INDEX}">Overzicht van het dossier</a></p></header>
{nav}<main id="inhoud">
{main}
</main>
{script}</body>
</html>
"""


def _file_links(x: _Doc, depth: int) -> str:
    links = []
    for fmt in FORMATS:
        rel = f"{x.doc.kind}/{x.doc.key}.{fmt}"
        if rel in x.files:
            links.append(f'<a href="{_rel(depth, FILES + "/" + rel)}">{fmt.upper()}'
                         f'<span class="verborgen"> van {escape(x.doc.title)}</span></a>')
    return " ".join(links) or "—"


def _index_page(d: Dossier, docs: list[_Doc], bundles: list[tuple[str, str | None]], problems: list[str],
                notes: list[str], diff: Diff | None, review: bool, previous: Previous | None, last: str) -> str:
    parts = [f"<h1>{escape(d.spec.titel)}</h1>",
             f"<p>Versie {escape(str(d.spec.versie))}. "
             + ("Reviewweergave: bij elke eis, elk begrip, elk tarief en elk besluit staan het bestand en de "
                "regel in de specificatie. " if review else "")
             + f"{len(docs)} documenten.</p>",
             SEARCH_FORM]
    if diff is not None and previous is not None:
        parts += ["<h2>Wijzigingen</h2>",
                  f"<p>Ten opzichte van {escape(previous.old_label)}: {escape(_summary(diff))}. "
                  f'<a href="{CHANGES}">Alle wijzigingen, met de documenten waarin ze staan</a>.</p>']
    parts += ["<h2>Documenten</h2>",
              '<table class="documenten"><caption>Alle documenten van het dossier, met hun stand ten opzichte van '
              "de laatste build</caption>",
              '<thead><tr><th scope="col">Soort</th><th scope="col">Titel</th><th scope="col">Status</th>'
              '<th scope="col">Bestanden</th></tr></thead><tbody>']
    for x in docs:
        css = "actueel" if x.current else "verouderd"
        parts.append(f'<tr><td>{escape(KIND_LABEL.get(x.doc.kind, x.doc.kind))}</td>'
                     f'<th scope="row"><a href="{x.page}">{escape(x.doc.title)}</a></th>'
                     f'<td class="{css}">{escape(x.status)}</td><td>{_file_links(x, 0)}</td></tr>')
    parts.append("</tbody></table>")
    parts.append("<h2>Bundels</h2><ul>")
    for title, rel in bundles:
        parts.append(f'<li><a href="{rel}">{escape(title)}</a> (PDF)</li>' if rel
                     else f"<li>{escape(title)} (nog niet gebouwd)</li>")
    parts.append("</ul>")
    parts.append(last)
    parts.append("<h2>Controle</h2>")
    examples = sorted({str(e) for x in docs for e in x.doc.voorbeelden})
    if problems:
        parts += ["<p>Problemen in de sjablonen:</p>", _problem_list(problems)]
    else:
        parts.append("<p>De specificatie is geldig en elk sjabloon past bij de gegevens.</p>")
    if notes:
        parts.append(_problem_list(notes))
    if examples:
        parts.append(f"<p>{len(examples)} waarden zijn als voorbeeld gemarkeerd (<code>!voorbeeld</code>) en "
                     "moeten nog worden vastgesteld:</p>")
        parts.append(_problem_list(examples))
    return _page(d.spec.titel, "\n".join(parts), depth=0, search=True)


def _last_build(d: Dossier, last: last_build.Record | None, by_ident: dict[str, _Doc]) -> str:
    """The section on what the last build that changed the output folder made, and why."""
    parts = ["<h2>Laatste build</h2>"]
    if last is None:
        parts.append("<p>Niet bekend wat de laatste build heeft gemaakt: de uitvoermap heeft geen verslag "
                     "daarvan, of is daarna buiten de build om veranderd. Een nieuwe build legt het vast.</p>")
        return "\n".join(parts)
    moment = last.when.astimezone(timezone.utc)
    when = f"{nl.datum(moment.date())} om {moment:%H:%M} uur (UTC)"
    scope = " (met --only: alleen de genoemde documenten)" if last.only else ""
    parts.append(f"<p>De laatste build die de uitvoer veranderde, op {escape(when)}{escape(scope)}, bouwde "
                 f"{nl.aantal(len(last.built), 'document', 'documenten')}, verwijderde "
                 f"{nl.aantal(len(last.removed), 'document', 'documenten')} en werkte "
                 f"{nl.aantal(len(last.bundles), 'bundel', 'bundels')} bij; "
                 f"{nl.aantal(len(last.errors), 'fout', 'fouten')}.</p>")
    titles = {f"{BUNDLE_KIND}/{key}": title for key, title in bundle_titles(d).items()}

    def name(ident: str) -> str:
        x = by_ident.get(ident)
        if x is not None:
            return f'<a href="{x.page}">{escape(x.doc.title)}</a>'
        return escape(titles.get(ident, ident))

    if last.built:
        parts += ['<table class="gebouwd"><caption>Gebouwd in de laatste build, met de reden</caption>',
                  '<thead><tr><th scope="col">Document</th><th scope="col">Reden</th></tr></thead><tbody>']
        parts += [f'<tr><th scope="row">{name(ident)}</th><td>{escape(reason)}</td></tr>'
                  for ident, reason in last.built]
        parts.append("</tbody></table>")
    for label, idents in (("Verwijderd (de bron bestaat niet meer)", last.removed),
                          ("Bijgewerkte bundels", last.bundles)):
        if idents:
            parts.append(f"<p>{label}:</p><ul>" + "".join(f"<li>{name(i)}</li>" for i in idents) + "</ul>")
    if last.errors:
        parts += ["<p>Fouten:</p>", _problem_list(last.errors)]
    return "\n".join(parts)


def _problem_list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _document_page(d: Dossier, x: _Doc, review: bool, diff: Diff | None) -> str:
    depth = 2
    assert x.rendition is not None
    toc = [h for h in x.rendition.headings if h[0] <= 3]
    nav = ""
    if toc:
        nav = ('<nav aria-label="Inhoud van het document"><details><summary>Inhoud</summary><ul>'
               + "".join(f'<li class="niveau{lvl}"><a href="#{anchor}">{escape(text)}</a></li>'
                         for lvl, anchor, text in toc)
               + "</ul></details></nav>\n")
    facts = [f"{escape(KIND_LABEL.get(x.doc.kind, x.doc.kind))}", escape(x.status), _file_links(x, depth)]
    if x.redline:
        facts.append(f'<a href="{_rel(depth, x.redline)}">Redline (DOCX)<span class="verborgen"> van '
                     f"{escape(x.doc.title)}</span></a>")
    if diff is not None:
        n = sum(1 for c in diff.changes if x.doc.ident in c.documenten)
        if n:
            facts.append(f'<a href="{_rel(depth, CHANGES)}#{_anchor(x.doc.ident)}">{n} '
                         f"{'wijziging' if n == 1 else 'wijzigingen'}</a>")
    head = f'<p class="gegevens">{" · ".join(facts)}</p>'
    return _page(x.doc.title, head + "\n" + str(x.rendition.body), depth=depth, nav=nav)


def _anchor(ident: str) -> str:
    return "d-" + re.sub(r"[^a-z0-9-]", "-", ident)


def _summary(diff: Diff) -> str:
    n, docs = len(diff.changes), len(diff.documents)
    if not n and not docs:
        return "geen wijzigingen"
    return (f"{n} {'wijziging' if n == 1 else 'wijzigingen'} ({diff.count('toegevoegd')} toegevoegd, "
            f"{diff.count('gewijzigd')} gewijzigd, {diff.count('verwijderd')} verwijderd); "
            f"{docs} {'document' if docs == 1 else 'documenten'} gewijzigd")


def _marked(was: str, wordt: str, soort: str) -> tuple[str, str]:
    if soort == "toegevoegd":
        return "—", f"<ins>{escape(wordt)}</ins>" if wordt else "—"
    if soort == "verwijderd":
        return f"<del>{escape(was)}</del>" if was else "—", "—"
    pieces = word_diff(was, wordt)

    def show(mark: Literal["del", "ins"]) -> str:
        return "".join(str(escape(t)) if not m else f"<{m}>{escape(t)}</{m}>" for m, t in side(pieces, mark)) or "—"
    return show("del"), show("ins")


def _changes_page(d: Dossier, diff: Diff, by_ident: dict[str, _Doc], previous: Previous) -> str:
    parts = [f"<h1>Wijzigingen in {escape(d.spec.titel)}</h1>",
             f"<p>Van {escape(previous.old_label)} (versie {escape(diff.oud.versie)}, {escape(diff.oud.datum)}) "
             f"naar {escape(previous.new_label)} (versie {escape(diff.nieuw.versie)}, {escape(diff.nieuw.datum)}): "
             f"{escape(_summary(diff))}. Verwijderde woorden zijn doorgehaald, toegevoegde onderstreept.</p>"]
    if diff.documents:
        parts += ["<h2>Gewijzigde documenten</h2>",
                  '<table><thead><tr><th scope="col">Document</th><th scope="col">Wat</th>'
                  '<th scope="col">Wijzigingen</th><th scope="col">Redline</th></tr></thead><tbody>']
        for dc in diff.documents:
            x = by_ident.get(dc.ident)
            name = (f'<a href="{x.page}">{escape(dc.titel)}</a>' if x else escape(dc.titel))
            n = sum(1 for c in diff.changes if dc.ident in c.documenten)
            red = (f'<a href="{x.redline}">DOCX<span class="verborgen"> redline van {escape(dc.titel)}</span></a>'
                   if x and x.redline else "—")
            parts.append(f'<tr id="{_anchor(dc.ident)}"><th scope="row">{name}</th><td>{escape(dc.soort)}</td>'
                         f"<td>{n}</td><td>{red}</td></tr>")
        parts.append("</tbody></table>")
        parts.append('<p><a href="wijzigingsoverzicht.docx">Wijzigingsoverzicht (DOCX)</a></p>')
    groep = None
    for i, c in enumerate(diff.changes):
        if c.groep != groep:
            groep = c.groep
            parts.append(f"<h2>{escape(groep)}</h2>")
        parts.append(f'<section class="wijziging" id="w{i + 1}" aria-labelledby="w{i + 1}-kop">'
                     f'<h3 id="w{i + 1}-kop">{escape(c.onderwerp)} <span class="soort">({escape(c.soort)})</span></h3>'
                     f'<p class="bron">Bron: {escape(c.bron)}</p>')
        if c.velden:
            parts.append('<table><thead><tr><th scope="col">Veld</th><th scope="col">Was</th>'
                         '<th scope="col">Wordt</th></tr></thead><tbody>')
            for f in c.velden:
                was, wordt = _marked(str(f.was), str(f.wordt), c.soort)
                parts.append(f'<tr><th scope="row">{escape(f.veld)}</th><td>{was}</td><td>{wordt}</td></tr>')
            parts.append("</tbody></table>")
        links = []
        for ident in c.documenten:
            x = by_ident.get(ident)
            if x is None:
                links.append(str(escape(ident)))
                continue
            link = f'<a href="{x.page}">{escape(x.doc.title)}</a>'
            if x.redline:
                link += f' (<a href="{x.redline}">redline<span class="verborgen"> van {escape(x.doc.title)}</span></a>)'
            links.append(link)
        parts.append("<p>Staat in: " + (", ".join(links) if links else "geen document") + ".</p></section>")
    return _page(f"Wijzigingen – {d.spec.titel}", "\n".join(parts), depth=0)


# --- search -----------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lower case without accents, as the search script folds what is typed."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _search_index(docs: list[_Doc]) -> str:
    entries = []
    for x in docs:
        assert x.rendition is not None
        for section in x.rendition.sections:
            words = sorted(set(re.findall(r"\w+", _fold(" ".join([section.title, *section.words])))))
            if not words:
                continue
            title = x.doc.title if not section.anchor else f"{x.doc.title} › {section.title}"
            entries.append({"u": x.page + (f"#{section.anchor}" if section.anchor else ""), "t": title,
                            "w": " ".join(words)})
    return "window.DOSSIER_ZOEKINDEX = " + json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + ";\n"


SEARCH_FORM = """<search>
<h2 id="zoeken-kop">Zoeken in de documenten</h2>
<form id="zoeken" role="search" aria-labelledby="zoeken-kop">
<label for="zoekterm">Zoekwoorden</label>
<input id="zoekterm" name="q" type="search" autocomplete="off">
<button type="submit">Zoek</button>
</form>
<div id="zoekresultaten" aria-live="polite"></div>
</search>"""

SEARCH_JS = """// Search the documents of this site with the index in zoekindex.js; no server needed.
(function () {
  "use strict";
  var form = document.getElementById("zoeken");
  var input = document.getElementById("zoekterm");
  var out = document.getElementById("zoekresultaten");
  if (!form || !input || !out || !window.DOSSIER_ZOEKINDEX) { return; }
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "");
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var terms = fold(input.value).split(/[^\\p{L}\\p{N}_]+/u).filter(function (t) { return t.length > 0; });
    out.textContent = "";
    if (terms.length === 0) { return; }
    var hits = window.DOSSIER_ZOEKINDEX.filter(function (entry) {
      var words = " " + entry.w + " ";
      return terms.every(function (t) { return words.indexOf(" " + t) >= 0; });
    });
    var summary = document.createElement("p");
    summary.textContent = hits.length === 0 ? "Niets gevonden." :
      (hits.length === 1 ? "1 plek gevonden:" : hits.length + " plekken gevonden:");
    out.appendChild(summary);
    if (hits.length === 0) { return; }
    var list = document.createElement("ul");
    hits.slice(0, 200).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.u;
      link.textContent = entry.t;
      item.appendChild(link);
      list.appendChild(item);
    });
    out.appendChild(list);
  });
}());
"""

CSS = """/* dossier site: plain, readable, printable; colours with enough contrast (WCAG AA). */
body { font-family: "Liberation Sans", Arial, sans-serif; line-height: 1.5; max-width: 60rem;
       margin: 0 auto; padding: 0 1rem 3rem; color: #1a1a1a; background: #fff; }
a { color: #0b4f8a; }
a:focus, button:focus, input:focus, summary:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.overslaan { position: absolute; left: -999rem; }
.overslaan:focus { position: static; }
.verborgen { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
             overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
header { border-bottom: 1px solid #767676; margin-bottom: 1rem; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { text-align: left; font-style: italic; }
th, td { border: 1px solid #767676; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #dfe7f3; }
.actueel { color: #1b5e20; }
.verouderd { color: #8a1c1c; }
.bron, .klein, .gegevens { font-size: 0.9rem; color: #4a4a4a; }
.bron { font-family: "Liberation Mono", monospace; }
.ondertitel { font-size: 1.25rem; }
ins { background: #d9f2dd; text-decoration: underline; }
del { background: #f8d7d7; text-decoration: line-through; }
mark { background: #fff3a0; color: #1a1a1a; }
td, li, p { overflow-wrap: break-word; }
nav li.niveau3 { margin-left: 1.5rem; }
blockquote { border-left: 4px solid #767676; margin-left: 0; padding-left: 1rem; }
@media print { .overslaan, header, nav, search { display: none; } }
"""


# --- writing ----------------------------------------------------------------------------------------

def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target`; swapped in for it when the block ends without an error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}-nieuw-", dir=target.parent))
    try:
        yield stage
        os.chmod(stage, 0o755)
        old = None
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-oud-", dir=target.parent))
            os.replace(target, old / "site")
        os.replace(stage, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
