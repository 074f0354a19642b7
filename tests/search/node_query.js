// Run the browser client's search engine (assets/search.js) under Node on a
// built index directory. Usage: node node_query.js <search.js> <index dir>
// with a JSON list of [query, filters] on stdin; prints JSON results.
"use strict";
const fs = require("fs");
const path = require("path");
const api = require(path.resolve(process.argv[2]));
const dir = process.argv[3];

function load(name) {
  const file = path.join(dir, name + ".js");
  if (!fs.existsSync(file)) return Promise.resolve(null);
  const text = fs.readFileSync(file, "utf8");
  const prefix = 'gxqSearchData("' + name + '",';
  if (!text.startsWith(prefix)) throw new Error("bad data file " + name);
  return Promise.resolve(JSON.parse(text.slice(prefix.length, text.lastIndexOf(");"))));
}

let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const queries = JSON.parse(input);
  const engine = await api.openIndex(load);
  const out = [];
  for (const [q, filters] of queries) {
    const res = await engine.search(q, filters || {});
    const snippet = api.highlight(engine.folder, "全角ＡＢＣ和abc", res.terms, 0);
    out.push({ terms: res.terms, hits: res.hits.map((h) => [h.doc, h.count, h.titleTerms]), snippet });
  }
  process.stdout.write(JSON.stringify(out));
});
