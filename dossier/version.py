"""The version of dossier (in its own module, so every stage can name it without importing the package)."""

__version__ = "0.1.0"
