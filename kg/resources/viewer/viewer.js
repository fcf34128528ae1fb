(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var newskg = window.newskg = {ready: false, readyAt: null, scriptStart: performance.now()};
  // Tooltips become text-only elements: nothing from an article is ever parsed as HTML.
  function textElement(text, className) {
    var el = document.createElement("div");
    el.className = className;
    el.textContent = text;
    return el;
  }
  var plain = {};
  data.nodes.concat(data.edges).forEach(function (item) {
    plain[item.id] = item;
    if (typeof item.title === "string") {
      item.kgText = item.title;
      item.title = textElement(item.title, "kg-tip");
    }
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var status = document.getElementById("kg-status");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  newskg.network = network;
  newskg.nodes = nodes;
  newskg.edges = edges;
  newskg.networkAt = performance.now();

  // The layout settles, then stops: physics off, positions fixed until a node is dragged.
  function settled() {
    if (newskg.ready) { return; }
    network.setOptions({physics: {enabled: false}});
    newskg.ready = true;
    newskg.readyAt = performance.now();
    status.textContent = "";
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (!data.nodes.length) { settled(); }

  // ---------------------------------------------------------------- details panel
  var detailsText = document.getElementById("kg-details-text");
  var detailsLinks = document.getElementById("kg-details-links");
  function show(item) {
    while (detailsLinks.firstChild) { detailsLinks.removeChild(detailsLinks.firstChild); }
    detailsText.textContent = item ? item.kgText || "" : "Click an entity or a relation.";
    ((item && item.kgLinks) || []).forEach(function (link) {
      var li = document.createElement("li");
      var url = String(link[1]);
      if (/^https?:\/\//i.test(url)) {
        var a = document.createElement("a");
        a.textContent = link[0];
        a.setAttribute("href", url);
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        li.appendChild(a);
      } else {
        li.textContent = link[0] + " — " + url;
      }
      detailsLinks.appendChild(li);
    });
    if (item) { document.getElementById("kg-details").scrollIntoView({block: "nearest"}); }
  }
  network.on("click", function (p) {
    if (p.nodes.length) { show(plain[p.nodes[0]]); }
    else if (p.edges.length) { show(plain[p.edges[0]]); }
    else { show(null); }
  });

  // ---------------------------------------------------------------- filters
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-kg-type]"));
  var relationBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-kg-relation]"));
  var isolatedBox = document.getElementById("kg-hide-isolated");
  var shownLine = document.getElementById("kg-shown");
  var hiddenNode = {}, hiddenEdge = {};
  function checked(boxes, attr) {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute(attr)] = box.checked; });
    return on;
  }
  function applyFilters() {
    var typeOn = checked(typeBoxes, "data-kg-type");
    var relationOn = checked(relationBoxes, "data-kg-relation");
    var nodeHidden = {}, edgeHidden = {}, linked = {};
    data.nodes.forEach(function (n) { nodeHidden[n.id] = typeOn[n.kgType] === false; });
    data.edges.forEach(function (e) {
      edgeHidden[e.id] = relationOn[e.kgRelation] === false;
      if (!edgeHidden[e.id] && !nodeHidden[e.from] && !nodeHidden[e.to]) {
        linked[e.from] = true;
        linked[e.to] = true;
      }
    });
    if (isolatedBox && isolatedBox.checked) {
      data.nodes.forEach(function (n) { if (!linked[n.id]) { nodeHidden[n.id] = true; } });
    }
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      if (!!hiddenNode[n.id] !== nodeHidden[n.id]) { nodeUpdates.push({id: n.id, hidden: nodeHidden[n.id]}); }
    });
    data.edges.forEach(function (e) {
      if (!!hiddenEdge[e.id] !== edgeHidden[e.id]) { edgeUpdates.push({id: e.id, hidden: edgeHidden[e.id]}); }
    });
    hiddenNode = nodeHidden;
    hiddenEdge = edgeHidden;
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    var shownNodes = newskg.shownNodeIds().length, shownEdges = newskg.shownEdgeIds().length;
    shownLine.textContent = (shownNodes === data.nodes.length && shownEdges === data.edges.length) ? "" :
      "filters show " + shownNodes.toLocaleString("en") + " of " + data.nodes.length.toLocaleString("en") +
      " entities and " + shownEdges.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") +
      " relations";
  }
  newskg.shownNodeIds = function () {
    return data.nodes.filter(function (n) { return !hiddenNode[n.id]; }).map(function (n) { return n.id; });
  };
  newskg.shownEdgeIds = function () {
    return data.edges.filter(function (e) {
      return !hiddenEdge[e.id] && !hiddenNode[e.from] && !hiddenNode[e.to];
    }).map(function (e) { return e.id; });
  };
  newskg.applyFilters = applyFilters;
  typeBoxes.concat(relationBoxes, isolatedBox ? [isolatedBox] : []).forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-kg-bulk]"), function (button) {
    button.addEventListener("click", function () {
      var boxes = button.getAttribute("data-kg-bulk") === "type" ? typeBoxes : relationBoxes;
      var on = button.getAttribute("data-kg-on") === "1";
      boxes.forEach(function (box) { box.checked = on; });
      applyFilters();
    });
  });
  applyFilters();  // a reloaded page may come back with boxes unticked

  // ---------------------------------------------------------------- colours
  var communityPanel = document.getElementById("kg-communities");
  function colourBy(mode) {
    var community = mode === "community";
    nodes.update(data.nodes.map(function (n) {
      return {id: n.id, color: community ? n.kgCommunityColor : n.kgTypeColor};
    }));
    document.body.classList.toggle("kg-by-community", community);
    communityPanel.hidden = !community;
    newskg.colouring = community ? "community" : "type";
  }
  newskg.colourBy = colourBy;
  var colourRadios = Array.prototype.slice.call(document.querySelectorAll("input[name=kg-colour]"));
  colourRadios.forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { colourBy(radio.value); } });
  });
  newskg.colouring = "type";
  Array.prototype.forEach.call(document.querySelectorAll("li[data-kg-community]"), function (row) {
    row.addEventListener("click", function () {
      var c = Number(row.getAttribute("data-kg-community"));
      var ids = data.nodes.filter(function (n) { return n.kgCommunity === c && !hiddenNode[n.id]; })
        .map(function (n) { return n.id; });
      network.selectNodes(ids);
      if (ids.length) { network.fit({nodes: ids, animation: {duration: 400}}); }
      show(null);
      status.textContent = ids.length + " entities of this community selected";
    });
  });
  colourRadios.forEach(function (radio) { if (radio.checked && radio.value !== "type") { colourBy(radio.value); } });

  // ---------------------------------------------------------------- search
  function norm(text) { return String(text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }
  var index = data.nodes.map(function (n) {
    return {id: n.id, rank: n.kgRank, names: (n.kgNames || [n.label]).map(norm)};
  }).sort(function (a, b) { return a.rank - b.rank; });
  function find(text) {
    var q = norm(text);
    if (!q) { return null; }
    var tests = [
      function (name) { return name === q; },
      function (name) { return name.indexOf(q) === 0; },
      function (name) { return name.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < index.length; i++) {
        if (index[i].names.some(tests[t])) { return index[i].id; }
      }
    }
    return null;
  }
  var names = document.getElementById("kg-names");
  index.forEach(function (entry) {
    var option = document.createElement("option");
    option.value = plain[entry.id].label;
    names.appendChild(option);
  });
  function focusOn(text) {
    var id = find(text);
    if (id === null) {
      status.textContent = "not among the entities on this page: " + text;
      return null;
    }
    if (hiddenNode[id]) {  // shown again, whatever filter hid it
      var node = plain[id];
      typeBoxes.forEach(function (box) { if (box.getAttribute("data-kg-type") === node.kgType) { box.checked = true; } });
      if (isolatedBox) { isolatedBox.checked = false; }
      applyFilters();
    }
    status.textContent = "";
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 400}});
    show(plain[id]);
    return id;
  }
  newskg.find = find;
  newskg.focusOn = focusOn;
  var search = document.getElementById("kg-search");
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); focusOn(search.value); }
  });
  search.addEventListener("input", function (ev) {  // a name picked from the list
    if (!ev.inputType || ev.inputType === "insertReplacementText") { focusOn(search.value); }
  });
})();
