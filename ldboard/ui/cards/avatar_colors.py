"""Avatar colours: one per person, stable, and as distinct as a board's people allow.

People are told apart on a card by their initials and the colour behind them.
A hash of the id into a handful of colours repeats early and puts similar hues
side by side. Instead, the board's people are taken in id order and the n-th
person gets the n-th colour of :data:`PALETTE`: a sequence in which every
colour is the one farthest (in the perceptual OKLab space) from all colours
before it. So the first few people differ the most, each prefix of the
sequence is as spread out as the sequence allows, and a person added later
never changes anyone else's colour. Every colour keeps white initials readable
(contrast of at least 4.5:1, WCAG AA).

:data:`PALETTE` is precomputed (computing it at start-up would cost about
25 ms); :func:`generate_palette` shows how, and a test checks they agree.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from PySide6.QtGui import QColor

#: Lightness levels (OKLab L) and the hue step (degrees) of the candidate colours.
LIGHTNESS_LEVELS = (0.42, 0.48, 0.54)
HUE_STEP = 6
MAX_CHROMA = 0.15
MIN_CONTRAST_WITH_WHITE = 4.5

PALETTE: tuple[str, ...] = (
    "#035eaa",
    "#b34917",
    "#0c7219",
    "#7b216b",
    "#664603",
    "#8553b2",
    "#05585b",
    "#826e04",
    "#047f7c",
    "#ad4275",
    "#8d1920",
    "#4d3898",
    "#3f5702",
    "#5962c4",
    "#0478a5",
    "#904701",
    "#046e53",
    "#005184",
    "#04844d",
    "#5b7c04",
    "#036881",
    "#7f3c93",
    "#9e2d51",
    "#646104",
    "#b5414d",
    "#9d4997",
    "#682c87",
    "#88194a",
    "#a13124",
    "#534dae",
    "#933275",
    "#9d5e01",
    "#7d3501",
    "#21459d",
    "#1870c2",
    "#005c3d",
    "#7c5500",
    "#005f0f",
    "#6c44a4",
    "#4c6900",
)


class AvatarColors:
    """The colour of each person of one board (see the module docstring)."""

    def __init__(self, person_ids: Iterable[int] = ()) -> None:
        self._colors: dict[int, QColor] = {}
        self.update(person_ids)

    def update(self, person_ids: Iterable[int]) -> bool:
        """Follow the board's people; whether any colour changed."""
        ordered = sorted(set(person_ids))
        colors = {pid: QColor(PALETTE[n % len(PALETTE)]) for n, pid in enumerate(ordered)}
        changed = {k: v.name() for k, v in colors.items()} != {
            k: v.name() for k, v in self._colors.items()
        }
        self._colors = colors
        return changed

    def color(self, person_id: int) -> QColor:
        found = self._colors.get(person_id)
        if found is None:  # not heard of yet: still a stable colour of the sequence
            found = QColor(PALETTE[person_id % len(PALETTE)])
        return found


# --- how PALETTE is made ------------------------------------------------------------------


def generate_palette(count: int) -> list[str]:
    """The first ``count`` colours, each the farthest from all the ones before it.

    Candidates are OKLCH colours at :data:`LIGHTNESS_LEVELS`, every
    :data:`HUE_STEP` degrees, with as much chroma (up to :data:`MAX_CHROMA`) as
    sRGB allows, kept only if white text on them is readable. The sequence
    starts from a mid blue.
    """
    candidates = []
    for lightness in LIGHTNESS_LEVELS:
        for hue in range(0, 360, HUE_STEP):
            lab = _in_gamut(lightness, MAX_CHROMA, hue)
            if contrast_ratio(_srgb(lab), (1.0, 1.0, 1.0)) >= MIN_CONTRAST_WITH_WHITE:
                candidates.append(lab)
    start = min(candidates, key=lambda lab: abs(lab[0] - 0.48) + abs(_hue(lab) - 252) / 360)
    chosen = [start]
    nearest = [math.dist(lab, start) for lab in candidates]
    while len(chosen) < count:
        best = max(range(len(candidates)), key=nearest.__getitem__)
        chosen.append(candidates[best])
        nearest = [
            min(d, math.dist(lab, candidates[best]))
            for d, lab in zip(nearest, candidates, strict=True)
        ]
    return [_hex(_srgb(lab)) for lab in chosen]


def min_distance(colors: Iterable[str]) -> float:
    """The smallest OKLab distance between two of ``colors`` (hex strings)."""
    labs = [_oklab(_linear(QColor(c))) for c in colors]
    return min(math.dist(a, b) for a, b in itertools.combinations(labs, 2))


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast of two linear-light sRGB colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_with_white(color: str) -> float:
    return contrast_ratio(_linear(QColor(color)), (1.0, 1.0, 1.0))


Lab = tuple[float, float, float]


def _in_gamut(lightness: float, chroma: float, hue: float) -> Lab:
    while chroma > 0:
        lab = (
            lightness,
            chroma * math.cos(math.radians(hue)),
            chroma * math.sin(math.radians(hue)),
        )
        if all(-1e-6 <= c <= 1 + 1e-6 for c in _srgb(lab)):
            return lab
        chroma -= 0.002
    return (lightness, 0.0, 0.0)


def _hue(lab: Lab) -> float:
    return math.degrees(math.atan2(lab[2], lab[1])) % 360


def _srgb(lab: Lab) -> tuple[float, float, float]:
    """OKLab to linear-light sRGB (Björn Ottosson's matrices)."""
    lightness, a, b = lab
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )


def _oklab(rgb: tuple[float, float, float]) -> Lab:
    r, g, b = rgb
    l_ = math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
    m_ = math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
    s_ = math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def _luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _linear(color: QColor) -> tuple[float, float, float]:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (channel(color.redF()), channel(color.greenF()), channel(color.blueF()))


def _hex(rgb: tuple[float, float, float]) -> str:
    def channel(value: float) -> int:
        value = min(max(value, 0.0), 1.0)
        encoded = 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
        return round(255 * encoded)

    return "#{:02x}{:02x}{:02x}".format(*(channel(c) for c in rgb))
