"""The source of the shipped templates: every templates/<style>/<kind>.docx is written from here.

    python -m templates.generator                  # every style, into templates/
    python -m templates.generator zhz --out /tmp   # one style, elsewhere

A house style (`style.py`) is data: font, colours, margins, letterhead, signature. A builder per
document kind (`kinds/`) writes the text and the docxtpl tags and asks the style how things look.
The same builders and styles give the same bytes, so a committed template that differs from what
this writes was edited by hand (tests/test_templates.py fails).
"""

from __future__ import annotations

from pathlib import Path

from .kinds import BUILDERS
from .style import STYLES, HouseStyle

TEMPLATES = Path(__file__).resolve().parent.parent


def generate(style: HouseStyle) -> dict[str, bytes]:
    """Every template of `style`: file name → .docx bytes."""
    return {f"{kind}.docx": build(style).to_bytes() for kind, build in BUILDERS.items()}


def write(style: HouseStyle, out: Path = TEMPLATES) -> list[Path]:
    """Write the folder of `style` under `out`; return the files written."""
    folder = out / style.name
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in generate(style).items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


__all__ = ["BUILDERS", "STYLES", "HouseStyle", "generate", "write"]
