"""DOCX -> tagged, reproducible PDF/A-2b through warm LibreOffice workers."""

from .converter import (
    INSTALL_HINT,
    Converter,
    ConverterUnavailable,
    find_soffice,
    find_uno_python,
)
from .normalize import normalize_pdf

__all__ = [
    "INSTALL_HINT",
    "Converter",
    "ConverterUnavailable",
    "find_soffice",
    "find_uno_python",
    "normalize_pdf",
]
