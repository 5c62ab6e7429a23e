"""House styles as data: what differs between one organisation's documents and another's.

A builder in `kinds/` never names a font, a colour or a position; it asks the style. Add a style
by adding a `HouseStyle` to `STYLES`: `python -m templates.generator` then writes its folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Colours:
    """Colours as hex RGB without '#'."""

    accent: str = "1F4E79"
    """Headings, title, the name in a letterhead."""
    header_fill: str = "D9E2F3"
    """Shading of table header rows and of label columns."""
    muted: str = "767676"
    """Small print (the source line of a review build: contrast 4.5:1 on white)."""
    header_footer: str = "444444"
    link: str = "0563C1"
    concept: str = "C00000"


@dataclass(frozen=True)
class Margins:
    """Page margins and header/footer distances in cm (A4)."""

    left: float = 2.5
    right: float = 2.5
    top: float = 2.5
    bottom: float = 2.2
    header: float = 1.2
    footer: float = 1.2


@dataclass(frozen=True)
class Window:
    """Where the address goes on a letter's first page: the window of the envelope (mm from the page's
    top left corner)."""

    top_mm: float = 50.0
    left_mm: float = 20.0
    width_mm: float = 85.0
    height_mm: float = 40.0


@dataclass(frozen=True)
class Letterhead:
    """The first page of a letter.

    `layout="flow"`: logo (or the municipality's name in its colour), then the address and a
    reference table, one after the other (the Twente letters, seed 002).
    `layout="window"`: the organisation's name as a word mark in the header, the address in the
    envelope window with a return address above it, the sender block beside it, a reference row of
    small labels above their values, and the contact data in the footer (seed 004).
    """

    layout: Literal["flow", "window"] = "flow"
    window: Window = field(default_factory=Window)
    word_mark: tuple[str, ...] = ()
    """The organisation's name as it heads the first page (first line large, the rest small)."""
    logo: Literal["left", "right"] = "left"
    """Side of the page for the word mark."""
    return_address: str = ""
    """One small line above the address, for the post (letters from the organisation itself)."""
    sender: tuple[str, ...] = ()
    """The organisation's own address block beside the window (first line bold)."""
    footer: tuple[str, ...] = ()
    """Contact data at the foot of the first page, one item each, separated by a dot."""


@dataclass(frozen=True)
class Signature:
    """How a letter is signed."""

    gap_pt: float = 0.0
    """Room for the handwritten signature between function and name."""


@dataclass(frozen=True)
class HouseStyle:
    """Everything the builders need to know about one organisation's look."""

    name: str
    """Folder name under templates/."""
    font: str = "Liberation Sans"
    body_size: float = 10.5
    heading_sizes: tuple[float, float, float, float] = (16, 13, 11.5, 10.5)
    title_size: float = 26
    subtitle_size: float = 15
    colours: Colours = field(default_factory=Colours)
    margins: Margins = field(default_factory=Margins)
    letterhead: Letterhead = field(default_factory=Letterhead)
    signature: Signature = field(default_factory=Signature)


# Letters in the window layout too: the address sits in the envelope window whatever the logo, and the
# town hall's contact details are text beside it (a screen reader skips page footers).
STANDAARD = HouseStyle(name="standaard", letterhead=Letterhead(layout="window", window=Window(left_mm=25.0)))

# Dienst Gezondheid & Jeugd Zuid-Holland Zuid (seed 004). Name, address and e-mail come from the spec's
# opdrachtgever (specs/zhz-2022 marks the address 'voorbeeld': the seed does not give it), so they are
# marked and highlighted like every example value; the sender block names no person.
ZHZ = HouseStyle(
    name="zhz",
    font="DejaVu Sans",
    body_size=9.5,
    heading_sizes=(14, 11.5, 10, 9.5),
    title_size=22,
    subtitle_size=13,
    colours=Colours(accent="00665E", header_fill="DCEFEC", muted="6B6B6B", header_footer="3A3A3A"),
    margins=Margins(left=2.0, right=2.0, top=3.0, bottom=2.6, header=1.0, footer=1.0),
    letterhead=Letterhead(
        layout="window",
        window=Window(top_mm=50.0, left_mm=20.0, width_mm=85.0, height_mm=40.0),
        word_mark=("Dienst Gezondheid & Jeugd", "Zuid-Holland Zuid"),
        logo="left",
        return_address="{% if contact.adresregel %}Retouradres: {{ contact.adresregel }}{% endif %}",
        sender=("{{ opdrachtgever }}", "Serviceorganisatie Jeugd ZHZ", "{{ contact.adres[0] }}",
                "{{ contact.adres[1] }}", "{{ contact.email }}"),
        footer=("{{ opdrachtgever }}", "{{ contact.adresregel }}"),
    ),
    signature=Signature(gap_pt=36),
)

STYLES: dict[str, HouseStyle] = {s.name: s for s in (STANDAARD, ZHZ)}
