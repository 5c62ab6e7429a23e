"""Review tools for legal reviewers: what changed between two versions of a dossier (diff.py over
items.py), the changed documents with Word tracked changes (redline.py), and the change report as
text, JSON or a wijzigingsoverzicht document (report.py). Versions come from folders or git
(versions.py); command.py ties them together for `dossier diff`.
"""
