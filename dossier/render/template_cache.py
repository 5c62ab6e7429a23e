"""What a render derives from a template file alone (patched part sources, the style table), made once per
version of that file in a process: the key is the file's real path, modification time and size, so an
edited template is simply another entry."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_MADE: dict[tuple[str, int, int, str], Any] = {}
_LIMIT = 256  # a long `dossier watch` session with edited templates: forget the oldest


def once_per_template(template_file: Any, name: str, make: Callable[[], T]) -> T:
    """`make()` for the thing `name` of this version of `template_file`, made once per process; made
    anew on every call for a template that is no file on disk (a stream)."""
    try:
        info = os.stat(template_file)
        key = (os.path.realpath(template_file), info.st_mtime_ns, info.st_size, name)
    except (TypeError, OSError):
        return make()
    if key not in _MADE:
        if len(_MADE) >= _LIMIT:
            del _MADE[next(iter(_MADE))]
        _MADE[key] = make()
    return _MADE[key]  # type: ignore[no-any-return]
