"""Draw geodata/units.geojson with the unit ids and the hand-digitized lines: docs/img/units.png.

Usage::

    python tools/draw_units.py [--out docs/img/units.png]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402
from shapely.geometry import shape  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# One colour per unit; context units in greys.
COLOURS = {
    "china-proper": "#d9d9d9", "japan-home": "#cfcfcf", "russia-far-east": "#e6e6e6", "ryukyu": "#bdbdbd",
    "outer-mongolia": "#f2e6c9", "mengjiang": "#c7b37a", "jehol": "#e8a33d", "manchuria-north": "#9ecae1",
    "manchuria-south": "#a1d99b", "liaodong": "#fdd0a2", "kwantung": "#d94801", "korea-north": "#bcbddc",
    "korea-south": "#9e9ac8", "sakhalin-north": "#c6dbef", "sakhalin-south": "#fc9272", "kurils-north": "#fcbba1",
    "kurils-south": "#de2d26", "taiwan": "#74c476", "kiautschou": "#6a51a3", "weihaiwei": "#08519c",
}
# Small units are named beside them, with a leader line.
CALLOUTS = {"kwantung": (119.2, 37.6), "kiautschou": (117.5, 34.6), "weihaiwei": (123.6, 36.6),
            "liaodong": (125.0, 38.6), "kurils-south": (150.5, 43.2), "kurils-north": (152.5, 44.3),
            "ryukyu": (131.5, 27.5)}


def polygon_patch(geom, **kwargs):
    vertices, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in [poly.exterior, *poly.interiors]:
            xy = list(ring.coords)
            vertices += xy
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY]
    return PathPatch(MplPath(vertices, codes), **kwargs)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "units.png")
    args = parser.parse_args(argv)
    units = json.loads((ROOT / "geodata" / "units.geojson").read_text(encoding="utf-8"))["features"]
    frame = shape(json.loads((ROOT / "digitizing" / "frame.geojson").read_text())["features"][0]["geometry"])

    fig, ax = plt.subplots(figsize=(14, 11.5))
    ax.set_facecolor("#f4f8fb")
    for feature in units:
        uid = feature["properties"]["id"]
        geom = shape(feature["geometry"])
        ax.add_patch(polygon_patch(geom, facecolor=COLOURS[uid], edgecolor="#444444", linewidth=0.3))
    for path in sorted((ROOT / "digitizing" / "lines").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if feature["properties"]["locator"] == "construction":
                continue
            xs, ys = zip(*feature["geometry"]["coordinates"], strict=True)
            ax.plot(xs, ys, color="#b2182b", linewidth=0.8, linestyle=(0, (4, 2)))
    ax.plot(*frame.exterior.xy, color="black", linewidth=1.0)
    for feature in units:
        uid = feature["properties"]["id"]
        x, y = feature["properties"]["label"]
        if uid in CALLOUTS:
            ax.annotate(uid, (x, y), xytext=CALLOUTS[uid], fontsize=8, ha="center",
                        arrowprops=dict(arrowstyle="-", color="#333333", linewidth=0.6),
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8))
        else:
            ax.text(x, y, uid, fontsize=8, ha="center", va="center",
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.7))
    ax.set_xlim(99, 161)
    ax.set_ylim(21, 57)
    ax.set_aspect(1.25)
    ax.set_xlabel("longitude (deg E)")
    ax.set_ylabel("latitude (deg N)")
    ax.set_title("treatymaps units (geodata/units.geojson); red dashes: hand-digitized lines; black: the frame")
    ax.grid(True, linewidth=0.2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=110, bbox_inches="tight", metadata={"Software": None})


if __name__ == "__main__":
    main()
