"""Spec stage: YAML files in a dossier folder → a validated `Dossier`."""

from .dossier import Deelnemer, Dossier
from .load import load

__all__ = ["Deelnemer", "Dossier", "load"]
