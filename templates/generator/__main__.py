"""`python -m templates.generator [STYLE…] [--out DIR]`: write the templates of the house styles."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import STYLES, TEMPLATES, write


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m templates.generator",
                                     description="Write templates/<style>/*.docx from the generator.")
    parser.add_argument("styles", nargs="*", choices=[[], *STYLES], metavar="STYLE",
                        help=f"house styles to write (default: all: {', '.join(STYLES)})")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="folder that gets a subfolder per style")
    args = parser.parse_args()
    for name in args.styles or STYLES:
        for path in write(STYLES[name], args.out):
            print(path)


if __name__ == "__main__":
    main()
