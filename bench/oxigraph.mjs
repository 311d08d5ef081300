// SPDX-License-Identifier: Apache-2.0
// Oxigraph (the npm package `oxigraph`, Rust compiled to wasm) for bench/run and bench/load:
// one process loads the N-Triples into an in-memory store once, then answers queries warm.
//
//   node bench/oxigraph.mjs MODULE-DIR load DATA.nt
//       prints {"seconds": s, "triples": n, "maxrss_kb": k}
//   node bench/oxigraph.mjs MODULE-DIR query DATA.nt REPEAT QUERY.rq...
//       prints {"load_seconds": s, "triples": n} and then, per query, one line
//       {"query": file, "seconds": median of REPEAT runs after one untimed, "rows": n} or {"query": file, "error": text}
//
// MODULE-DIR is the --prefix directory `npm install --prefix MODULE-DIR oxigraph` filled.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [moduleDir, mode, data, ...rest] = process.argv.slice(2);
if (!moduleDir || !data || (mode !== "load" && mode !== "query")) {
    process.stderr.write("usage: oxigraph.mjs MODULE-DIR load|query DATA.nt [REPEAT QUERY.rq...]\n");
    process.exit(2);
}
const require = createRequire(path.join(path.resolve(moduleDir), "node_modules", "x.js"));
const oxigraph = require("oxigraph");

// The file in 8 MiB pieces, so a large export never has to be one JavaScript string.
function* chunks(file) {
    const fd = fs.openSync(file, "r");
    const buf = Buffer.alloc(8 << 20);
    try {
        for (;;) {
            const n = fs.readSync(fd, buf, 0, buf.length, null);
            if (n === 0)
                return;
            yield new Uint8Array(buf.subarray(0, n));
        }
    } finally {
        fs.closeSync(fd);
    }
}

function load(file) {
    const store = new oxigraph.Store();
    const t = process.hrtime.bigint();
    store.load(chunks(file), { format: "application/n-triples" });
    return [store, Number(process.hrtime.bigint() - t) / 1e9];
}

function count(answer) {
    if (typeof answer === "boolean")
        return 1;
    if (Array.isArray(answer))
        return answer.length;
    return String(answer).split("\n").length;
}

function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const [store, seconds] = load(data);
if (mode === "load") {
    console.log(JSON.stringify({ seconds, triples: store.size, maxrss_kb: process.resourceUsage().maxRSS }));
} else {
    console.log(JSON.stringify({ load_seconds: seconds, triples: store.size }));
    const repeat = Number(rest[0] || 3);
    for (const file of rest.slice(1)) {
        const text = fs.readFileSync(file, "utf8");
        try {
            let rows = count(store.query(text)); // warm-up, not timed
            const runs = [];
            for (let i = 0; i < repeat; i++) {
                const t = process.hrtime.bigint();
                rows = count(store.query(text));
                runs.push(Number(process.hrtime.bigint() - t) / 1e9);
            }
            console.log(JSON.stringify({ query: file, seconds: median(runs), rows }));
        } catch (e) {
            console.log(JSON.stringify({ query: file, error: String(e).split("\n")[0] }));
        }
    }
}
