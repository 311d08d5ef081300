// SPDX-License-Identifier: Apache-2.0
// The query page: fills the editor with a canned query, sends the query to the SPARQL endpoint
// (SPARQL 1.1 Protocol, POST of a form), shows the answer as a table whose IRIs link to their
// pages, and offers the answer in each results format. No library, no network but the endpoint.
(function () {
  "use strict";
  var app = document.getElementById("app");
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query");
  var endpointInput = document.getElementById("endpoint");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var downloadsEl = document.getElementById("downloads");
  var outputEl = document.getElementById("output");
  var ns = app.getAttribute("data-ns");
  var base = app.getAttribute("data-base");
  var suffix = app.getAttribute("data-suffix");

  var SELECT_FORMATS = [
    ["SPARQL JSON", "application/sparql-results+json", "srj"],
    ["SPARQL XML", "application/sparql-results+xml", "srx"],
    ["CSV", "text/csv", "csv"],
    ["TSV", "text/tab-separated-values", "tsv"]
  ];
  var GRAPH_FORMATS = [
    ["Turtle", "text/turtle", "ttl"],
    ["N-Triples", "application/n-triples", "nt"],
    ["JSON-LD", "application/ld+json", "jsonld"],
    ["RDF/XML", "application/rdf+xml", "rdf"]
  ];
  var PREFIXES = [
    ["id:", ns],
    ["ilokg:", "https://w3id.org/ilokg/ns#"],
    ["sdg:", "http://metadata.un.org/sdg/"],
    ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"]
  ];

  function shortName(iri) {
    for (var i = 0; i < PREFIXES.length; i++) {
      if (iri.indexOf(PREFIXES[i][1]) === 0 && iri.length > PREFIXES[i][1].length) {
        return PREFIXES[i][0] + iri.substring(PREFIXES[i][1].length);
      }
    }
    return iri;
  }

  // A local IRI links to its page on this site; another http(s) IRI to itself; any other scheme
  // is shown as text only.
  function hrefOf(iri) {
    if (iri.indexOf(ns) === 0 && iri.length > ns.length) {
      return base + iri.substring(ns.length) + suffix;
    }
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
  }

  function clearOutput() {
    errorEl.hidden = true;
    errorEl.textContent = "";
    downloadsEl.hidden = true;
    downloadsEl.textContent = "";
    outputEl.textContent = "";
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) {
      return td;
    }
    if (term.type === "uri") {
      var href = hrefOf(term.value);
      var el = document.createElement(href ? "a" : "code");
      if (href) {
        el.href = href;
      }
      el.textContent = shortName(term.value);
      el.title = term.value;
      td.appendChild(el);
    } else if (term.type === "bnode") {
      var code = document.createElement("code");
      code.textContent = "_:" + term.value;
      td.appendChild(code);
    } else {
      td.appendChild(document.createTextNode(term.value));
      var meta = term["xml:lang"] ? "@" + term["xml:lang"] :
        term.datatype ? shortName(term.datatype) : "";
      if (meta) {
        var span = document.createElement("span");
        span.className = "lit-meta";
        span.textContent = " " + meta;
        td.appendChild(span);
      }
    }
    return td;
  }

  function showTable(json) {
    var vars = (json.head && json.head.vars) || [];
    var rows = (json.results && json.results.bindings) || [];
    var table = document.createElement("table");
    table.id = "results";
    var thead = table.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = "?" + v;
      thead.appendChild(th);
    });
    var tbody = table.createTBody();
    rows.forEach(function (b) {
      var tr = tbody.insertRow();
      vars.forEach(function (v) {
        tr.appendChild(cell(b[v]));
      });
    });
    var count = document.createElement("p");
    count.id = "row-count";
    count.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
    outputEl.appendChild(count);
    outputEl.appendChild(table);
  }

  function post(accept) {
    var body = new URLSearchParams();
    body.set("query", editor.value);
    return fetch(endpointInput.value, {
      method: "POST",
      headers: { "Accept": accept, "Content-Type": "application/x-www-form-urlencoded" },
      body: body
    });
  }

  // Each results format as a button that fetches the answer in that format and saves it.
  function showDownloads(formats) {
    var label = document.createElement("span");
    label.textContent = "Download: ";
    downloadsEl.appendChild(label);
    formats.forEach(function (f) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "download";
      b.setAttribute("data-accept", f[1]);
      b.textContent = f[0];
      b.addEventListener("click", function () {
        post(f[1]).then(function (r) {
          if (!r.ok) {
            return r.text().then(function (t) { throw new Error(t || r.statusText); });
          }
          return r.blob();
        }).then(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = "results." + f[2];
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        }).catch(function (e) { showError(String(e.message || e)); });
      });
      downloadsEl.appendChild(b);
    });
    downloadsEl.hidden = false;
  }

  function run(event) {
    event.preventDefault();
    clearOutput();
    if (!endpointInput.value) {
      showError("No SPARQL endpoint: enter its URL above.");
      return;
    }
    statusEl.textContent = "Running…";
    var started = Date.now();
    post("application/sparql-results+json, text/turtle;q=0.9").then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      return r.text().then(function (text) { return { r: r, type: type, text: text }; });
    }).then(function (a) {
      statusEl.textContent = "";
      if (!a.r.ok) {
        showError(a.text || a.r.status + " " + a.r.statusText);
        return;
      }
      if (a.type.indexOf("json") >= 0 && a.type.indexOf("ld+json") < 0) {
        var json = JSON.parse(a.text);
        if (typeof json.boolean === "boolean") {
          var p = document.createElement("p");
          p.id = "boolean";
          p.textContent = json.boolean ? "true" : "false";
          outputEl.appendChild(p);
        } else {
          showTable(json);
        }
        showDownloads(SELECT_FORMATS);
      } else {
        var pre = document.createElement("pre");
        pre.id = "graph";
        pre.textContent = a.text;
        outputEl.appendChild(pre);
        showDownloads(GRAPH_FORMATS);
      }
      statusEl.textContent = "Answered in " + (Date.now() - started) + " ms";
    }).catch(function (e) {
      statusEl.textContent = "";
      showError("The endpoint did not answer: " + String(e.message || e));
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.canned"), function (b) {
    b.addEventListener("click", function () {
      var name = b.getAttribute("data-name");
      var pres = document.querySelectorAll("pre.canned-text");
      for (var i = 0; i < pres.length; i++) {
        if (pres[i].getAttribute("data-name") === name) {
          editor.value = pres[i].textContent;
        }
      }
      Array.prototype.forEach.call(document.querySelectorAll("button.canned"), function (o) {
        o.setAttribute("aria-pressed", o === b ? "true" : "false");
      });
      editor.focus();
    });
  });
  form.addEventListener("submit", run);
})();
