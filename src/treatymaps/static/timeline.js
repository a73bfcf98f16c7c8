/* treatymaps: draws the record on a Leaflet map, for one day or with a slider over 1895-1945.
 *
 * Reads two JSON blocks written by treatymaps/maps.py: the data (units with their steps,
 * provisions, instruments, sources, places, railways, events, shapes) and the config (mode,
 * first day, view, links). Every text from the data goes into the page through textContent,
 * never as HTML. No network: nothing here fetches anything.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var EVENT_WINDOW = 30;      // days before and after an event during which its marker shows
  var PLAY_INTERVAL = 80;     // ms between two steps while playing
  var HASH_INTERVAL = 250;    // ms between two history.replaceState calls
  var NARROW = 760;           // px: below this the legend starts folded
  var SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // The last index i with list[i][0] <= day, or -1.
  function stepIndex(list, day) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] <= day) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function start(map, dataNode, configNode) {
    var D = JSON.parse(dataNode.textContent);
    var C = JSON.parse(configNode.textContent);
    var T = D.ui;
    var COLON = T.lang === "fr" ? "\u00a0: " : ": ";
    function quoted(text) { return T.lang === "fr" ? "«\u00a0" + text + "\u00a0»" : "“" + text + "”"; }
    var timeline = C.mode === "timeline";
    var origin = Date.parse(D.start + "T00:00:00Z");
    var lastDay = D.days - 1;
    var polityIds = Object.keys(D.polities).sort();
    var current = { day: C.day || 0, view: C.view === "sovereignty" ? "sovereignty" : "control" };
    var units = [];
    var playing = null;
    var openPopup = null;   // {kind, ref, popup}: refreshed when the day changes

    // ---------------------------------------------------------------- dates
    function isoOf(day) { return new Date(origin + day * DAY_MS).toISOString().slice(0, 10); }
    function dayOfIso(iso) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
      var ms = Date.parse(iso + "T00:00:00Z");
      if (isNaN(ms)) return null;
      var day = Math.round((ms - origin) / DAY_MS);
      if (day < 0 || day > lastDay || isoOf(day) !== iso) return null;
      return day;
    }
    function dayText(day) {
      var d = new Date(origin + day * DAY_MS);
      var n = d.getUTCDate();
      var number = (T.lang === "fr" && n === 1) ? "1er" : String(n);
      return number + " " + T.months[d.getUTCMonth()] + " " + d.getUTCFullYear();
    }
    function clampDay(day) { return Math.max(0, Math.min(lastDay, day)); }

    // ---------------------------------------------------------------- SVG patterns
    var renderer = L.svg({ padding: 0.5 });
    map.addLayer(renderer);
    var svgRoot = renderer._container;
    var defs = svgEl("defs");
    svgRoot.insertBefore(defs, svgRoot.firstChild);

    function pattern(id, size, angle, children) {
      var p = svgEl("pattern", { id: id, patternUnits: "userSpaceOnUse", width: size,
                                 height: size, patternTransform: "rotate(" + angle + ")" });
      children.forEach(function (c) { p.appendChild(c); });
      defs.appendChild(p);
    }
    var INK = "rgba(20,20,30,0.62)";
    pattern("tm-s-hatch", 7, 45, [svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 7, stroke: INK,
                                                  "stroke-width": 1.3 })]);
    pattern("tm-s-crosshatch", 7, 45, [
      svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 7, stroke: INK, "stroke-width": 1.1 }),
      svgEl("line", { x1: 0, y1: 0, x2: 7, y2: 0, stroke: INK, "stroke-width": 1.1 })]);
    pattern("tm-s-stripes", 6, 0, [svgEl("line", { x1: 0, y1: 0.75, x2: 6, y2: 0.75,
                                                   stroke: INK, "stroke-width": 1.5 })]);
    pattern("tm-s-dots", 7, 0, [svgEl("circle", { cx: 3.5, cy: 3.5, r: 1.3, fill: INK })]);
    polityIds.forEach(function (pid, i) {
      // sovereign and control differ: wide stripes in the colour of the one not filled
      // narrower than the gaps between them, so the fill still reads as the main colour
      pattern("tm-d-" + i, 11, -45, [
        svgEl("rect", { x: 0, y: 0, width: 3.2, height: 11, fill: D.polities[pid].color }),
        svgEl("rect", { x: 3.2, y: 0, width: 0.8, height: 11, fill: "rgba(255,255,255,0.85)" })]);
    });
    function differFill(pid) { return "url(#tm-d-" + polityIds.indexOf(pid) + ")"; }

    // ---------------------------------------------------------------- units
    // rings come as integers in thousandths of a degree: a first point, then differences
    function decodeRing(ring) {
      var out = [], x = 0, y = 0;
      for (var i = 0; i < ring.length; i += 2) {
        x += ring[i]; y += ring[i + 1];
        out.push([x / D.shape_scale, y / D.shape_scale]);
      }
      return out;
    }
    function shapeOf(id) {
      return { type: "Feature", properties: { id: id }, geometry: { type: "MultiPolygon",
        coordinates: (D.shapes[id] || []).map(function (p) { return p.map(decodeRing); }) } };
    }

    var common = { renderer: renderer, smoothFactor: 0.6 };
    // Called once the map has its final size and frame, so each shape is projected once.
    function createUnits() {
      D.units.forEach(function (u) {
        var base = L.geoJSON(shapeOf(u.id), L.extend({ style: { weight: 1, fillOpacity: 0.88,
                                                                 opacity: 1 } }, common));
        var unit = { data: u, base: base, differ: null, status: null, key: "", label: null,
                     labelText: "" };
        units.push(unit);
        base.on("click", function (e) { showUnitPopup(unit, e.latlng); });
        base.on("mouseover", function () { base.setStyle({ weight: 2.5, color: "#1c1c28" }); });
        base.on("mouseout", function () { base.setStyle({ weight: 1, color: unit.fill }); });
        base.addTo(map);
        base.eachLayer(function (layer) {
          if (layer._path) {
            layer._path.setAttribute("data-unit", u.id);
            if (u.group) layer._path.setAttribute("data-group", u.group);
            unit.path = layer._path;
          }
        });
      });
    }
    // The stripes and the status pattern are drawn over every fill (so no neighbour hides
    // them), made the first time a unit needs them; the railways stay on top.
    function overlay(unit, kind) {
      if (!unit[kind]) {
        var style = kind === "differ"
          ? { stroke: false, fill: false, fillOpacity: 0.95 }
          : { stroke: false, fill: false, fillOpacity: 1, color: "#1c1c28", weight: 2.2,
              dashArray: "7 5" };
        unit[kind] = L.geoJSON(shapeOf(unit.data.id), L.extend({ interactive: false,
                                                                 style: style }, common));
        unit[kind].addTo(map);
        railways.forEach(function (r) { if (r.on) r.layers.bringToFront(); });
      }
      return unit[kind];
    }

    function stateOf(unit, day) {
      var i = stepIndex(unit.data.steps, day);
      return { index: i, step: i >= 0 ? unit.data.steps[i] : null };
    }
    function unitName(unit, step) { return (step && step[5]) || unit.data.name; }

    function paintUnit(unit) {
      var s = stateOf(unit, current.day);
      var key = s.index + "|" + current.view;
      if (key === unit.key) return false;
      unit.key = key;
      var step = s.step;
      var sov = step ? step[2] : "", ctl = step ? step[3] : "", st = step ? step[4] : "";
      var holder = current.view === "control" ? ctl : sov;
      var other = current.view === "control" ? sov : ctl;
      var polity = D.polities[holder];
      unit.fill = polity ? polity.color : "#c8c8c8";
      unit.base.setStyle({ fillColor: unit.fill, color: unit.fill, weight: 1 });
      if (unit.path) {
        unit.path.setAttribute("data-holder", holder);
        unit.path.setAttribute("data-fill", unit.fill);
        unit.path.setAttribute("data-sovereign", sov);
        unit.path.setAttribute("data-control", ctl);
      }
      var differs = sov && ctl && sov !== ctl && D.polities[other];
      if (differs || unit.differ) {
        overlay(unit, "differ").setStyle({ fill: !!differs,
                                           fillColor: differs ? differFill(other) : "none" });
      }
      var pat = D.statuses[st] ? D.statuses[st].pattern : "none";
      var filled = pat === "hatch" || pat === "crosshatch" || pat === "dots" || pat === "stripes";
      if (pat !== "none" || unit.status) {
        overlay(unit, "status").setStyle({ fill: filled, stroke: pat === "dash-outline",
                                           fillColor: filled ? "url(#tm-s-" + pat + ")" : "none" });
      }
      var name = unitName(unit, step);
      if (name !== unit.labelText) {
        unit.labelText = name;
        if (unit.labelMain) setLabel(unit, name);
      }
      return true;
    }

    // ---------------------------------------------------------------- labels
    function divMarker(latlng, node, className, pane) {
      return L.marker(latlng, { interactive: false, keyboard: false, pane: pane || "markerPane",
                                icon: L.divIcon({ className: className, html: node,
                                                  iconSize: null }) });
    }
    map.createPane("tm-labels");
    map.getPane("tm-labels").style.zIndex = 640;
    map.getPane("tm-labels").style.pointerEvents = "none";
    function createLabels() {
      units.forEach(function (unit) {
        var node = el("span", "tm-label-text");
        unit.labelMain = el("span", "tm-label-main");
        unit.labelDetail = el("span", "tm-label-detail");
        node.appendChild(unit.labelMain);
        node.appendChild(unit.labelDetail);
        unit.labelNode = node;
        unit.label = divMarker(unit.data.label, node, "tm-label tm-label-" + unit.data.role,
                               "tm-labels").addTo(map);
      });
    }
    function setLabel(unit, name) {
      // "Kwantung Leased Territory (Kantōshū)": the detail goes on a second, smaller line
      var cut = name.indexOf(" (");
      unit.labelMain.textContent = cut > 0 ? name.slice(0, cut) : name;
      unit.labelDetail.textContent = cut > 0 ? name.slice(cut + 1) : "";
    }
    // Labels that would overlap an earlier one are hidden: territories first, then towns,
    // then the surrounding countries; units that read alike are labelled once.
    function placeLabels() {
      var kept = [];
      var seen = {};
      var order = units.filter(function (u) { return u.data.role !== "context"; })
        .map(function (u) { return { node: u.labelNode, unit: u }; })
        .concat(places.filter(function (p) { return p.on; })
                  .map(function (p) { return { node: p.node }; }))
        .concat(units.filter(function (u) { return u.data.role === "context"; })
                  .map(function (u) { return { node: u.labelNode, unit: u }; }));
      order.forEach(function (item) {
        var show = true;
        if (item.unit) {  // two parts that read alike (Korea's, Manchuria's): one label
          var key = item.unit.labelMain.textContent + "|" + item.unit.fill;
          if (seen[key]) show = false;
          seen[key] = true;
        }
        item.node.style.visibility = "";
        if (show) {
          var r = item.node.getBoundingClientRect();
          show = !kept.some(function (k) {
            return r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top;
          });
          if (show) kept.push(r);
        }
        item.node.style.visibility = show ? "" : "hidden";
      });
    }
    function markZoom() {
      map.getContainer().setAttribute("data-zoom", String(Math.floor(map.getZoom())));
    }

    // ---------------------------------------------------------------- places
    var places = D.places.map(function (p) {
      var node = el("span", "tm-place-text");
      var wrap = el("span", "tm-place-wrap");
      wrap.appendChild(el("span", "tm-place-dot"));
      wrap.appendChild(node);
      return { data: p, node: node, marker: divMarker([p[0], p[1]], wrap, "tm-place",
                                                      "tm-labels"), on: false, text: "" };
    });
    function paintPlaces() {
      places.forEach(function (p) {
        var i = stepIndex(p.data[2], current.day);
        var name = i >= 0 ? p.data[2][i][1] : "";
        if (name && !p.on) { p.marker.addTo(map); p.on = true; }
        if (!name && p.on) { map.removeLayer(p.marker); p.on = false; }
        if (name !== p.text) { p.text = name; p.node.textContent = name; }
      });
    }

    // ---------------------------------------------------------------- railways
    var railways = D.railways.map(function (r) {
      var casing = L.polyline(r.route, { renderer: renderer, color: "#1c1c28", weight: 4.5,
                                         opacity: 0.95, lineJoin: "round" });
      var ties = L.polyline(r.route, { renderer: renderer, color: "#ffffff", weight: 2,
                                       dashArray: "6 6", interactive: false });
      var rail = { data: r, layers: L.featureGroup([casing, ties]), on: false };
      casing.on("click", function (e) { showRailwayPopup(rail, e.latlng); });
      casing.bindTooltip(r.name, { sticky: true, direction: "top" });
      return rail;
    });
    function paintRailways() {
      railways.forEach(function (r) {
        var open = current.day >= r.data.opened;
        if (open && !r.on) { r.layers.addTo(map); r.on = true; }
        if (!open && r.on) { map.removeLayer(r.layers); r.on = false; }
      });
    }

    // ---------------------------------------------------------------- events
    var events = D.events.map(function (ev) {
      var icon = L.divIcon({ className: "tm-event", html: el("span", "tm-event-mark", "★"),
                             iconSize: [22, 22], iconAnchor: [11, 11] });
      var marker = L.marker([ev[2], ev[3]], { icon: icon, keyboard: true, title: ev[4],
                                              alt: ev[4], riseOnHover: true });
      var e = { data: ev, marker: marker, on: false };
      marker.on("click", function () { showEventPopup(e); });
      return e;
    });
    function paintEvents() {
      events.forEach(function (e) {
        var near = Math.abs(current.day - e.data[0]) <= EVENT_WINDOW;
        if (near && !e.on) { e.marker.addTo(map); e.on = true; }
        if (!near && e.on) { map.removeLayer(e.marker); e.on = false; }
        if (e.on) {
          var icon = e.marker.getElement();
          if (icon) icon.classList.toggle("tm-event-today", current.day === e.data[0]);
        }
      });
    }

    // ---------------------------------------------------------------- pop-ups
    function dayLink(day, label) {
      var a = el("a", "tm-daylink", label || dayText(day));
      if (timeline) {
        a.href = "#" + isoOf(day);
        a.addEventListener("click", function (ev) { ev.preventDefault(); setDay(day); });
        return a;
      }
      if (C.links.timeline) { a.href = C.links.timeline + "#" + isoOf(day); return a; }
      return el("span", "tm-daylink", label || dayText(day));
    }
    function sourcesBlock(citations) {
      var box = el("div", "tm-sources");
      citations.forEach(function (c) {
        var p = el("p", "tm-source");
        p.appendChild(el("span", "tm-source-label", T.sources + COLON));
        p.appendChild(document.createTextNode((D.sources[c[0]] || c[0]) + (c[1] ? ", " + c[1] : "")));
        box.appendChild(p);
      });
      return box;
    }
    function row(dl, label, value, note) {
      dl.appendChild(el("dt", null, label));
      var dd = el("dd", null, value);
      if (note) dd.appendChild(el("span", "tm-note", note));
      dl.appendChild(dd);
    }
    function polityName(pid) {
      return D.polities[pid] ? D.polities[pid].name : (pid || T.no_holder);
    }
    function provisionBlock(pid) {
      var p = D.provisions[pid];
      var box = el("div", "tm-provision");
      if (!p) return box;
      var ins = D.instruments[p.instrument] || { title: p.instrument };
      var head = el("p", "tm-provision-head");
      head.appendChild(el("strong", null, ins.title));
      if (p.article) head.appendChild(document.createTextNode(", " + p.article));
      head.appendChild(el("span", "tm-note", " (" + p.date + ")"));
      box.appendChild(head);
      if (p.quote) box.appendChild(el("blockquote", "tm-quote", quoted(p.quote)));
      if (p.summary) box.appendChild(el("p", "tm-summary", p.summary));
      box.appendChild(sourcesBlock(p.sources));
      return box;
    }
    function popupOptions() {
      var size = map.getSize();
      return { maxWidth: Math.min(400, size.x - 50), minWidth: Math.min(260, size.x - 60),
               maxHeight: Math.max(160, size.y - 150), autoPanPadding: [12, 12],
               className: "tm-popup" };
    }
    function openAt(latlng, node, kind, ref) {
      var popup = L.popup(popupOptions()).setLatLng(latlng).setContent(node);
      // the legend sits above the pop-up pane: fold it while a pop-up is open
      var legendWasOpen = legendDetails && legendDetails.open;
      if (legendDetails) legendDetails.open = false;
      popup.on("remove", function () {
        if (openPopup && openPopup.popup === popup) {
          openPopup = null;
          if (legendDetails && legendWasOpen) legendDetails.open = true;
        }
      });
      popup.openOn(map);
      openPopup = { kind: kind, ref: ref, popup: popup };
    }
    function unitContent(unit) {
      var s = stateOf(unit, current.day);
      var step = s.step;
      var box = el("div", "tm-card");
      box.setAttribute("data-unit", unit.data.id);
      box.appendChild(el("h3", null, unitName(unit, step)));
      var sub = T.unit_modern + COLON + unit.data.name;
      box.appendChild(el("p", "tm-sub", sub + (unit.data.local ? " · " + unit.data.local : "")));
      box.appendChild(el("p", "tm-when", dayText(current.day)));
      var dl = el("dl", "tm-facts");
      if (step) {
        var st = D.statuses[step[4]];
        row(dl, T.status, st ? st.name : step[4], st ? st.description : "");
        row(dl, T.sovereign, polityName(step[2]));
        row(dl, T.control, polityName(step[3]));
        row(dl, T.since, step[1]);
      }
      box.appendChild(dl);
      if (step && step[6].length) {
        box.appendChild(el("h4", null, T.by));
        step[6].forEach(function (pid) { box.appendChild(provisionBlock(pid)); });
      }
      var nav = el("p", "tm-unitnav");
      var steps = unit.data.steps;
      nav.appendChild(el("span", "tm-nav-label", "← " + T.prev_unit_change + COLON));
      nav.appendChild(s.index > 0 ? dayLink(steps[s.index - 1][0], steps[s.index - 1][1])
                                  : el("span", null, T.none));
      nav.appendChild(el("br"));
      nav.appendChild(el("span", "tm-nav-label", T.next_unit_change + " →" + COLON));
      nav.appendChild(s.index + 1 < steps.length ? dayLink(steps[s.index + 1][0], steps[s.index + 1][1])
                                                 : el("span", null, T.none));
      box.appendChild(nav);
      var prov = unit.data.provenance;
      if (prov.base || prov.edges.length) {
        var details = el("details", "tm-provenance");
        details.appendChild(el("summary", null, T.provenance));
        if (prov.base) details.appendChild(el("p", null, T.provenance_base + COLON + prov.base));
        var list = el("ul");
        prov.edges.forEach(function (e) {
          var li = el("li");
          li.appendChild(el("strong", null, e[0]));
          li.appendChild(document.createTextNode(" — " + (T["precision_" + e[1]] || e[1])));
          if (e[4]) li.appendChild(el("span", "tm-note", ". " + e[4]));
          li.appendChild(sourcesBlock([[e[2], e[3]]]));
          list.appendChild(li);
        });
        details.appendChild(list);
        box.appendChild(details);
      }
      return box;
    }
    function showUnitPopup(unit, latlng) { openAt(latlng, unitContent(unit), "unit", unit); }

    function railwayContent(rail) {
      var r = rail.data;
      var box = el("div", "tm-card");
      box.appendChild(el("h3", null, r.name));
      box.appendChild(el("p", "tm-when", dayText(current.day)));
      var dl = el("dl", "tm-facts");
      row(dl, T.railway_opened, r.opened_text);
      var i = stepIndex(r.owners, current.day);
      if (current.day < r.opened) row(dl, T.railway_operator, T.railway_not_open);
      else if (i >= 0) row(dl, T.railway_operator, r.owners[i][2], r.owners[i][4]);
      box.appendChild(dl);
      if (i >= 0) box.appendChild(sourcesBlock(r.owners[i][5]));
      box.appendChild(el("h4", null, T.railway_owners));
      var list = el("ul", "tm-owners");
      r.owners.forEach(function (o, k) {
        var li = el("li", k === i ? "tm-current" : null);
        li.appendChild(dayLink(o[0], o[1]));
        li.appendChild(document.createTextNode(COLON + o[2] +
                                               (D.polities[o[3]] ? " (" + D.polities[o[3]].short + ")" : "")));
        list.appendChild(li);
      });
      box.appendChild(list);
      return box;
    }
    function showRailwayPopup(rail, latlng) { openAt(latlng, railwayContent(rail), "railway", rail); }

    function eventContent(e) {
      var ev = e.data;
      var box = el("div", "tm-card");
      box.appendChild(el("p", "tm-kicker", T.event));
      box.appendChild(el("h3", null, ev[4]));
      box.appendChild(el("p", "tm-when", ev[1]));
      if (ev[5]) box.appendChild(el("p", "tm-summary", ev[5]));
      if (ev[7] && D.instruments[ev[7]]) box.appendChild(el("p", "tm-note", D.instruments[ev[7]].title));
      box.appendChild(sourcesBlock(ev[6]));
      if (timeline && current.day !== ev[0]) {
        var p = el("p");
        p.appendChild(dayLink(ev[0]));
        box.appendChild(p);
      }
      return box;
    }
    function showEventPopup(e) { openAt([e.data[2], e.data[3]], eventContent(e), "event", e); }

    function refreshPopup() {
      if (!openPopup) return;
      var o = openPopup;
      var node = o.kind === "unit" ? unitContent(o.ref) : o.kind === "railway"
        ? railwayContent(o.ref) : eventContent(o.ref);
      if (o.kind === "event" && !o.ref.on) { map.closePopup(o.popup); return; }
      o.popup.setContent(node);
    }

    // ---------------------------------------------------------------- legend
    var legendBody = el("div", "tm-legend-body");
    var legendKey = "";
    var legendDetails = null;
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var details = el("details", "tm-legend");
        legendDetails = details;
        if (window.innerWidth > NARROW) details.open = true;
        details.appendChild(el("summary", null, T.legend));
        details.appendChild(legendBody);
        L.DomEvent.disableClickPropagation(details);
        L.DomEvent.disableScrollPropagation(details);
        return details;
      }
    });
    new Legend().addTo(map);

    function swatch(fill, extra) {
      var svg = svgEl("svg", { width: 26, height: 16, viewBox: "0 0 26 16", "aria-hidden": "true",
                               "class": "tm-swatch" });
      svg.appendChild(svgEl("rect", L.extend({ x: 0.5, y: 0.5, width: 25, height: 15,
                                               fill: fill, stroke: "#555", "stroke-width": 0.6 },
                                             extra || {})));
      return svg;
    }
    function legendItem(list, graphic, label, note) {
      var li = el("li");
      li.appendChild(graphic);
      var span = el("span", null, label);
      if (note) span.title = note;
      li.appendChild(span);
      list.appendChild(li);
    }
    function paintLegend() {
      var holders = {}, statuses = {}, differs = false;
      units.forEach(function (u) {
        var step = stateOf(u, current.day).step;
        if (!step) return;
        if (step[2]) holders[step[2]] = true;
        if (step[3]) holders[step[3]] = true;
        if (step[4]) statuses[step[4]] = true;
        if (step[2] && step[3] && step[2] !== step[3]) differs = true;
      });
      var hs = polityIds.filter(function (p) { return holders[p]; });
      var ss = Object.keys(D.statuses).filter(function (s) { return statuses[s]; });
      var anyRail = railways.some(function (r) { return current.day >= r.data.opened; });
      var anyPlace = places.some(function (p) { return p.on; });
      var anyEvent = events.some(function (e) { return e.on; });
      var key = [current.view, hs.join(","), ss.join(","), differs, anyRail, anyPlace,
                 anyEvent].join("|");
      if (key === legendKey) return;
      legendKey = key;
      legendBody.textContent = "";
      legendBody.appendChild(el("h4", null, current.view === "control"
        ? T.legend_holders_control : T.legend_holders_sovereignty));
      var list = el("ul");
      hs.forEach(function (p) {
        legendItem(list, swatch(D.polities[p].color), D.polities[p].short, D.polities[p].name);
      });
      legendBody.appendChild(list);
      if (differs) {
        var dl = el("ul", "tm-legend-differs");
        var stripes = svgEl("svg", { width: 26, height: 16, viewBox: "0 0 26 16",
                                     "aria-hidden": "true", "class": "tm-swatch" });
        stripes.appendChild(svgEl("rect", { x: 0.5, y: 0.5, width: 25, height: 15, fill: "#ffffff",
                                            stroke: "#555", "stroke-width": 0.6 }));
        stripes.appendChild(svgEl("path", { d: "M0 16L16 0M10 16L26 0M-6 6L6 -6M20 16L26 10",
                                            stroke: "#777", "stroke-width": 4 }));
        legendItem(dl, stripes, current.view === "control" ? T.legend_differs_control
                                                           : T.legend_differs_sovereignty);
        legendBody.appendChild(dl);
      }
      var shown = ss.filter(function (s) { return D.statuses[s].pattern !== "none"; });
      legendBody.appendChild(el("h4", null, T.legend_status));
      var sl = el("ul");
      ss.forEach(function (s) {
        var pat = D.statuses[s].pattern;
        var graphic;
        if (pat === "dash-outline") {
          graphic = swatch("#f4f4f4", { stroke: "#1c1c28", "stroke-width": 2,
                                        "stroke-dasharray": "5 3" });
        } else if (pat === "none") {
          graphic = swatch("#f4f4f4");
        } else {
          graphic = swatch("#f4f4f4");
          graphic.appendChild(svgEl("rect", { x: 0.5, y: 0.5, width: 25, height: 15,
                                              fill: "url(#tm-s-" + pat + ")" }));
        }
        legendItem(sl, graphic, D.statuses[s].name, D.statuses[s].description);
      });
      if (shown.length || ss.length) legendBody.appendChild(sl);
      var sym = el("ul", "tm-legend-symbols");
      if (anyRail) {
        var rs = svgEl("svg", { width: 26, height: 16, viewBox: "0 0 26 16", "aria-hidden": "true",
                                "class": "tm-swatch" });
        rs.appendChild(svgEl("path", { d: "M1 8H25", stroke: "#1c1c28", "stroke-width": 4.5 }));
        rs.appendChild(svgEl("path", { d: "M1 8H25", stroke: "#fff", "stroke-width": 2,
                                       "stroke-dasharray": "6 6" }));
        legendItem(sym, rs, T.legend_railway);
      }
      if (anyPlace) {
        var ps = svgEl("svg", { width: 26, height: 16, viewBox: "0 0 26 16", "aria-hidden": "true",
                                "class": "tm-swatch" });
        ps.appendChild(svgEl("circle", { cx: 13, cy: 8, r: 3.5, fill: "#1c1c28", stroke: "#fff",
                                         "stroke-width": 1.5 }));
        legendItem(sym, ps, T.legend_place);
      }
      if (anyEvent) legendItem(sym, el("span", "tm-event-mark tm-legend-star", "★"), T.legend_event);
      if (anyRail || anyPlace || anyEvent) legendBody.appendChild(sym);
    }

    // ---------------------------------------------------------------- header and side panel
    var bar = document.getElementById("tm-bar");
    var side = document.getElementById("tm-side");
    var dateOut = el("output", "tm-date");
    dateOut.setAttribute("aria-live", "polite");
    var slider = null, playButton = null, marks = null, changeItems = [];
    var viewButtons = {};
    var langLink = null;   // the same page in the other language, at the same day

    function otherLangLink() {
      if (!C.links.other_lang) return null;
      var a = el("a", "tm-lang", T.other_language);
      a.href = C.links.other_lang;
      a.setAttribute("hreflang", D.other_lang);
      a.setAttribute("lang", D.other_lang);
      langLink = a;
      return a;
    }

    function button(label, title, action, className) {
      var b = el("button", "tm-btn" + (className ? " " + className : ""), label);
      b.type = "button";
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", action);
      return b;
    }

    function buildBar() {
      var top = el("div", "tm-top");
      var titles = el("div", "tm-titles");
      titles.appendChild(el("h1", null, timeline ? T.title_timeline : T.title_day.replace("{date}", dayText(current.day))));
      titles.appendChild(el("p", "tm-subtitle", T.subtitle));
      top.appendChild(titles);
      var lang = otherLangLink();
      if (lang) top.appendChild(lang);
      bar.appendChild(top);

      var controls = el("div", "tm-controls");
      if (timeline) {
        controls.appendChild(dateOut);
        var buttons = el("div", "tm-buttons");
        buttons.appendChild(button("⇤", T.first, function () { setDay(0); }));
        buttons.appendChild(button("«", T.prev_change, prevChange));
        buttons.appendChild(button("‹", T.prev_day, function () { setDay(current.day - 1); }));
        playButton = button("▶", T.play, togglePlay, "tm-play");
        buttons.appendChild(playButton);
        buttons.appendChild(button("›", T.next_day, function () { setDay(current.day + 1); }));
        buttons.appendChild(button("»", T.next_change, nextChange));
        buttons.appendChild(button("⇥", T.last, function () { setDay(lastDay); }));
        var speed = el("select", "tm-speed");
        speed.title = T.speed;
        speed.setAttribute("aria-label", T.speed);
        [["1", T.speed_day], ["7", T.speed_week], ["30", T.speed_month]].forEach(function (o) {
          var opt = el("option", null, o[1]);
          opt.value = o[0];
          speed.appendChild(opt);
        });
        speed.value = "7";
        current.speed = 7;
        speed.addEventListener("change", function () { current.speed = +speed.value || 7; });
        buttons.appendChild(speed);
        controls.appendChild(buttons);
      } else {
        dateOut.textContent = dayText(current.day);
      }
      var views = el("div", "tm-views");
      views.setAttribute("role", "group");
      views.setAttribute("aria-label", T.view);
      ["control", "sovereignty"].forEach(function (v) {
        var b = button(T["view_" + v], T["view_" + v], function () { setView(v); }, "tm-view");
        b.setAttribute("data-view", v);
        viewButtons[v] = b;
        views.appendChild(b);
      });
      controls.appendChild(views);
      bar.appendChild(controls);

      if (timeline) {
        var track = el("div", "tm-track");
        slider = el("input", "tm-slider");
        slider.type = "range";
        slider.min = "0";
        slider.max = String(lastDay);
        slider.step = "1";
        slider.value = String(current.day);
        slider.setAttribute("aria-label", T.slider);
        slider.addEventListener("input", function () { setDay(+slider.value); });
        // the slider's own keys are handled below, once, for the whole page
        slider.addEventListener("keydown", function (ev) { if (handleKey(ev)) ev.stopPropagation(); });
        track.appendChild(slider);
        marks = el("div", "tm-marks");
        marks.setAttribute("aria-hidden", "true");
        D.changes.forEach(function (c) {
          var m = el("span", "tm-mark");
          m.style.left = (100 * c[0] / lastDay).toFixed(3) + "%";
          marks.appendChild(m);
        });
        track.appendChild(marks);
        var years = el("div", "tm-years");
        years.setAttribute("aria-hidden", "true");
        for (var y = 1895; y <= 1945; y += 5) {
          var ys = el("span", y % 10 ? "tm-year-minor" : null, String(y));
          ys.style.left = (100 * dayOfIso(y + "-01-01") / lastDay).toFixed(3) + "%";
          years.appendChild(ys);
        }
        track.appendChild(years);
        bar.appendChild(track);
        bar.appendChild(el("p", "tm-keys", T.keys));
      } else {
        var today = D.changes.filter(function (c) { return c[0] === current.day; })[0];
        var line = el("p", "tm-today");
        if (today) {
          line.appendChild(el("strong", null, T.changed_today + COLON));
          line.appendChild(document.createTextNode(today[2].map(function (i) {
            return i[1] + (i[2] ? " (" + i[2] + ")" : ""); }).join("; ")));
        } else {
          var k = stepIndex(D.changes, current.day);
          line.appendChild(el("span", null, T.no_change_today + " "));
          if (k >= 0) {
            line.appendChild(dayLink(D.changes[k][0], D.changes[k][1]));
            line.appendChild(document.createTextNode(", " + D.changes[k][2].map(function (i) {
              return i[1]; }).join("; ")));
          }
        }
        bar.appendChild(line);
        if (C.links.timeline) {
          var open = el("a", "tm-open-timeline", T.open_timeline);
          open.href = C.links.timeline + "#" + isoOf(current.day);
          bar.appendChild(open);
        }
      }
    }

    function buildSide() {
      side.appendChild(el("h2", null, T.changes));
      side.appendChild(el("p", "tm-hint", T.changes_hint));
      var list = el("ol", "tm-changes");
      var rows = D.changes.map(function (c) { return { day: c[0], change: c }; });
      D.events.forEach(function (ev) { rows.push({ day: ev[0], event: ev }); });
      rows.sort(function (a, b) { return a.day - b.day || (a.event ? 1 : 0) - (b.event ? 1 : 0); });
      rows.forEach(function (r) {
        var li = el("li", r.event ? "tm-change tm-change-event" : "tm-change");
        li.appendChild(dayLink(r.day, r.event ? r.event[1] : r.change[1]));
        var what = el("span", "tm-change-what");
        if (r.event) {
          what.appendChild(el("span", "tm-event-mark tm-inline-star", "★"));
          what.appendChild(document.createTextNode(" " + r.event[4]));
        } else {
          r.change[2].forEach(function (item, k) {
            if (k) what.appendChild(document.createTextNode("; "));
            what.appendChild(el("span", "tm-change-title", item[1]));
            if (item[2]) what.appendChild(document.createTextNode(", " + item[2]));
          });
          changeItems.push({ day: r.day, li: li });
        }
        li.appendChild(what);
        list.appendChild(li);
      });
      side.appendChild(list);
    }

    var currentItem = null;
    function paintSide() {
      var k = stepIndex(changeItems.map(function (c) { return [c.day]; }), current.day);
      var item = k >= 0 ? changeItems[k] : null;
      if (item === currentItem) return;
      if (currentItem) { currentItem.li.classList.remove("tm-current"); currentItem.li.removeAttribute("aria-current"); }
      currentItem = item;
      if (!item) return;
      item.li.classList.add("tm-current");
      item.li.setAttribute("aria-current", "date");
      // keep it in view inside the list, without scrolling the page (or a parent page)
      var top = item.li.offsetTop - side.offsetTop, h = item.li.offsetHeight;
      if (side.scrollHeight > side.clientHeight + 4 &&
          (top < side.scrollTop || top + h > side.scrollTop + side.clientHeight)) {
        side.scrollTop = Math.max(0, top - side.clientHeight / 3);
      }
    }

    // ---------------------------------------------------------------- navigation
    function changeDays() { return D.changes.map(function (c) { return c[0]; }); }
    var changeList = changeDays();
    function prevChange() {
      for (var i = changeList.length - 1; i >= 0; i--) {
        if (changeList[i] < current.day) { setDay(changeList[i]); return; }
      }
      setDay(0);
    }
    function nextChange() {
      for (var i = 0; i < changeList.length; i++) {
        if (changeList[i] > current.day) { setDay(changeList[i]); return; }
      }
      setDay(lastDay);
    }
    function togglePlay() {
      if (playing) { stopPlay(); return; }
      if (current.day >= lastDay) setDay(0);
      playing = window.setInterval(function () {
        if (current.day >= lastDay) { stopPlay(); return; }
        setDay(current.day + (current.speed || 7));
      }, PLAY_INTERVAL);
      playButton.textContent = "❚❚";
      playButton.title = T.pause;
      playButton.setAttribute("aria-label", T.pause);
      playButton.setAttribute("aria-pressed", "true");
    }
    function stopPlay() {
      if (playing) window.clearInterval(playing);
      playing = null;
      if (playButton) {
        playButton.textContent = "▶";
        playButton.title = T.play;
        playButton.setAttribute("aria-label", T.play);
        playButton.setAttribute("aria-pressed", "false");
      }
    }
    function handleKey(ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return false;
      var t = ev.target;
      if (t && (t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
                (t.tagName === "INPUT" && t.type !== "range"))) return false;
      switch (ev.key) {
        case "ArrowLeft": if (ev.shiftKey) prevChange(); else setDay(current.day - 1); break;
        case "ArrowRight": if (ev.shiftKey) nextChange(); else setDay(current.day + 1); break;
        case "PageUp": prevChange(); break;
        case "PageDown": nextChange(); break;
        case "Home": setDay(0); break;
        case "End": setDay(lastDay); break;
        case " ": case "Spacebar": togglePlay(); break;
        default: return false;
      }
      ev.preventDefault();
      return true;
    }

    // ---------------------------------------------------------------- address (deep links)
    function hashText() {
      return isoOf(current.day) + (current.view === "sovereignty" ? "/sovereignty" : "");
    }
    function readHash() {
      var h = (window.location.hash || "").replace(/^#/, "");
      try { h = decodeURIComponent(h); } catch (err) { return null; }
      var parts = h.split("/");
      var day = dayOfIso(parts[0]);
      if (day === null) return null;
      return { day: day, view: parts[1] === "sovereignty" ? "sovereignty" : "control" };
    }
    var hashTimer = null, hashWritten = "";
    function writeHash() {
      hashTimer = null;
      var wanted = "#" + hashText();
      if (wanted === hashWritten || window.location.hash === wanted) { hashWritten = wanted; return; }
      hashWritten = wanted;
      try {
        window.history.replaceState(window.history.state, "", wanted);
      } catch (err) {
        // a sandboxed frame may refuse replaceState; the location itself still takes a hash
        try { window.location.replace(wanted); } catch (err2) { /* the day still shows */ }
      }
    }
    function scheduleHash() {
      if (!timeline || hashTimer) return;
      hashTimer = window.setTimeout(writeHash, hashWritten ? HASH_INTERVAL : 0);
    }

    // ---------------------------------------------------------------- painting
    function paint() {
      units.forEach(paintUnit);
      paintPlaces();
      paintRailways();
      paintEvents();
      paintLegend();
      paintSide();
      placeLabels();
      if (timeline && langLink) langLink.href = C.links.other_lang + "#" + hashText();
      if (timeline) {
        dateOut.textContent = dayText(current.day);
        if (+slider.value !== current.day) slider.value = String(current.day);
      }
      Object.keys(viewButtons).forEach(function (v) {
        viewButtons[v].setAttribute("aria-pressed", String(v === current.view));
      });
      document.documentElement.setAttribute("data-day", isoOf(current.day));
      document.documentElement.setAttribute("data-view", current.view);
      refreshPopup();
    }
    function setDay(day) {
      day = clampDay(Math.round(day));
      if (!timeline || day === current.day) return;
      current.day = day;
      paint();
      scheduleHash();
    }
    function setView(view) {
      if (view !== "control" && view !== "sovereignty") return;
      if (view === current.view) return;
      current.view = view;
      paint();
      scheduleHash();
    }

    // ---------------------------------------------------------------- start
    if (timeline) {
      var fromHash = readHash();
      if (fromHash) { current.day = fromHash.day; current.view = fromHash.view; }
      hashWritten = fromHash ? "#" + hashText() : "";
      window.addEventListener("hashchange", function () {
        var h = readHash();
        if (!h) return;
        hashWritten = "#" + isoOf(h.day) + (h.view === "sovereignty" ? "/sovereignty" : "");
        current.view = h.view;
        current.day = h.day;
        paint();
      });
      document.addEventListener("keydown", handleKey);
    }
    buildBar();
    buildSide();
    // the header is only now as tall as it will be: size the map, then frame the territories
    map.invalidateSize();
    if (C.frame) map.fitBounds(C.frame, { padding: [8, 8], animate: false });
    markZoom();
    createUnits();
    createLabels();
    map.on("zoomend", function () { markZoom(); placeLabels(); });
    paint();
    window.addEventListener("resize", function () { map.invalidateSize(); placeLabels(); });

    window.treatymaps = {
      day: function () { return isoOf(current.day); },
      view: function () { return current.view; },
      setDay: function (iso) { var d = dayOfIso(iso); if (d !== null) setDay(d); return isoOf(current.day); },
      setView: setView,
      state: function () {
        var out = { day: isoOf(current.day), view: current.view, units: {} };
        units.forEach(function (u) {
          var step = stateOf(u, current.day).step;
          out.units[u.data.id] = { sovereign: step ? step[2] : null, control: step ? step[3] : null,
                                   status: step ? step[4] : null, name: unitName(u, step),
                                   fill: u.fill, group: u.data.group || null };
        });
        return out;
      },
      map: map,
      readyAt: 0
    };
    window.treatymaps.readyAt = window.performance ? window.performance.now() : 0;
    document.documentElement.setAttribute("data-ready", "true");
  }

  window.treatymapsStart = start;
})();
