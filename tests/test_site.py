"""`dossier site`: the static review site, read as files and in a real browser (headless Chromium from
Debian's packages, driven by selenium, with axe-core injected)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from conftest import TWENTE, copy_build, edit_spec, needs_soffice, run_cli

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _browser_missing() -> str:
    """Why the browser tests cannot run here ('' when they can)."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        return ("chromium en chromium-driver ontbreken; 'bash scripts/dev.sh test' installeert ze "
                "(apt-get install chromium chromium-driver)")
    try:
        import axe_core_python  # noqa: F401
        import selenium  # noqa: F401
    except ImportError:
        return "selenium en axe-core-python ontbreken; installeer de test-extra: pip install -e '.[test]'"
    return ""


needs_browser = pytest.mark.skipif(bool(_browser_missing()), reason=_browser_missing() or "-")


@pytest.fixture(scope="module")
def site(example_builds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review site of Twente (built to DOCX and PDF: the session's build of the example, copied as if
    it had been built into base/output), compared with an earlier version in which one tariff and one
    definition were different."""
    base = tmp_path_factory.mktemp("site")
    new = base / "twente-2025"
    shutil.copytree(TWENTE, new)
    old = base / "oud" / "twente-2025"
    shutil.copytree(TWENTE, old)
    edit_spec(old / "segmenten" / "ambulant.yaml", "bedrag: !voorbeeld 76.80", "bedrag: !voorbeeld 74.10")
    copy_build(example_builds / "twente-2025", base / "output" / "twente-2025")
    result = run_cli("site", str(new), "--out", str(base / "site"), "--build-out", str(base / "output"),
                     "--old", str(old), "--review")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "twente-2025" in result.stdout
    return base / "site" / "twente-2025"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def one_of_each_kind(site: Path) -> list[Path]:
    return [sorted(folder.glob("*.html"))[0] for folder in sorted((site / "documenten").iterdir())]


@needs_soffice
def test_every_link_resolves_and_nothing_comes_from_outside(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 30
    ids: dict[Path, set[str]] = {}
    for page in pages:
        ids[page] = set(lxml.html.parse(str(page)).getroot().xpath("//@id"))
    checked = 0
    for page in pages:
        root = lxml.html.parse(str(page)).getroot()
        for element, attribute, link, _pos in root.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                # a link inside a document's text may point to the web; nothing the page loads may
                assert element.tag == "a", f"{page}: {element.tag} laadt {link} van buiten de site"
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)}: link {link} wijst naar niets"
            assert site.resolve() in target.parents, f"{page}: {link} wijst buiten de site"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids[target], f"{page.relative_to(site)}: anker {link} bestaat niet"
            checked += 1
    assert checked > 200
    # the index links to every document's HTML, DOCX and PDF, and to the bundles
    index = (site / "index.html").read_text(encoding="utf-8")
    for rel in ("documenten/bestek/ambulant.html", "bestanden/bestek/ambulant.docx",
                "bestanden/bestek/ambulant.pdf", "bestanden/bundels/raad.pdf", "wijzigingen.html"):
        assert f'href="{rel}"' in index


@needs_soffice
def test_index_lists_documents_status_and_problems(site: Path) -> None:
    root = lxml.html.parse(str(site / "index.html")).getroot()
    assert root.get("lang") == "nl"
    rows = root.xpath("//table[contains(@class,'documenten')]/tbody/tr")
    assert len(rows) == len(list((site / "documenten").rglob("*.html")))
    cells = {r[1].text_content(): [c.text_content() for c in r] for r in rows}
    kind, _title, status, files = cells["Bestek Ambulant"]
    assert kind == "Bestek" and status.startswith("actueel; ") and "voorbeeldwaarden" in status
    assert files.startswith("DOCX") and "PDF" in files
    text = " ".join(root.text_content().split())
    assert "waarden zijn als voorbeeld gemarkeerd" in text  # the !voorbeeld marks are listed for the reviewer
    lines = (TWENTE / "segmenten" / "ambulant.yaml").read_text(encoding="utf-8").splitlines()
    marked = next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith("heropening: !voorbeeld"))
    assert f"segmenten/ambulant.yaml:{marked}" in text
    assert "1 wijziging (0 toegevoegd, 1 gewijzigd, 0 verwijderd)" in text


@needs_soffice
def test_document_html_has_structure_and_review_marks(site: Path) -> None:
    page = site / "documenten" / "bestek" / "ambulant.html"
    root = lxml.html.parse(str(page)).getroot()
    assert root.get("lang") == "nl"
    assert [h.text_content() for h in root.xpath("//main//h1")] == ["Inkoop jeugdhulp Twente 2025"]
    assert "1 Aanbestedende diensten" in [h.text_content() for h in root.xpath("//main//h2")]
    assert "1.4 Begrippen" in [h.text_content() for h in root.xpath("//main//h3")]
    headers = [th.text_content() for th in root.xpath("//main//table/thead//th[@scope='col']")]
    assert "Begrip" in headers and "Betekenis" in headers
    assert root.xpath("//main//ul/li") and root.xpath("//main//ol/li")
    marks = [p.text_content() for p in root.xpath("//*[contains(@class,'bron')]")]
    assert any(re.fullmatch(r"aanbieder · begrippen\.yaml:\d+", m) for m in marks), marks[:5]
    assert any(re.search(r"KIT-\S+ · kit\.yaml:\d+", m) for m in marks), marks[:5]
    assert "76,80" in " ".join(m.text_content() for m in root.xpath("//main//mark"))  # an example value, lit
    # the tariff as the DOCX states it, from the same context
    assert "€ 76,80" in root.text_content().replace("\xa0", " ")
    # links to its own files and to the change that touches it
    links = root.xpath("//p[@class='gegevens']//a/@href")
    assert "../../bestanden/bestek/ambulant.pdf" in links
    assert any(link.startswith("../../redline/bestek/ambulant.docx") for link in links)
    assert any(link.startswith("../../wijzigingen.html#") for link in links)


@needs_soffice
def test_change_report_links_each_change_to_its_documents(site: Path) -> None:
    root = lxml.html.parse(str(site / "wijzigingen.html")).getroot()
    changes = root.xpath("//section[contains(@class,'wijziging')]")
    assert len(changes) == 1
    text = " ".join(changes[0].text_content().replace("\xa0", " ").split())
    assert "€ 74,10" in text and "€ 76,80" in text
    assert "segmenten/ambulant.yaml" in text
    targets = changes[0].xpath(".//a/@href")
    assert "documenten/bestek/ambulant.html" in targets
    assert "redline/bestek/ambulant.docx" in targets
    assert (site / "redline" / "bestek" / "ambulant.docx").is_file()
    assert (site / "wijzigingsoverzicht.docx").is_file()


def test_without_review_no_marks_and_not_built_documents_say_so(tmp_path: Path) -> None:
    result = run_cli("site", str(TWENTE), "--out", str(tmp_path / "site"), "--build-out", str(tmp_path / "leeg"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site" / "twente-2025"
    page = (site / "documenten" / "bestek" / "ambulant.html").read_text(encoding="utf-8")
    assert "begrippen.yaml:" not in page
    index = lxml.html.parse(str(site / "index.html")).getroot()
    statuses = index.xpath("//table[contains(@class,'documenten')]/tbody/tr/td[2]/text()")
    assert statuses and all(s.startswith("niet gebouwd") for s in statuses)
    assert "bestanden/" not in (site / "index.html").read_text(encoding="utf-8")


def test_changes_since_a_git_revision() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = run_cli("site", str(TWENTE), "--rev", "HEAD", "--out", tmp, "--build-out", tmp + "/leeg")
        assert result.returncode == 0, result.stderr
        assert "(0 wijzigingen)" in result.stdout
        changes = (Path(tmp) / "twente-2025" / "wijzigingen.html").read_text(encoding="utf-8")
        assert "specs/twente-2025 @ HEAD" in changes and "geen wijzigingen" in changes


def test_invalid_dossier_gives_a_site_with_its_problems(minimaal: Path, tmp_path: Path) -> None:
    edit_spec(minimaal / "dossier.yaml", "versie:", "versie_:")
    before = sorted(p.name for p in (tmp_path / "site").glob("*")) if (tmp_path / "site").exists() else []
    result = run_cli("site", str(minimaal), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "dossier.yaml" in result.stderr
    index = (tmp_path / "site" / "minimaal" / "index.html").read_text(encoding="utf-8")
    assert "Het dossier is niet geldig" in index and "dossier.yaml" in index
    assert before == []


# --- in the browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--allow-file-access-from-files"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _axe(driver: object, page: Path) -> list[dict[str, object]]:
    import axe_core_python

    script = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    driver.execute_script(script)  # type: ignore[attr-defined]
    result = driver.execute_async_script(  # type: ignore[attr-defined]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.html)}))), e => done([{id: 'axe-error', help: String(e)}]));")
    return list(result)


@needs_soffice
@needs_browser
def test_axe_finds_no_violations(site: Path, browser: object) -> None:
    browser.set_script_timeout(120)  # type: ignore[attr-defined]
    pages = [site / "index.html", site / "wijzigingen.html", *one_of_each_kind(site)]
    assert len(pages) >= 7
    found = {str(p.relative_to(site)): _axe(browser, p) for p in pages}
    assert {page: v for page, v in found.items() if v} == {}


@needs_browser
def test_axe_on_the_other_house_style_and_the_kinds_twente_lacks(browser: object, tmp_path: Path) -> None:
    """Twente has no collegebrief; ZHZ (its own house style) has one. Not built: the site says so."""
    result = run_cli("site", str(TWENTE.parent / "zhz-2022"), "--out", str(tmp_path), "--build-out",
                     str(tmp_path / "leeg"), "--review")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "zhz-2022"
    browser.set_script_timeout(120)  # type: ignore[attr-defined]
    pages = [site / "index.html", *one_of_each_kind(site)]
    assert any(p.parent.name == "collegebrief" for p in pages)
    found = {str(p.relative_to(site)): _axe(browser, p) for p in pages}
    assert {page: v for page, v in found.items() if v} == {}


@needs_soffice
@needs_browser
def test_search_in_the_browser(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())  # type: ignore[attr-defined]
    field = browser.find_element(By.ID, "zoekterm")  # type: ignore[attr-defined]
    field.send_keys("Tariefdifferentiatie")
    browser.find_element(By.CSS_SELECTOR, "#zoeken button").click()  # type: ignore[attr-defined]
    results = browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten li a")  # type: ignore[attr-defined]
    titles = [r.text for r in results]
    assert "Integrale bestuurlijke samenvatting › Ambulant: Tariefdifferentiatie" in titles, titles
    results[0].click()
    assert "/documenten/" in browser.current_url  # type: ignore[attr-defined]
    browser.get((site / "index.html").as_uri())  # type: ignore[attr-defined]
    browser.find_element(By.ID, "zoekterm").send_keys("xyzzyniets")  # type: ignore[attr-defined]
    browser.find_element(By.CSS_SELECTOR, "#zoeken button").click()  # type: ignore[attr-defined]
    assert browser.find_element(By.ID, "zoekresultaten").text == "Niets gevonden."  # type: ignore[attr-defined]


def test_index_says_what_the_last_build_rebuilt_and_why(minimaal: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"

    def last_build() -> str:
        result = run_cli("site", str(minimaal), "--out", str(tmp_path / "site"), "--build-out", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        root = lxml.html.parse(str(tmp_path / "site" / "minimaal" / "index.html")).getroot()
        section = root.xpath("//h2[.='Laatste build']/following-sibling::*")
        text = []
        for element in section:
            if element.tag == "h2":
                break
            rows = element.xpath(".//tbody/tr")  # a table: its cells apart
            text += [" | ".join(" ".join(c.text_content().split()) for c in row) for row in rows] or [
                " ".join(element.text_content().split())]
        return "\n".join(text)

    first = run_cli("build", str(minimaal), "--out", str(out), "--format", "docx", "--quiet")
    assert first.returncode == 0, first.stdout + first.stderr
    shown = last_build()
    assert "bouwde 8 documenten, verwijderde 0 documenten en werkte 0 bundels bij; 0 fouten" in shown, shown

    edit_spec(minimaal / "besluiten.yaml", "kenmerk: PR-2025-002", "kenmerk: PR-2025-002a")
    again = run_cli("build", str(minimaal), "--out", str(out), "--format", "docx")
    assert "bouw besluit/lettersprong: besluiten.yaml gewijzigd" in again.stdout, again.stdout
    shown = last_build()
    assert "bouwde 1 document," in shown
    assert "Gunningsbeslissing Lettersprong Dyslexiezorg | besluiten.yaml gewijzigd" in shown, shown

    nothing = run_cli("build", str(minimaal), "--out", str(out), "--format", "docx")  # changes nothing: the
    assert "0 gebouwd" in nothing.stdout  # record keeps describing the build that made the current files
    assert "Gunningsbeslissing Lettersprong Dyslexiezorg | besluiten.yaml gewijzigd" in last_build()

    # a record that no longer belongs to the folder (the manifest changed after it), or that a build
    # did not write, is not believed
    record = out / "minimaal" / ".laatste-build.json"
    manifest = out / "minimaal" / "manifest.json"
    manifest.write_bytes(manifest.read_bytes() + b"\n")
    assert "Niet bekend wat de laatste build heeft gemaakt" in last_build()
    edit_spec(minimaal / "besluiten.yaml", "kenmerk: PR-2025-002a", "kenmerk: PR-2025-002b")
    rebuilt = run_cli("build", str(minimaal), "--out", str(out), "--format", "docx")
    assert rebuilt.returncode == 0 and "1 gebouwd" in rebuilt.stdout, rebuilt.stdout
    assert "Niet bekend" not in last_build()
    data = record.read_text(encoding="utf-8")
    record.write_text(data.replace('"besluit/lettersprong"', '"../../etc/passwd"'), encoding="utf-8")
    shown = last_build()
    assert "Niet bekend wat de laatste build heeft gemaakt" in shown and "passwd" not in shown
