/* html.c - a self-contained interactive page: the SVG drawing inline, the
 * graph as JSON (json.c) in a <script type="application/json"> block, and a
 * small script for pan (drag), zoom (wheel, +/- buttons), search by entity
 * (name or alias; Enter centres the first match) and a side panel that shows
 * the evidence sentences and documents of a clicked edge or node. Nothing is
 * fetched: a Content-Security-Policy of default-src 'none' forbids it, so the
 * page works from a file with no network. "#select=ID" in the address (ID
 * a node "n3" or a drawn edge "d_n3_n5") selects on load, for links.
 * Escaping: text in markup goes through kg_esc_xml; the JSON escaper writes
 * '<', '>', '&' and '\'' as \u escapes, so no data can close the script
 * element; the script only ever puts data into the page as textContent. */
#define _POSIX_C_SOURCE 200809L
#include "export_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const page_style[] = {
    "*{box-sizing:border-box}\n",
    "html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,'Segoe ",
    "UI',Helvetica,Arial,sans-serif;color:#1c2833}\n",
    "body{display:flex;flex-direction:column}\n",
    "header{display:flex;gap:.6em;align-items:center;padding:.4em .8em;border-bottom:1px solid ",
    "#d5d8dc;background:#f8f9f9;flex-wrap:wrap}\n",
    "header h1{font-size:1.05em;margin:0 1em 0 0;font-weight:600;overflow:hidden;",
    "text-overflow:ellipsis;white-space:nowrap;max-width:50vw}\n",
    "header input{font:inherit;padding:.25em .5em;width:16em;border:1px solid #aab7b8;",
    "border-radius:4px}\n",
    "header button{font:inherit;padding:.2em .6em;border:1px solid #aab7b8;border-radius:4px;",
    "background:#fff;cursor:pointer}\n",
    "#count{color:#566573;font-size:.9em;min-width:6em}\n",
    "main{flex:1;display:flex;min-height:0}\n",
    "#view{flex:1;min-width:0;overflow:hidden;cursor:grab;background:#fff;touch-action:none}\n",
    "#view.dragging{cursor:grabbing}\n",
    "#view svg{width:100%;height:100%;display:block;user-select:none}\n",
    "#panel{width:30em;max-width:45vw;overflow:auto;border-left:1px solid ",
    "#d5d8dc;padding:.8em 1em;background:#fdfefe}\n",
    "#panel h2{font-size:1.1em;margin:.2em 0 .4em}\n",
    "#panel h3{font-size:1em;margin:1em 0 .3em}\n",
    "#panel dl{display:grid;grid-template-columns:auto 1fr;gap:.15em .8em;margin:.4em 0}\n",
    "#panel dt{color:#566573}#panel dd{margin:0}\n",
    "#panel ul{padding-left:1.1em;margin:.3em 0}\n",
    "#panel li{margin:.35em 0}\n",
    "#panel cite{display:block;font-style:normal;font-size:.85em;color:#566573}\n",
    ".hint{color:#566573}\n",
    "g.node,g.edge{cursor:pointer}\n",
    "g.edge .hit{stroke:transparent;stroke-width:12px;fill:none}\n",
    "g.dim{opacity:.18}\n",
    "g.match polygon,g.match ellipse,g.match path{stroke:#e74c3c;stroke-width:3px}\n",
    "g.selected polygon,g.selected ellipse{stroke:#e74c3c;stroke-width:4px}\n",
    "g.edge.selected path:not(.hit){stroke:#e74c3c}\n",
    "g.relation.selected polygon{stroke:#e74c3c;stroke-width:2px}\n",
    "g.edge.selected polygon{stroke:#e74c3c;fill:#e74c3c}\n",
    NULL,
};

static const char *const page_script[] = {
    "(function () {\n",
    "'use strict';\n",
    "var data = JSON.parse(document.getElementById('kg-data').textContent);\n",
    "var view = document.getElementById('view');\n",
    "var svg = view.querySelector('svg');\n",
    "var panel = document.getElementById('panel');\n",
    "var search = document.getElementById('search');\n",
    "var count = document.getElementById('count');\n",
    "var nodes = {};\n",
    "data.nodes.forEach(function (n) { nodes[n.id] = n.data; });\n",
    "function el(tag, text, cls) {\n",
    "  var e = document.createElement(tag);\n",
    "  if (text !== undefined) e.textContent = String(text);\n",
    "  if (cls) e.className = cls;\n",
    "  return e;\n",
    "}\n",
    "function list(s) { return s ? s.split('|').join(', ') : ''; }\n",
    "/* ---- pan and zoom: the viewBox is the camera */\n",
    "var vb = svg.viewBox.baseVal;\n",
    "var home = [vb.x, vb.y, vb.width, vb.height];\n",
    "var cam = home.slice();\n",
    "svg.removeAttribute('width');\n",
    "svg.removeAttribute('height');\n",
    "svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');\n",
    "function apply() { svg.setAttribute('viewBox', cam.join(' ')); }\n",
    "function toSvg(cx, cy) {\n",
    "  var p = svg.createSVGPoint(); p.x = cx; p.y = cy;\n",
    "  return p.matrixTransform(svg.getScreenCTM().inverse());\n",
    "}\n",
    "function zoom(f, cx, cy) {\n",
    "  var p = toSvg(cx, cy);\n",
    "  var w = Math.min(Math.max(cam[2] * f, home[2] / 50), home[2] * 4);\n",
    "  f = w / cam[2];\n",
    "  cam = [p.x - (p.x - cam[0]) * f, p.y - (p.y - cam[1]) * f, cam[2] * f, cam[3] * f];\n",
    "  apply();\n",
    "}\n",
    "function centre(cx, cy, w) {\n",
    "  var h = w * home[3] / home[2];\n",
    "  cam = [cx - w / 2, cy - h / 2, w, h]; apply();\n",
    "}\n",
    "view.addEventListener('wheel', function (ev) {\n",
    "  ev.preventDefault();\n",
    "  zoom(Math.pow(1.0015, ev.deltaY), ev.clientX, ev.clientY);\n",
    "}, {passive: false});\n",
    "var drag = null, moved = false;\n",
    "view.addEventListener('pointerdown', function (ev) {\n",
    "  drag = {x: ev.clientX, y: ev.clientY, cam: cam.slice()}; moved = false;\n",
    "});\n",
    "window.addEventListener('pointermove', function (ev) {\n",
    "  if (!drag) return;\n",
    "  var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;\n",
    "  if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;\n",
    "  moved = true; view.classList.add('dragging');\n",
    "  var s = 1 / svg.getScreenCTM().a;\n",
    "  cam = [drag.cam[0] - dx * s, drag.cam[1] - dy * s, cam[2], cam[3]]; apply();\n",
    "});\n",
    "window.addEventListener('pointerup', function () { drag = null; ",
    "view.classList.remove('dragging'); });\n",
    "function zoomCentre(f) {\n",
    "  var r = view.getBoundingClientRect();\n",
    "  zoom(f, r.left + r.width / 2, r.top + r.height / 2);\n",
    "}\n",
    "document.getElementById('zoomin').onclick = function () { zoomCentre(1 / 1.4); };\n",
    "document.getElementById('zoomout').onclick = function () { zoomCentre(1.4); };\n",
    "document.getElementById('reset').onclick = function () { cam = home.slice(); apply(); };\n",
    "/* ---- edges get a wide invisible stroke, easier to hit */\n",
    "svg.querySelectorAll('g.edge').forEach(function (g) {\n",
    "  var path = g.querySelector('path');\n",
    "  if (!path) return;\n",
    "  var hit = path.cloneNode(false);\n",
    "  hit.setAttribute('class', 'hit');\n",
    "  path.parentNode.insertBefore(hit, path);\n",
    "});\n",
    "/* ---- the panel */\n",
    "function evidence(ul, text) {\n",
    "  (text || '').split('\\n').forEach(function (line) {\n",
    "    if (!line) return;\n",
    "    var li = el('li');\n",
    "    var m = /^\\[([^\\]]*)\\] ?([\\s\\S]*)$/.exec(line);\n",
    "    li.appendChild(el('span', m ? m[2] : line));\n",
    "    if (m) li.appendChild(el('cite', m[1]));\n",
    "    ul.appendChild(li);\n",
    "  });\n",
    "}\n",
    "function relation(box, e, showEnds) {\n",
    "  var d = e.data;\n",
    "  var head = (showEnds ? nodes[d.source].label + ' \\u2014 ' : '') + d.relation +\n",
    "      (showEnds ? ' \\u2192 ' + nodes[d.target].label : '');\n",
    "  box.appendChild(el('h3', head));\n",
    "  var meta = 'extracted ' + d.weight + (d.weight === 1 ? ' time' : ' times');\n",
    "  if (d.documents) meta += ' \\u00b7 ' + list(d.documents);\n",
    "  box.appendChild(el('div', meta, 'hint'));\n",
    "  var ul = el('ul', undefined, 'evidence');\n",
    "  evidence(ul, d.evidence);\n",
    "  box.appendChild(ul);\n",
    "}\n",
    "function clear() {\n",
    "  svg.querySelectorAll('g.selected').forEach(function (g) { g.classList.remove('selected'); ",
    "});\n",
    "  while (panel.firstChild) panel.removeChild(panel.firstChild);\n",
    "}\n",
    "function showNode(id) {\n",
    "  var d = nodes[id];\n",
    "  if (!d) return false;\n",
    "  clear();\n",
    "  var g = document.getElementById(id);\n",
    "  if (g) g.classList.add('selected');\n",
    "  panel.appendChild(el('h2', d.label));\n",
    "  var dl = el('dl');\n",
    "  [['type', d.type || 'unknown'], ['named', list(d.aliases)], ['roles', list(d.roles)],\n",
    "   ['mentions', d.mentions], ['documents', list(d.documents)]].forEach(function (kv) {\n",
    "    if (kv[1] === '' || kv[1] === undefined) return;\n",
    "    dl.appendChild(el('dt', kv[0])); dl.appendChild(el('dd', kv[1]));\n",
    "  });\n",
    "  panel.appendChild(dl);\n",
    "  var rel = data.edges.filter(function (e) { return e.source === id || e.target === id; });\n",
    "  rel.sort(function (a, b) { return b.data.weight - a.data.weight; });\n",
    "  panel.appendChild(el('div', rel.length + (rel.length === 1 ? ' relation' : ' relations'),",
    " 'hint'));\n",
    "  rel.forEach(function (e) { relation(panel, e, true); });\n",
    "  return true;\n",
    "}\n",
    "function showEdge(id) {\n",
    "  var m = /^d_(n\\d+)_(n\\d+)$/.exec(id);\n",
    "  if (!m || !nodes[m[1]] || !nodes[m[2]]) return false;\n",
    "  var rel = data.edges.filter(function (e) { return e.source === m[1] && e.target === m[2]; ",
    "});\n",
    "  rel.sort(function (a, b) { return b.data.weight - a.data.weight; });\n",
    "  clear();\n",
    "  ['', '_a', '_b'].forEach(function (part) {\n",
    "    var g = document.getElementById(id + part);\n",
    "    if (g) g.classList.add('selected');\n",
    "  });\n",
    "  panel.appendChild(el('h2', nodes[m[1]].label + ' \\u2192 ' + nodes[m[2]].label));\n",
    "  rel.forEach(function (e) { relation(panel, e, false); });\n",
    "  return true;\n",
    "}\n",
    "function select(id) { return showNode(id) || showEdge(id); }\n",
    "svg.addEventListener('click', function (ev) {\n",
    "  if (moved) return;\n",
    "  var g = ev.target.closest('g.node, g.edge');\n",
    "  if (g) select(g.id);\n",
    "});\n",
    "/* ---- search by name or alias */\n",
    "function matches(q) {\n",
    "  return data.nodes.filter(function (n) {\n",
    "    return (n.data.label + '|' + (n.data.aliases || '')).toLowerCase().indexOf(q) >= 0;\n",
    "  }).map(function (n) { return n.id; });\n",
    "}\n",
    "search.addEventListener('input', function () {\n",
    "  var q = search.value.trim().toLowerCase();\n",
    "  var hit = {};\n",
    "  var ids = q ? matches(q) : [];\n",
    "  ids.forEach(function (id) { hit[id] = true; });\n",
    "  svg.querySelectorAll('g.node, g.edge').forEach(function (g) {\n",
    "    var m = /^d_(n\\d+)_(n\\d+)(_[ab])?$/.exec(g.id);\n",
    "    var on = m ? hit[m[1]] || hit[m[2]] : hit[g.id];\n",
    "    g.classList.toggle('match', !m && !!on);\n",
    "    g.classList.toggle('dim', !!q && !on);\n",
    "  });\n",
    "  count.textContent = q ? ids.length + (ids.length === 1 ? ' match' : ' matches') : '';\n",
    "});\n",
    "search.addEventListener('keydown', function (ev) {\n",
    "  if (ev.key !== 'Enter') return;\n",
    "  var ids = matches(search.value.trim().toLowerCase());\n",
    "  if (!ids.length) return;\n",
    "  var g = document.getElementById(ids[0]);\n",
    "  if (g) {\n",
    "    var b = g.getBBox(), t = g.getCTM(), r = svg.getCTM().inverse().multiply(t);\n",
    "    var p = svg.createSVGPoint(); p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;\n",
    "    p = p.matrixTransform(r);\n",
    "    centre(p.x, p.y, Math.min(home[2], Math.max(b.width * 8, home[2] / 4)));\n",
    "  }\n",
    "  select(ids[0]);\n",
    "});\n",
    "/* ---- #select=ID selects on load */\n",
    "var want = /^#select=([A-Za-z0-9_]+)$/.exec(location.hash);\n",
    "if (want) select(want[1]);\n",
    "document.body.setAttribute('data-ready', '1');\n",
    "})();\n",
    NULL,
};

static int put(FILE *f, const char *s)
{
    return kg_export_write(f, s, strlen(s));
}

static int put_all(FILE *f, const char *const *pieces)
{
    for (; *pieces; pieces++) {
        int rc = put(f, *pieces);
        if (rc) {
            return rc;
        }
    }
    return KG_OK;
}

int kg_export_html(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    int rc = KG_OK;
    const kg_export_drawing *d = NULL;
    kg_export_drawing *own = NULL;
    char *svg = NULL, *json = NULL;
    size_t svg_len = 0, json_len = 0;
    kg_strbuf title = KG_STRBUF_INIT;
    FILE *mem = NULL;
    if ((rc = kg_export_get_drawing(&d, &own, g, o, 1))) {
        return rc;
    }
    kg_export_options jo = *o;
    jo.drawing = d;
    jo.positions = 0;
    if ((rc = kg_export_svg_text(&svg, &svg_len, d, 1, o->title))) {
        goto done;
    }
    if (!(mem = open_memstream(&json, &json_len))) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = kg_export_json(g, mem, &jo))) {
        goto done;
    }
    if (fclose(mem) != 0) {
        mem = NULL;
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    mem = NULL;
    if (kg_esc_xml(&title, o->title ? o->title : "kgraph", 0, 300)) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = put(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"kgraph " KG_VERSION "\">\n<title>")) ||
        (rc = put(f, kg_strbuf_cstr(&title))) || (rc = put(f, "</title>\n<style>\n")) ||
        (rc = put_all(f, page_style)) ||
        (rc = put(f, "</style>\n</head>\n<body>\n<header>\n<h1>")) ||
        (rc = put(f, kg_strbuf_cstr(&title))) ||
        (rc =
             put(f, "</h1>\n<input id=\"search\" type=\"search\" placeholder=\"Find an "
                    "entity\xe2\x80\xa6\" aria-label=\"Find an entity\" autocomplete=\"off\">\n"
                    "<span id=\"count\"></span>\n<button id=\"zoomin\" title=\"Zoom in\">+</button>"
                    "<button id=\"zoomout\" title=\"Zoom out\">\xe2\x88\x92</button>"
                    "<button id=\"reset\">Fit</button>\n</header>\n<main>\n<div id=\"view\">\n")) ||
        (rc = kg_export_write(f, svg, svg_len)) ||
        (rc = put(f, "\n</div>\n<aside id=\"panel\" aria-live=\"polite\"><p class=\"hint\">Click "
                     "an entity or a relation to see the sentences it comes from. Drag to move, "
                     "scroll to zoom.</p></aside>\n</main>\n"
                     "<script type=\"application/json\" id=\"kg-data\">\n")) ||
        (rc = kg_export_write(f, json, json_len)) || (rc = put(f, "</script>\n<script>\n")) ||
        (rc = put_all(f, page_script)) || (rc = put(f, "</script>\n</body>\n</html>\n"))) {
        goto done;
    }
done:
    if (mem) {
        fclose(mem);
    }
    free(json); /* open_memstream's buffer comes from malloc */
    kg_free(svg);
    kg_strbuf_free(&title);
    kg_export_drawing_free(own);
    return rc;
}
