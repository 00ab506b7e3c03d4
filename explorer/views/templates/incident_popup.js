// The incident map's markers, popups and tooltips (explorer/views/incidents_map.py).
//
// The page stores each text once (explorerTexts) and each incident as a list of indices into
// it (explorerData.incidents[k], -1: nothing): label, status, category, place, precision, date,
// counts, summary, "N reports", how many reports are not listed; then six per listed report:
// source, URL, date, headline, evidence, article id. A popup is built when it opens, with the
// structure and classes of templates/incident_popup.html (the panel's popups, made in Python);
// every text goes in as textContent, never as HTML, and a link only to an http(s) URL.
var EXPLORER_INCIDENT_HEAD = 10, EXPLORER_INCIDENT_REPORT = 6;

function explorerIncidentText(i) { return i >= 0 ? explorerTexts[i] : ""; }

function explorerIncidentAdd(parent, tag, text, style, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (style) { node.setAttribute("style", style); }
    if (cls) { node.className = cls; }
    parent.appendChild(node);
    return node;
}

function explorerIncidentPopup(d) {
    var t = explorerIncidentText, add = explorerIncidentAdd, grey = "color:#666";
    var box = document.createElement("div");
    box.className = "explorer-popup explorer-incident";
    box.setAttribute("style", "max-width:360px");
    function words(parent, text) { parent.appendChild(document.createTextNode(text)); }
    function line(name, value, note, cls) {
        var span = add(box, "span", "", "", cls);
        add(span, "small", name, grey);
        words(span, " " + value);
        if (note) { words(span, " "); add(span, "small", "(" + note + ")"); }
        return span;
    }
    add(box, "b", t(d[0]));
    if (d[1] >= 0) { words(box, " "); add(box, "small", "(" + t(d[1]) + ")"); }
    if (d[2] >= 0) { add(box, "small", " · " + t(d[2]), grey); }
    add(box, "br");
    line("Where", t(d[3]), t(d[4]));
    add(box, "br");
    line("When", t(d[5]));
    add(box, "br");
    if (d[6] >= 0) { line("Counts", t(d[6])); add(box, "br"); }
    line("Reports", t(d[7]), "", "explorer-reports-count");
    var list = add(box, "ol", "", "margin:4px 0;padding-left:18px", "explorer-reports");
    var R = EXPLORER_INCIDENT_REPORT;
    for (var k = EXPLORER_INCIDENT_HEAD; k + R <= d.length; k += R) {
        var li = add(list, "li", "", "margin:3px 0", "explorer-report");
        var head = add(li, "small"), source = t(d[k]), url = t(d[k + 1]);
        if (/^https?:\/\//i.test(url)) {
            var a = add(head, "a", source || "source");
            a.setAttribute("href", url);
            a.setAttribute("target", "_blank");
            a.setAttribute("rel", "noopener noreferrer");
        } else {
            words(head, source || "unnamed source");
        }
        if (d[k + 2] >= 0) { words(head, " · " + t(d[k + 2])); }
        if (d[k + 3] >= 0) { add(li, "br"); add(li, "b", t(d[k + 3])); }
        if (d[k + 4] >= 0) { add(li, "br"); add(li, "span", t(d[k + 4])); }
        if (d[k + 3] < 0 && d[k + 4] < 0) {
            add(li, "br");
            add(li, "small", "article " + t(d[k + 5]), grey);
        }
    }
    if (d[9] > 0) { add(box, "small", "… and " + d[9].toLocaleString("en") + " more reports"); }
    return box;
}

function explorerIncidentTooltip(d) {
    var t = explorerIncidentText, span = document.createElement("span");
    span.textContent = [t(d[0]), t(d[3]), t(d[5]), t(d[8])].join(" · ");
    return span;
}

// A marker from a row [lat, lon, k, colour, 1, -1, radius]: k is the incident's entry in
// explorerData.incidents; ``events: 1`` so that clusters count incidents.
function explorerIncidentMarker(row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]),
        {radius: row[6], color: row[3], weight: row[6] > 6 ? 2 : 1, fillColor: row[3],
         fillOpacity: 0.7, events: row[4], className: "explorer-incident-marker"});
    if (row[2] >= 0) {
        var d = explorerData.incidents[row[2]];
        marker.bindPopup(function () { return explorerIncidentPopup(d); },
                         {maxWidth: 400, maxHeight: 360});
        marker.bindTooltip(function () { return explorerIncidentTooltip(d); });
    }
    return marker;
}
