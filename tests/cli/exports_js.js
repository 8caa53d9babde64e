// exports_js.js GRAPH.json - D3 (d3-force) and Cytoscape.js read kgraph's
// node-link JSON as it stands: d3.forceLink(json.edges).id(d => d.id) and
// cytoscape({elements: json}). Modules are looked up on NODE_PATH (Debian's
// node-d3-force in /usr/share/nodejs; cytoscape from npm, see
// scripts/install-deps.sh). Exit 77 (skip) when neither is installed.
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

const cytoscape = optional('cytoscape');
if (cytoscape) {
  const data = load();
  const cy = cytoscape({headless: true, elements: data});
  assert.strictEqual(cy.nodes().length, data.nodes.length);
  assert.strictEqual(cy.edges().length, data.edges.length);
  const taliban = cy.nodes().filter((n) => n.data('label') === 'Taliban');
  assert.strictEqual(taliban.length, 1);
  assert(taliban.degree() > 5, 'Taliban degree ' + taliban.degree());
  const src = data.nodes.find((n) => n.data.label === 'Taliban');
  assert.strictEqual(taliban.position('x'), src.position.x);
  assert.strictEqual(taliban.position('y'), src.position.y);
  const edge = taliban.connectedEdges()[0];
  assert(/^\[[^\]]*\.txt#\d+\] /.test(edge.data('evidence')), 'edge evidence: ' + edge.data('evidence'));
  assert(cy.edges().every((e) => e.source().id() === e.data('source')));
  console.log('ok   cytoscape ' + cytoscape.version + ': ' + cy.nodes().length + ' nodes, ' +
              cy.edges().length + ' edges; Taliban degree ' + taliban.degree());
  passed++;
} else {
  console.log('skip cytoscape');
}

if (!passed) {
  console.log('neither d3-force nor cytoscape is installed; skipped');
  process.exit(77);
}
console.log(passed + ' passed, 0 failed');
