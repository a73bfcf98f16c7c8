"""Self-contained, byte-stable folium pages: inlined Leaflet, no CDN links, ids from a counter.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs and branca names every
element with ``os.urandom``. A page for a school laptop without network, committed to git,
needs the opposite: every script and style inlined from installed packages (Leaflet from
``xstatic-leaflet``, ours from ``treatymaps/static``), and names that depend only on the
content. Only the rendering modules import this one.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure

_CDN_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                      re.IGNORECASE)


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images as data URIs (so that no file is requested)."""
    import xstatic.pkg.leaflet as leaflet

    folder = Path(leaflet.BASE_DIR)
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        image = (folder / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode('ascii')})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


@cache
def leaflet_js() -> str:
    """Leaflet's script, without the source-map comment a browser's tools would fetch, and with
    its attribution "Leaflet" kept as text rather than a link out of an offline page."""
    import xstatic.pkg.leaflet as leaflet

    js = (Path(leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    js = js.replace('<a href="https://leafletjs.com" title=', "<a title=", 1)
    return _script_safe(re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js))


@cache
def static_text(name: str) -> str:
    """A file shipped in ``treatymaps/static`` (our script and stylesheet)."""
    return (resources.files("treatymaps") / "static" / name).read_text(encoding="utf-8")


def _script_safe(js: str) -> str:
    # "</script" would end the inline element early; "<\/" means the same inside JavaScript
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def json_for_script(value: Any) -> str:
    """Compact, sorted JSON that cannot end or escape the ``<script>`` element holding it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class Page(Figure):
    """A folium ``Figure`` that declares its language and carries an escaped title."""

    _template = Figure._template.__class__(
        "<!DOCTYPE html>\n"
        "<html lang=\"{{ this.lang }}\">\n"
        "<head>\n"
        "<meta charset=\"utf-8\">\n"
        "<title>{{ this.title|e }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "{{ this.html.render(**kwargs) }}\n"
        "<script>\n"
        "{{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</body>\n"
        "</html>\n",
    )

    def __init__(self, *, lang: str, title: str):
        super().__init__(title=title)
        self.lang = lang
        # folium's Figure adds an http-equiv meta; <meta charset> above replaces it
        self.header._children.pop("meta_http", None)


def offline_map(*, lang: str, title: str, **options: Any) -> folium.Map:
    """A folium ``Map`` without tiles or CDN links, in a ``Page``, with Leaflet inlined."""
    fmap = folium.Map(tiles=None, **options)
    fmap.default_js = []
    fmap.default_css = []
    page = Page(lang=lang, title=title)
    page.add_child(fmap)
    page.header.add_child(Element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
    page.header.add_child(Element(f"<script>{leaflet_js()}</script>"), name="leaflet_js")
    return fmap


def _elements(root: Element) -> list[Element]:
    found, stack = [], [root]
    while stack:
        element = stack.pop()
        found.append(element)
        children = list(element._children.values())
        if isinstance(element, Figure):
            children = [element.header, element.html, element.script, *children]
        stack.extend(reversed(children))
    return found


def render_page(fmap: folium.Map) -> str:
    """The map's whole page as HTML, identical for identical content.

    Every element gets an id from its position in the tree instead of branca's random one.
    Raises ``ValueError`` if anything still links a script or stylesheet from the network.
    """
    root = fmap.get_root()
    for number, element in enumerate(_elements(root)):
        element._id = f"{number:04d}"
    html = root.render()
    html = re.sub(r"[ \t]+\n", "\n", html)
    if _CDN_TAG.search(html):
        raise ValueError("the page links a script or stylesheet from the network; "
                         "inline it instead (maps must work offline)")
    return html


__all__ = ["Page", "json_for_script", "leaflet_css", "leaflet_js", "offline_map",
           "render_page", "static_text"]
