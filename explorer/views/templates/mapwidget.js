// The Explorer panel's live map (explorer/views/mapwidget.py), an anywidget ES module.
// Leaflet and Leaflet.markercluster are the string LIBRARY (prepended by Python), evaluated once
// per page. The country outlines come once (trait "outlines"); each filter change sends only
// the trait "data": rows [lat, lon, popup, colour, events, tooltip, radius?], where popup and tooltip
// index data.texts (-1: none; popup -2: ask the kernel for marker i's popup). Every text is
// HTML made by Python's escaping templates (explorer/views/popup.py): no HTML is built here
// from text.

function leaflet() {
  if (!globalThis.__explorerLeaflet) {
    // UMD wrappers see no AMD/CommonJS loader, so they define the global L
    new Function("define", "module", "exports", LIBRARY).call(globalThis);
    globalThis.__explorerLeaflet = globalThis.L;
  }
  return globalThis.__explorerLeaflet;
}

// clusters count events, not points
function countEvents(L) {
  return function (cluster) {
    let n = 0;
    for (const m of cluster.getAllChildMarkers()) n += m.options.events || 1;
    const size = n < 10 ? "small" : n < 100 ? "medium" : "large";
    const px = size === "small" ? 30 : size === "medium" ? 36 : 42;
    const div = document.createElement("div");
    const span = document.createElement("span");
    span.textContent = n.toLocaleString("en");
    div.appendChild(span);
    return new L.DivIcon({
      html: div,
      className: "explorer-cluster explorer-cluster-" + size,
      iconSize: new L.Point(px, px),
    });
  };
}

const RAMP = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"];
const POPUP = { maxWidth: 380, maxHeight: 340 };

function render({ model, el }) {
  const L = leaflet();
  el.classList.add("explorer-leaflet");
  const box = document.createElement("div");
  box.className = "explorer-leaflet-map";
  el.appendChild(box);
  const map = L.map(box, { center: [30, 20], zoom: 2, minZoom: 1, maxZoom: 18 });
  const tiles = model.get("tiles") || {};
  if (tiles.url) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution || "", maxZoom: 18 }).addTo(map);
  } else {
    box.classList.add("explorer-sea");
    const pane = map.createPane("explorerLand");
    pane.style.zIndex = 250;
    L.geoJSON(model.get("outlines"), {
      renderer: L.canvas({ pane: "explorerLand", padding: 0.5 }),
      interactive: false,
      style: { fillColor: "#f2efe9", color: "#9a9a9a", weight: 0.6, fillOpacity: 1 },
    }).addTo(map);
  }
  const control = L.control.layers(null, null, { collapsed: true }).addTo(map);
  const legend = document.createElement("div");
  const note = document.createElement("div");
  box.appendChild(legend);
  box.appendChild(note);
  let layers = [];
  let markers = [];
  let current = null;

  function popupOf(row, i, d) {
    if (row[2] >= 0) return () => d.texts[row[2]];
    if (row[2] !== -2) return null;
    return () => {
      model.send({ kind: "popup", version: d.version, marker: i });
      return "<i>loading…</i>";
    };
  }

  function marker(row, i, d) {
    const many = row[4] > 1;
    const m = L.circleMarker([row[0], row[1]], {
      radius: row.length > 6 && row[6] > 0 ? row[6] : many ? 8 : 6, // row[6]: an incident's
      color: row[3], weight: many ? 2 : 1, fillColor: row[3],
      fillOpacity: 0.8, events: row[4],
    });
    const popup = popupOf(row, i, d);
    if (popup) m.bindPopup(popup, POPUP);
    if (row.length > 5 && row[5] >= 0) m.bindTooltip(d.texts[row[5]]);
    return m;
  }

  function add(layer, name) {
    layer.addTo(map);
    control.addOverlay(layer, name);
    layers.push(layer);
  }

  function draw() {
    const d = model.get("data") || {};
    for (const layer of layers) {
      control.removeLayer(layer);
      map.removeLayer(layer);
    }
    layers = [];
    current = d;
    const rows = d.rows || [];
    if (d.grid && d.grid.cells.length) {
      const renderer = L.canvas({ padding: 0.5 });
      const group = L.featureGroup();
      const size = d.grid.size;
      const top = Math.log(1 + Math.max(...d.grid.cells.map((c) => c[2])));
      for (const c of d.grid.cells) {
        const t = Math.log(1 + c[2]) / top;
        const colour = RAMP[Math.min(RAMP.length - 1, Math.floor(t * RAMP.length))];
        L.rectangle([[c[0], c[1]], [c[0] + size, c[1] + size]], {
          renderer, stroke: false, fillColor: colour, fillOpacity: 0.25 + 0.5 * t,
        }).bindTooltip(c[2].toLocaleString("en") + " events").addTo(group);
      }
      add(group, "Grid counts (" + d.grid.cells.length.toLocaleString("en") + " cells)");
    }
    if (d.moves && d.moves.length) {
      const group = L.featureGroup();
      for (const p of d.moves) {
        L.polyline([[p[0], p[1]], [p[2], p[3]]], {
          color: "#333333", opacity: 0.8, dashArray: "6 4",
          weight: Math.min(8, 1.5 + Math.log(p[4]) * 1.5),
        }).bindTooltip(d.texts[p[5]]).addTo(group);
      }
      add(group, d.moves_name || "Movements");
    }
    markers = rows.map((row, i) => marker(row, i, d));
    if (markers.length) {
      const cluster = L.markerClusterGroup({
        iconCreateFunction: countEvents(L), chunkedLoading: true, showCoverageOnHover: false,
      });
      cluster.addLayers(markers);
      add(cluster, d.name || "Events");
    }
    legend.innerHTML = d.legend || ""; // from Python's escaping template
    note.innerHTML = d.note || "";
    if (d.bounds) map.fitBounds(d.bounds, { maxZoom: 9, animate: false });
    else map.setView([30, 20], 2, { animate: false });
    el.dataset.version = String(d.version || 0);
    el.dataset.markers = String(markers.length);
    el.dataset.events = String(rows.reduce((n, r) => n + r[4], 0));
  }

  function onMessage(msg) {
    if (!msg || msg.kind !== "popup" || !current || msg.version !== current.version) return;
    const m = markers[msg.marker];
    if (!m) return;
    m.getPopup().setContent(msg.html); // made by Python's escaping template; kept
  }

  model.on("change:data", draw);
  model.on("msg:custom", onMessage);
  draw();
  const resize = new ResizeObserver(() => map.invalidateSize());
  resize.observe(box);
  return () => {
    resize.disconnect();
    model.off("change:data", draw);
    model.off("msg:custom", onMessage);
    map.remove();
  };
}

export default { render };
