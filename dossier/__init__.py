"""dossier: validated YAML specs → the documents of a Dutch youth-care procurement."""

__version__ = "0.1.0"
