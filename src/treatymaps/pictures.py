"""Static pictures of a day's map: PNG and SVG to print or project, a GIF of the key dates.

The one module that imports matplotlib, and only its object API (``Figure``, no pyplot): no
display, no global figure state. A picture shows what the interactive map shows on that day —
the colours of ``polities.csv``, the patterns of ``statuses.csv`` as hatches, the names of the
time — and, since it must survive a black-and-white photocopier, it also writes each holder's
name under the unit's name and lists the provisions and sources behind the map in a caption.

Output is byte-stable: SVG ids come from a fixed ``svg.hashsalt`` and no date is written into
SVG or PNG metadata, so a rebuild of unchanged data changes no file.
"""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
import re
import textwrap
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

from ._atomic import write_atomic
from ._choices import LANGS, VIEWS, check_lang, check_view
from ._errors import UsageError
from .citing import provisions_in_force
from .dates import as_day, format_day
from .engine import state_on
from .i18n import PICTURE_STRINGS
from .model import Record

if TYPE_CHECKING:  # matplotlib and Pillow are imported when a picture is drawn, not with the API
    from matplotlib.figure import Figure
    from matplotlib.path import Path as MplPath
    from PIL.Image import Image as PilImage

FORMATS = ("png", "svg")

# A conic projection centred on the region: Sakhalin and Taiwan keep their shapes.
PROJECTION = ("+proj=lcc +lat_0=40 +lon_0=125 +lat_1=30 +lat_2=50 +ellps=WGS84 "
              "+units=m +no_defs")

HATCHES = {"none": "", "hatch": "///", "crosshatch": "xxx", "dots": "..", "stripes": "---",
           "dash-outline": ""}
"""``statuses.csv`` patterns as matplotlib hatches; ``dash-outline`` is a dashed edge instead."""
DIFFERS_HATCH, DIFFERS_WIDTH = "\\", 3.0  # wide stripes where sovereign and control differ

# Layout in inches: the map box is fixed, so every picture of a record frames the same region
# and the GIF can crop title + map at the same size from each picture.
WIDTH = 10.0
TITLE_BAND = 0.75
MAP_BOX = (0.15, 7.35, 5.5)  # left, width, height
LEGEND_LEFT = 7.6
CAPTION_POINTS = 6.5
CAPTION_LINE = CAPTION_POINTS * 1.32 / 72
CAPTION_CHARS = 190
SMALL_UNIT = 0.05  # square inches of map below which a unit's name goes out, with a leader
HEADER_LIGHTEN = 0.55  # how much context units (China proper, Japan ...) are washed out

_RC = {
    "svg.hashsalt": "treatymaps",
    "svg.fonttype": "none",  # keep text as text: searchable, translatable, accessible
    "font.family": "DejaVu Sans",
    "hatch.linewidth": 0.6,
    "path.simplify": True,
}


@dataclass(frozen=True)
class _Geometry:
    paths: dict[str, MplPath]
    anchors: dict[str, tuple[float, float]]  # where a unit's name goes
    leaders: dict[str, tuple[float, float]]  # small units: the name out at sea, joined by a line
    extent: tuple[float, float, float, float]


_geometry: weakref.WeakKeyDictionary[Record, _Geometry] = weakref.WeakKeyDictionary()


def _ring(coords: Sequence[tuple[float, float]]) -> tuple[np.ndarray, list[int]]:
    from matplotlib.path import Path as MplPath

    points = np.asarray(coords, dtype=float)
    codes = [MplPath.LINETO] * len(points)
    codes[0], codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
    return points, codes


def _path(geometry: Polygon | MultiPolygon) -> MplPath:
    """A compound path; exteriors counter-clockwise and holes clockwise, for the nonzero rule."""
    from matplotlib.path import Path as MplPath

    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    vertices, codes = [], []
    for polygon in polygons:
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            points, ring_codes = _ring(ring.coords)
            vertices.append(points)
            codes.extend(ring_codes)
    return MplPath(np.concatenate(vertices), codes)


def _framed(bounds: Sequence[float]) -> tuple[float, float, float, float]:
    """The territories' bounds, padded and grown to the map box's shape."""
    x0, y0, x1, y1 = bounds
    pad = 0.04 * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    aspect = MAP_BOX[1] / MAP_BOX[2]
    if (x1 - x0) / (y1 - y0) < aspect:
        grow = (aspect * (y1 - y0) - (x1 - x0)) / 2
        return x0 - grow, x1 + grow, y0, y1
    grow = ((x1 - x0) / aspect - (y1 - y0)) / 2
    return x0, x1, y0 - grow, y1 + grow


def _leaders(units: gpd.GeoDataFrame, anchors: dict[str, tuple[float, float]],
             small: list[str], inch: float, extent: tuple[float, float, float, float]
             ) -> dict[str, tuple[float, float]]:
    """For each small unit, a spot for its name away from it, joined by a line: of eight
    directions, the one whose name box lies most at sea and least over other names. Fixed per
    record, so that names do not jump from one picture of the GIF to the next."""
    land = shapely.union_all(units[units["role"] == "territory"].geometry.values)
    width, height, reach = 1.3 * inch, 0.32 * inch, 0.45 * inch
    frame = shapely.box(extent[0], extent[2], extent[1], extent[3])

    def name_box(x: float, y: float, side: float) -> shapely.Polygon:
        left = x - width / 2 + side * width / 2
        return shapely.box(left, y - height / 2, left + width, y + height / 2)

    boxes = [name_box(*anchors[u], 0) for u in anchors
             if u not in small and units.loc[u, "role"] == "territory"]
    placed: dict[str, tuple[float, float]] = {}
    for unit in sorted(small, key=lambda u: -anchors[u][1]):  # north to south
        start = np.array(anchors[unit])
        best, best_score = None, -np.inf
        for degrees in (-30, 30, 0, -60, 60, -150, 150, 180, -120, 120):
            angle = np.radians(degrees)
            spot = start + reach * np.array([np.cos(angle), np.sin(angle)])
            side = float(np.sign(np.round(np.cos(angle), 6)))  # the side the name extends to
            candidate = name_box(float(spot[0]), float(spot[1]), side)
            at_sea = 1 - candidate.intersection(land).area / candidate.area
            crowd = sum(candidate.intersection(b).area for b in boxes) / candidate.area
            outside = 1 - candidate.intersection(frame).area / candidate.area
            score = at_sea - 3 * crowd - 5 * outside
            if score > best_score + 1e-6:
                best, best_score = (float(spot[0]), float(spot[1]), side), score
        assert best is not None
        placed[unit] = best[:2]
        boxes.append(name_box(*best))
    return placed


def _geometry_of(record: Record) -> _Geometry:
    """The units projected and simplified once per record: paths, label spots, extent."""
    if record not in _geometry:
        units = record.units.to_crs(PROJECTION)
        territories = units[units["role"] == "territory"]
        extent = _framed(territories.total_bounds)
        metres_per_inch = (extent[1] - extent[0]) / MAP_BOX[1]
        # a hundredth of an inch: below what any print or screen shows, a tenth of the work
        simple = units.geometry.simplify(metres_per_inch / 100, preserve_topology=True)
        anchors = {u: (float(p.x), float(p.y))
                   for u, p in units.geometry.representative_point().items()}
        if "label" in record.units:  # where the digitizer asked for the name to be written
            chosen = record.units["label"].dropna()
            chosen = chosen[chosen.map(lambda v: isinstance(v, tuple | list))]
            points = gpd.GeoSeries(gpd.points_from_xy([v[0] for v in chosen],
                                                      [v[1] for v in chosen]),
                                   index=chosen.index, crs=record.units.crs).to_crs(PROJECTION)
            anchors.update({u: (float(p.x), float(p.y)) for u, p in points.items()})
        square_inch = metres_per_inch ** 2
        small = [u for u in territories.index
                 if territories.geometry.loc[u].area < SMALL_UNIT * square_inch]
        leaders = _leaders(units, anchors, small, metres_per_inch, extent)
        _geometry[record] = _Geometry({u: _path(g) for u, g in simple.items()}, anchors,
                                      leaders, extent)
    return _geometry[record]


def _lighten(color: str, amount: float) -> tuple[float, float, float]:
    import matplotlib.colors

    rgb = np.array(matplotlib.colors.to_rgb(color))
    return tuple(float(c) for c in rgb + (1.0 - rgb) * amount)  # type: ignore[return-value]


def caption_lines(record: Record, day: dt.date, *, lang: str = "en") -> list[str]:
    """The caption: each instrument with the articles in force and the units they govern,
    each cited as [n: locator], then the numbered sources."""
    table = provisions_in_force(record, day, lang=lang)
    numbers: dict[str, int] = {}
    by_instrument: dict[str, list[str]] = {}
    for _, row in table.iterrows():
        cited = []
        for source, locator in row["sources"]:
            number = numbers.setdefault(source, len(numbers) + 1)
            cited.append(f"{number}: {locator}" if locator else str(number))
        article = f"{row['article']} — " if row["article"] else ""
        item = f"{article}{', '.join(row['unit_names'])} [{'; '.join(cited)}]"
        by_instrument.setdefault(row["instrument"], []).append(item)
    words = PICTURE_STRINGS[lang]
    lines = [words["provisions"]]
    for instrument_id, items in by_instrument.items():
        instrument = record.instruments[instrument_id]
        colon = " : " if lang == "fr" else ": "
        head = f"• {instrument.title(lang)} ({instrument.signed.text(lang)}){colon}"
        lines += textwrap.wrap(head + "; ".join(items), CAPTION_CHARS, subsequent_indent="   ")
    lines.append(words["sources"])
    for source, number in numbers.items():
        cited = record.sources.get(source)
        text = f"[{number}] {cited.citation if cited else source}"
        if cited and cited.url:
            text += f" <{cited.url}>"
        lines += textwrap.wrap(text, CAPTION_CHARS, subsequent_indent="     ")
    return lines


def _unit_label(record: Record, row: object, lang: str, view: str) -> str:
    words = PICTURE_STRINGS[lang]
    name = textwrap.fill(_short_name(str(row[f"name_{lang}"])), 22)  # type: ignore[index]
    sovereign, control = row["sovereign"], row["control"]  # type: ignore[index]

    def short(polity: object) -> str:
        return record.polities[polity].short(lang) if polity in record.polities else "?"

    if view == "control":
        holder = short(control)
        if sovereign != control:
            holder += f" ({words['sovereign_short']} {short(sovereign)})"
    else:
        holder = short(sovereign)
        if sovereign != control:
            holder += f" ({words['control_short']} {short(control)})"
    return f"{name}\n{holder}"


def _short_name(name: str) -> str:
    """A name without its parenthesis, for the map: 'Korean Empire (Daehan Jeguk)' →
    'Korean Empire' (the caption and the interactive maps give the whole name)."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name


def _draw_names(axes: Any, record: Record, geometry: _Geometry, states: gpd.GeoDataFrame,
                lang: str, view: str, halo: dict[str, Any]) -> None:
    """Each territory's name of the time and its holder; parts of a group that read the same
    (Korea before 1945, the Kurils) are named once."""
    labels: dict[str, list[str]] = {}
    for unit, row in states[states["role"] == "territory"].iterrows():
        labels.setdefault(_unit_label(record, row, lang, view), []).append(str(unit))
    for label, units in labels.items():
        big = [u for u in units if u not in geometry.leaders]
        if big:
            x = float(np.mean([geometry.anchors[u][0] for u in big]))
            y = float(np.mean([geometry.anchors[u][1] for u in big]))
            axes.text(x, y, label, fontsize=7.5, ha="center", va="center", bbox=halo,
                      zorder=4, linespacing=1.1)
            continue
        for unit in units[:1]:
            x, y = geometry.leaders[unit]
            start = geometry.anchors[unit]
            side = "left" if x > start[0] + 1 else "right" if x < start[0] - 1 else "center"
            axes.annotate(label, start, xytext=(x, y), fontsize=6.5, ha=side, va="center",
                          bbox=halo, zorder=4, linespacing=1.05,
                          arrowprops={"arrowstyle": "-", "color": "#222222", "linewidth": 0.6,
                                      "shrinkA": 0, "shrinkB": 1})
    for unit, row in states[states["role"] != "territory"].iterrows():
        x, y = geometry.anchors[str(unit)]
        x0, x1, y0, y1 = geometry.extent
        if x0 < x < x1 and y0 < y < y1:
            axes.text(x, y, _short_name(str(row[f"name_{lang}"])), fontsize=7, ha="center",
                      va="center", color="#555555", style="italic", zorder=3)


def _draw_legend(axes: Any, entries: list[tuple[str, dict[str, Any]]], width: float,
                 height: float) -> None:
    """The legend, laid out by hand in inches: headers (entries without a swatch), then
    swatches with names wrapped to the column."""
    from matplotlib.patches import Rectangle

    axes.set_axis_off()
    axes.set_xlim(0, width)
    axes.set_ylim(-height, 0)
    line = 8 * 1.25 / 72
    y = -0.05
    for number, (label, style) in enumerate(entries):
        if not style:  # a header
            y -= 0.12 if number else 0
            axes.text(0, y, label, fontsize=8.5, fontweight="bold", va="top")
            y -= line + 0.08
            continue
        lines = textwrap.wrap(label, 30) or [label]
        stripes = style.pop("stripes", False)
        swatch = Rectangle((0, y - 0.2), 0.34, 0.2, edgecolor="#333333",
                           **{"facecolor": "white", "linewidth": 0.5, **style})
        if stripes:
            swatch.set_hatch_linewidth(DIFFERS_WIDTH)
        axes.add_patch(swatch)
        axes.text(0.44, y - 0.1, "\n".join(lines), fontsize=8, va="center", linespacing=1.15)
        y -= max(0.2, len(lines) * line) + 0.09


def _figure(record: Record, day: dt.date, lang: str, view: str, *,
            with_caption: bool = True, caption_text: bool = True, dpi: float = 100) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch

    words = PICTURE_STRINGS[lang]
    geometry = _geometry_of(record)
    states = state_on(record, day)
    colour_by = "control" if view == "control" else "sovereign"
    other_aspect = "sovereign" if view == "control" else "control"
    differs = False
    caption = caption_lines(record, day, lang=lang) if with_caption else []
    caption_height = (len(caption) + 1.5) * CAPTION_LINE + 0.25 if caption else 0.1
    height = TITLE_BAND + MAP_BOX[2] + caption_height

    figure = Figure(figsize=(WIDTH, height), dpi=dpi)
    figure.patch.set_facecolor("white")

    def box(left: float, bottom_from_top: float, width: float, box_height: float) -> list[float]:
        return [left / WIDTH, 1 - (bottom_from_top + box_height) / height, width / WIDTH,
                box_height / height]

    figure.text(0.15 / WIDTH, 1 - 0.3 / height, words["title"].format(date=format_day(day, lang)),
                fontsize=16, fontweight="bold", va="baseline")
    figure.text(0.15 / WIDTH, 1 - 0.58 / height, words[view], fontsize=10, va="baseline",
                color="#333333")

    axes = figure.add_axes(box(MAP_BOX[0], TITLE_BAND, MAP_BOX[1], MAP_BOX[2]))
    x0, x1, y0, y1 = geometry.extent
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    axes.set_aspect("equal")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_facecolor("#eef3f7")  # the sea
    for spine in axes.spines.values():
        spine.set_edgecolor("#666666")
        spine.set_linewidth(0.6)

    polities_shown: dict[str, None] = {}
    statuses_shown: dict[str, None] = {}
    # A light box behind names, not a stroked halo: path effects would turn SVG text to paths.
    halo = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
            "alpha": 0.8}
    for unit, row in states.iterrows():
        holder, status = row[colour_by], row["status"]
        polity = record.polities.get(holder)
        color = polity.color if polity else "#ffffff"
        pattern = record.statuses[status].pattern if status in record.statuses else "none"
        context = row["role"] != "territory"
        face = _lighten(color, HEADER_LIGHTEN) if context else color
        if holder:
            polities_shown[holder] = None
        if status and not context:
            statuses_shown[status] = None
        # add_artist, not add_patch: the limits are fixed, and add_patch would walk every
        # vertex to update them (a third of the drawing time)
        axes.add_artist(PathPatch(
            geometry.paths[str(unit)], facecolor=face, edgecolor="#333333",
            linewidth=0.9 if pattern == "dash-outline" else 0.5,
            linestyle="--" if pattern == "dash-outline" else "-",
            hatch=None if context else (HATCHES.get(pattern) or None),
            hatchcolor="#222222", zorder=1 if context else 2))
        other = row[other_aspect]
        if not context and other != holder and other in record.polities:
            # as on the interactive maps: wide stripes in the colour of the other holder
            polities_shown[other] = None
            differs = True
            stripes = PathPatch(geometry.paths[str(unit)], facecolor="none", edgecolor="none",
                                hatch=DIFFERS_HATCH, zorder=2.5,
                                hatchcolor=record.polities[other].color)
            stripes.set_hatch_linewidth(DIFFERS_WIDTH)
            axes.add_artist(stripes)
    _draw_names(axes, record, geometry, states, lang, view, halo)
    legend_axes = figure.add_axes(box(LEGEND_LEFT, TITLE_BAND, WIDTH - LEGEND_LEFT - 0.1,
                                      MAP_BOX[2]))
    entries: list[tuple[str, dict[str, Any]]] = [(words[f"legend_{view}"], {})]
    entries += [(_short_name(record.polities[p].name(lang)),
                 {"facecolor": record.polities[p].color})
                for p in record.polities if p in polities_shown]  # polities.csv order
    if differs:
        entries.append((words[f"differs_{view}"], {"hatch": DIFFERS_HATCH,
                                                   "hatchcolor": "#777777", "stripes": True}))
    entries.append((words["legend_status"], {}))
    for status_id in (s for s in record.statuses if s in statuses_shown):
        status = record.statuses[status_id]
        entries.append((status.name(lang), {
            "hatch": HATCHES.get(status.pattern) or None, "hatchcolor": "#222222",
            "linestyle": "--" if status.pattern == "dash-outline" else "-",
            "linewidth": 0.9 if status.pattern == "dash-outline" else 0.5}))
    _draw_legend(legend_axes, entries, WIDTH - LEGEND_LEFT - 0.1, MAP_BOX[2])

    figure.text(0.15 / WIDTH, 1 - (TITLE_BAND + MAP_BOX[2] + 0.12) / height, words["credit"],
                fontsize=6, color="#555555", va="top")
    if caption and caption_text:
        figure.text(0.15 / WIDTH, 1 - (TITLE_BAND + MAP_BOX[2] + 0.32) / height,
                    "\n".join(caption), fontsize=CAPTION_POINTS, va="top", linespacing=1.32)
    return figure


def _render(figure: Figure, fmt: str, dpi: float) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(_RC):
        if fmt == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None,
                                                            "Creator": "treatymaps"})
        else:
            figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _caption_font(size: float) -> Any:
    from matplotlib import font_manager
    from PIL import ImageFont

    path = font_manager.findfont(font_manager.FontProperties(family=_RC["font.family"]))
    return ImageFont.truetype(path, size=size)


def _raster(record: Record, day: dt.date, lang: str, view: str, *, caption: bool,
            dpi: float) -> PilImage:
    """The picture as an RGB image. matplotlib draws the map, Pillow writes the caption into
    the space left for it: the same font, a tenth of the time (matplotlib rasterizes each glyph
    of a long caption one by one)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image, ImageDraw

    with matplotlib.rc_context(_RC):
        figure = _figure(record, day, lang, view, with_caption=caption, caption_text=False,
                         dpi=dpi)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                             "raw", "RGBA", 0, 1).convert("RGB")
    if caption:
        draw = ImageDraw.Draw(image)
        font = _caption_font(CAPTION_POINTS * dpi / 72)
        left, top = 0.15 * dpi, (TITLE_BAND + MAP_BOX[2] + 0.32) * dpi
        for number, line in enumerate(caption_lines(record, day, lang=lang)):
            draw.text((left, top + number * CAPTION_LINE * dpi), line, font=font,
                      fill=(0, 0, 0))
    return image


def _encode_png(image: PilImage, dpi: float) -> bytes:
    """PNG without text chunks (no software name, no date): the same picture, the same bytes."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(round(dpi), round(dpi)), compress_level=6)
    return buffer.getvalue()


def _png(record: Record, day: dt.date, lang: str, view: str, *, caption: bool,
         dpi: float) -> bytes:
    return _encode_png(_raster(record, day, lang, view, caption=caption, dpi=dpi), dpi)


@dataclass(frozen=True)
class Picture:
    """A day's map as a static figure; shows itself as PNG in Jupyter (trusted or not)."""

    record: Record = field(repr=False)
    day: dt.date
    lang: str = "en"
    view: str = "control"
    caption: bool = True

    def figure(self) -> Figure:
        """A new matplotlib ``Figure`` of the picture, to adjust before saving."""
        import matplotlib

        with matplotlib.rc_context(_RC):
            return _figure(self.record, self.day, self.lang, self.view,
                           with_caption=self.caption)

    def svg(self) -> str:
        return _render(self.figure(), "svg", 72).decode("utf-8")

    def png(self, *, dpi: float = 120) -> bytes:
        return _png(self.record, self.day, self.lang, self.view, caption=self.caption, dpi=dpi)

    def save(self, path: str | Path, *, dpi: float = 150) -> Path:
        """Write PNG or SVG, by the file's suffix, atomically."""
        fmt = Path(path).suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(f"cannot write '{path}': expected a file ending in .png or .svg")
        data = self.svg() if fmt == "svg" else self.png(dpi=dpi)
        return write_atomic(path, data)

    def _repr_png_(self) -> bytes:
        return self.png(dpi=80)


def picture(record: Record, date: dt.date | str, *, lang: str = "en", view: str = "control",
            caption: bool = True) -> Picture:
    """The map of ``date`` as a static picture (``.png()``, ``.svg()``, ``.save(path)``).

    ``view`` colours units by who controlled them (``control``) or by who held sovereignty
    (``sovereignty``); statuses are drawn as patterns either way. In Jupyter the picture shows
    itself as a PNG, which displays even in an untrusted notebook.
    """
    check_lang(lang)
    check_view(view)
    return Picture(record, as_day(date), lang, view, caption)


def _frame(image: PilImage, dpi: float, width: int) -> PilImage:
    """Title and map of a picture (its caption cropped off), scaled to ``width``."""
    from PIL import Image

    top = round((TITLE_BAND + MAP_BOX[2] + 0.05) * dpi)
    image = image.crop((0, 0, image.width, min(top, image.height)))
    height = round(image.height * width / image.width)
    return image.resize((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)


def animation(frames: Iterable[PilImage | bytes], *, dpi: float, width: int = 800,
              seconds: float = 2.0) -> bytes:
    """An animated GIF of pictures (images or PNG bytes; title and map only), looping."""
    from PIL import Image

    def opened(frame: PilImage | bytes) -> PilImage:
        if isinstance(frame, bytes):
            with Image.open(io.BytesIO(frame)) as png:
                return png.convert("RGB")
        return frame

    images = [_frame(opened(f), dpi, width).quantize(colors=96, method=Image.Quantize.FASTOCTREE,
                                                     dither=Image.Dither.NONE) for f in frames]
    if not images:
        raise UsageError("an animation needs at least one date")
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:],
                   duration=round(seconds * 1000), loop=0, optimize=False, disposal=1)
    return buffer.getvalue()


BUILD_DPI = 100

_pool_record: Record | None = None  # the record a forked worker draws from (see _draw_many)


def _draw_job(job: tuple[dt.date, str, str, float]) -> bytes:
    day, lang, view, dpi = job
    assert _pool_record is not None
    return _png(_pool_record, day, lang, view, caption=True, dpi=dpi)


def _draw_many(record: Record, jobs: list[tuple[dt.date, str, str, float]]) -> list[bytes]:
    """Draw pictures as PNG on every core: each is independent and costs about half a second.

    Workers are forked, so they share the loaded record and modules instead of reloading them;
    where fork is not available (or one core), they are drawn one after another.
    """
    global _pool_record
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_png(record, day, lang, view, caption=True, dpi=dpi)
                for day, lang, view, dpi in jobs]
    # the first picture is drawn here, so that the forked workers inherit matplotlib, its font
    # cache and the record's label layout already warm instead of each building them again
    first = _png(record, *jobs[0][:3], caption=True, dpi=jobs[0][3])
    _pool_record = record
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [first, *pool.map(_draw_job, jobs[1:])]
    finally:
        _pool_record = None


def key_date_pictures(record: Record, days: Sequence[dt.date | str], *,
                      langs: Sequence[str] = ("en",), view: str = "control",
                      dpi: float = BUILD_DPI, gif_seconds: float = 2.0) -> dict[str, bytes]:
    """For each language, a PNG per day (``picture-YYYY-MM-DD-<lang>.png``) and a GIF stepping
    through them all (``key-dates-<lang>.gif``), by file name; the GIF's frames are the PNGs,
    cropped."""
    for lang in langs:
        check_lang(lang)
    check_view(view)
    wanted = [as_day(date) for date in days]
    jobs = [(day, lang, view, dpi) for lang in langs for day in wanted]
    pngs = iter(_draw_many(record, jobs))
    files = {}
    for lang in langs:
        frames = [next(pngs) for _ in wanted]
        for day, png in zip(wanted, frames, strict=True):
            files[f"picture-{day.isoformat()}-{lang}.png"] = png
        files[f"key-dates-{lang}.gif"] = animation(frames, dpi=dpi, seconds=gif_seconds)
    return files


def write_key_pictures(record: Record, folder: str | Path, days: Sequence[dt.date | str],
                       **options: Any) -> list[Path]:
    """Write ``key_date_pictures`` into ``folder``; return the paths."""
    return [write_atomic(Path(folder) / name, data)
            for name, data in key_date_pictures(record, days, **options).items()]


def write_pictures(build: Any) -> None:
    """The pictures step of ``treatymaps build``: ``pictures/`` with the key dates as PNG and
    a GIF of them in each language, listed in the index."""
    from .build import KEY_DATES

    for name, data in key_date_pictures(build.record, KEY_DATES, langs=LANGS).items():
        lang = name.rsplit("-", 1)[1].split(".")[0]
        day = as_day(name[8:18]) if name.startswith("picture-") else None
        title = format_day(day, lang) + " (PNG)" if day else PICTURE_STRINGS[lang]["animation"]
        build.add(f"pictures/{name}", data, kind="picture", lang=lang, day=day, title=title)



__all__ = ["FORMATS", "VIEWS", "Picture", "animation", "caption_lines", "key_date_pictures",
           "picture", "write_key_pictures", "write_pictures"]
