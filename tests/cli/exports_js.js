// exports_js.js GRAPH.json - D3 (d3-force) reads kgraph's node-link JSON as it
// stands: d3.forceLink(json.edges).id(d => d.id). The module is looked up on
// NODE_PATH (Debian's node-d3-force in /usr/share/nodejs). The Cytoscape.js
// shape of the same file (elements with data and position) is checked by
// exports_readers.py, since Debian does not package Cytoscape.js.
// Exit 77 (skip) when d3-force is not installed.
'use strict';
const fs = require('fs');
const assert = require('assert');

const file = process.argv[2];
const load = () => JSON.parse(fs.readFileSync(file, 'utf8'));
function optional(name) {
  try {
    return require(name);
  } catch (e) {
    return null;
  }
}
let passed = 0;

const d3 = optional('d3-force');
if (d3) {
  const data = load();
  const start = data.nodes.map((n) => [n.x, n.y]);
  const sim = d3.forceSimulation(data.nodes)
    .force('link', d3.forceLink(data.edges).id((d) => d.id))
    .force('charge', d3.forceManyBody())
    .stop();
  sim.tick(30);
  // every link resolved to its node objects by id
  for (const e of data.edges) {
    assert.strictEqual(typeof e.source, 'object');
    assert.strictEqual(e.source.id, e.data.source);
    assert.strictEqual(e.target.id, e.data.target);
  }
  for (const n of data.nodes) {
    assert(Number.isFinite(n.x) && Number.isFinite(n.y), 'node without a position');
  }
  // the simulation started from the Graphviz layout, not from nothing
  assert(start.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const degree = {};
  for (const e of data.edges) {
    degree[e.source.data.label] = (degree[e.source.data.label] || 0) + 1;
    degree[e.target.data.label] = (degree[e.target.data.label] || 0) + 1;
  }
  const hub = Object.keys(degree).sort((a, b) => degree[b] - degree[a])[0];
  assert.strictEqual(hub, 'Taliban');
  console.log('ok   d3-force: ' + data.nodes.length + ' nodes, ' + data.edges.length +
              ' links resolved; hub ' + hub);
  passed++;
} else {
  console.log('skip d3-force');
}

if (!passed) {
  console.log('d3-force is not installed; skipped');
  process.exit(77);
}
console.log(passed + ' passed, 0 failed');
