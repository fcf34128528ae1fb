"""`kg serve`: a real server process on 127.0.0.1, queried over real HTTP."""
from __future__ import annotations

import csv
import http.client
import http.server
import io
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import rdflib

from kg.pipeline import build, sample_corpus
from kg.serve import choose_format, is_update, make_server
from kg.store import open_store
from kg.summaries import SUMMARIES
from kg.vocab import PREFIXES

LEADS = "SELECT ?p ?o WHERE { ?p nkg:leads ?o } ORDER BY ?p ?o"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 478^4 rows
STARTUP = 60  # seconds a server may take to print its URL
SPARQL_NS = "{http://www.w3.org/2005/sparql-results#}"


# --------------------------------------------------------------------------- helpers


def start_server(*args: str, stderr_path: Path) -> tuple[subprocess.Popen, str]:
    """`python -m kg serve ARGS` and the URL it prints, waiting at most STARTUP seconds."""
    stderr = open(stderr_path, "wb")
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
    stderr.close()
    deadline = time.monotonic() + STARTUP
    line = b""
    while not line.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            break
        line += chunk
    if b"http://" not in line:
        stop_server(process)
        pytest.fail(f"kg serve did not start: {line!r} {stderr_path.read_text(errors='replace')}")
    url = next(word for word in line.decode().split() if word.startswith("http://"))
    return process, url.rstrip("/")


def stop_server(process: subprocess.Popen, sig: int = signal.SIGTERM) -> tuple[int, str]:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate(timeout=10)
    return process.returncode, out.decode(errors="replace")


def request(base: str, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
            timeout: float = 30):
    """(status, headers as a lower-cased dict, body bytes), with http.client (no proxies)."""
    parts = urlsplit(base)
    assert parts.hostname in ("127.0.0.1", "::1", "localhost")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def get(base, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return request(base, "GET", "/sparql?" + urlencode({"query": query, **params}), headers=headers)


def post_form(base, fields: dict, accept=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return request(base, "POST", "/sparql", urlencode(fields), headers)


def post_query(base, query, accept=None, content_type="application/sparql-query"):
    headers = {"Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    return request(base, "POST", "/sparql", query, headers)


def children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if not path.exists():
        return set()
    return {int(p) for p in path.read_text().split()}


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" not in status.read_text()
    except OSError:
        return False


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    _, store = build(sample_corpus(), folder)
    store.close()
    return folder


@pytest.fixture(scope="module")
def local(out):
    """The store opened in the test process (read-only), to check the server against."""
    return open_store(out, read_only=True)


@pytest.fixture(scope="module")
def server(out, tmp_path_factory):
    """A server on the default host, with a generous time limit."""
    process, url = start_server("--store", str(out), "--timeout", "20",
                                stderr_path=tmp_path_factory.mktemp("log") / "serve.err")
    yield url, process
    code, output = stop_server(process, signal.SIGTERM)
    assert code == 0, output
    assert "stopped" in output


@pytest.fixture(scope="module")
def base(server):
    return server[0]


@pytest.fixture(scope="module")
def slow_server(out, tmp_path_factory):
    """A server with a one-second time limit."""
    process, url = start_server("--store", str(out), "--timeout", "1", "--workers", "2", "--quiet",
                                stderr_path=tmp_path_factory.mktemp("log") / "slow.err")
    yield url, process
    stop_server(process)


@pytest.fixture(scope="module")
def open_server(out, tmp_path_factory):
    """A server started with --allow-service and --cors."""
    log = tmp_path_factory.mktemp("log") / "open.err"
    process, url = start_server("--store", str(out), "--workers", "1", "--allow-service", "--cors", "https://example.org",
                                stderr_path=log)
    yield url, process, log
    stop_server(process)


@pytest.fixture
def listener():
    """A SPARQL endpoint of its own on 127.0.0.1 that records every request it gets:
    (its URL, the list of request paths)."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            hits.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from the listener"}}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()
    server.server_close()
    thread.join(10)


@pytest.fixture(scope="module")
def lei(local):
    rows = list(local.query('SELECT ?p WHERE { ?p a schema:Person ; rdfs:label "雷海潮"@zh-Hans }'))
    assert len(rows) == 1
    return rows[0]["p"].value


def count_all(store) -> int:
    return int(next(iter(store.query(COUNT_ALL)))["n"].value)


# --------------------------------------------------------------------------- SELECT and ASK


def test_get_select_returns_sparql_json_with_the_leader(base, lei):
    status, headers, body = get(base, LEADS)
    assert status == 200, body
    assert headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    assert "access-control-allow-origin" not in headers
    data = json.loads(body)
    assert data["head"]["vars"] == ["p", "o"]
    leaders = {b["p"]["value"] for b in data["results"]["bindings"]}
    assert lei in leaders
    assert all(b["p"]["type"] == "uri" for b in data["results"]["bindings"])


def test_post_form_and_post_query_give_the_same_results(base):
    _, _, via_get = get(base, LEADS)
    status_form, _, via_form = post_form(base, {"query": LEADS})
    status_body, headers, via_body = post_query(base, LEADS)
    assert status_form == status_body == 200
    assert headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(via_form) == json.loads(via_body) == json.loads(via_get)
    assert len(json.loads(via_body)["results"]["bindings"]) >= 2


def test_form_post_with_a_charset_in_its_content_type(base, lei):
    status, _, body = request(base, "POST", "/sparql", urlencode({"query": LEADS}),
                              {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})
    assert status == 200
    assert lei in {b["p"]["value"] for b in json.loads(body)["results"]["bindings"]}


def test_language_tags_come_out_in_bcp47_case(base, lei):
    status, _, body = get(base, f"SELECT ?l WHERE {{ <{lei}> rdfs:label ?l }}")
    assert status == 200
    labels = {(b["l"]["value"], b["l"].get("xml:lang")) for b in json.loads(body)["results"]["bindings"]}
    assert ("雷海潮", "zh-Hans") in labels
    status, _, tsv = get(base, f"SELECT ?l WHERE {{ <{lei}> rdfs:label ?l }}", accept="text/tab-separated-values")
    assert '"雷海潮"@zh-Hans' in tsv.decode("utf-8")


def test_csv_has_a_header_line(base, local):
    status, headers, body = get(base, LEADS, accept="text/csv")
    assert status == 200
    assert headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["p", "o"]
    assert len(rows) - 1 == len(list(local.query(LEADS)))


def test_tsv(base):
    status, headers, body = get(base, LEADS, accept="text/tab-separated-values")
    assert status == 200
    assert headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    assert body.decode("utf-8").splitlines()[0] == "?p\t?o"


def test_xml_results_parse(base, lei):
    status, headers, body = get(base, LEADS, accept="application/sparql-results+xml")
    assert status == 200
    assert headers["content-type"] == "application/sparql-results+xml; charset=utf-8"
    root = ET.fromstring(body)
    assert root.tag == SPARQL_NS + "sparql"
    uris = {e.text for e in root.iter(SPARQL_NS + "uri")}
    assert lei in uris


def test_format_parameter_wins_over_accept(base):
    status, headers, body = get(base, LEADS, accept="application/sparql-results+json", format="csv")
    assert status == 200
    assert headers["content-type"].startswith("text/csv")
    assert body.decode().splitlines()[0] == "p,o"


def test_accept_with_q_values_and_wildcards(base):
    status, headers, _ = get(base, LEADS, accept="text/html, application/sparql-results+xml;q=0.9, */*;q=0.8")
    assert headers["content-type"].startswith("application/sparql-results+xml")
    status, headers, _ = get(base, LEADS, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")


def test_unacceptable_accept_is_406(base):
    status, _, body = get(base, LEADS, accept="image/png")
    assert status == 406
    assert b"application/sparql-results+json" in body


def test_ask(base):
    status, headers, body = get(base, "ASK { ?p nkg:leads ?o }")
    assert status == 200
    assert headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(body)["boolean"] is True
    _, _, body = get(base, "ASK { ?p nkg:leads nkg:NoSuchThing }")
    assert json.loads(body)["boolean"] is False


# --------------------------------------------------------------------------- CONSTRUCT


CONSTRUCT = "CONSTRUCT { ?p nkg:leads ?o ; rdfs:label ?l } WHERE { ?p nkg:leads ?o ; rdfs:label ?l }"


def test_construct_gives_turtle(base, local, lei):
    expected = len(list(local.query(CONSTRUCT)))
    assert expected > 2
    status, headers, body = get(base, CONSTRUCT)
    assert status == 200
    assert headers["content-type"] == "text/turtle; charset=utf-8"
    text = body.decode("utf-8")
    assert '"雷海潮"@zh-Hans' in text
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert len(graph) == expected
    assert (rdflib.URIRef(lei), rdflib.RDFS.label, rdflib.Literal("雷海潮", lang="zh-Hans")) in graph


def test_construct_as_json_ld(base, local, lei):
    status, headers, body = get(base, CONSTRUCT, accept="application/ld+json")
    assert status == 200
    assert headers["content-type"] == "application/ld+json; charset=utf-8"
    data = json.loads(body)
    languages = {v.get("@language") for node in data for values in node.values() if isinstance(values, list) for v in values}
    assert "zh-Hans" in languages and "zh-hans" not in languages
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="json-ld")
    assert len(graph) == len(list(local.query(CONSTRUCT)))
    assert any(node["@id"] == lei for node in data)


def test_construct_as_n_triples(base, local):
    status, headers, body = get(base, CONSTRUCT, format="nt")
    assert status == 200
    assert headers["content-type"] == "application/n-triples; charset=utf-8"
    assert len(body.decode("utf-8").strip().splitlines()) == len(list(local.query(CONSTRUCT)))


def test_describe(base, lei):
    status, headers, body = get(base, f"DESCRIBE <{lei}>")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert (rdflib.URIRef(lei), rdflib.RDF.type, rdflib.URIRef(PREFIXES["schema"] + "Person")) in graph


def test_named_graphs_are_queryable(base, local):
    graphs = local.graphs()
    status, _, body = get(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert status == 200
    summaries = sorted(s.graph for s in SUMMARIES.values())
    assert sorted(b["g"]["value"] for b in json.loads(body)["results"]["bindings"]) == sorted(graphs + summaries)
    status, _, body = get(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": graphs[0]})
    assert status == 200
    in_graph = sum(1 for q in local.quads() if q.graph_name.value == graphs[0])
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == in_graph


# --------------------------------------------------------------------------- read-only


@pytest.mark.parametrize("attempt", [
    ("GET", "/sparql?" + urlencode({"update": "DROP ALL"}), None, {}),
    ("POST", "/sparql", urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
     {"Content-Type": "application/x-www-form-urlencoded"}),
    ("POST", "/sparql", "DROP ALL", {"Content-Type": "application/sparql-update"}),
    ("POST", "/sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-query"}),
    ("POST", "/sparql", urlencode({"query": "DROP ALL"}), {"Content-Type": "application/x-www-form-urlencoded"}),
    ("GET", "/sparql?" + urlencode({"query": "# wipe\nPREFIX ex: <http://example.org/#>\nDELETE WHERE { ?s ?p ?o }"}), None, {}),
    ("GET", "/sparql?" + urlencode({"query": "CLEAR DEFAULT"}), None, {}),
], ids=["get-update", "form-update", "sparql-update", "insert-as-query", "drop-as-form-query", "delete-after-prologue",
        "clear-as-query"])
def test_updates_are_refused_and_change_nothing(base, local, attempt):
    method, path, body, headers = attempt
    before_server = json.loads(get(base, COUNT_ALL)[2])["results"]["bindings"][0]["n"]["value"]
    before = count_all(local)
    status, _, message = request(base, method, path, body, headers)
    assert 400 <= status < 500
    assert b"read-only" in message or b"Update" in message
    after_server = json.loads(get(base, COUNT_ALL)[2])["results"]["bindings"][0]["n"]["value"]
    assert after_server == before_server == str(before)
    fresh = open_store(local.location.parent, read_only=True)  # what is on disk now
    assert count_all(fresh) == before
    assert not bool(fresh.query("ASK { <urn:a> <urn:b> <urn:c> }"))


def test_update_detection():
    assert is_update("INSERT DATA { <a:b> <a:c> <a:d> }")
    assert is_update("prefix ex: <http://e.org/#x>\n# comment with SELECT\n drop all")
    assert is_update("BASE <http://e.org/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not is_update("SELECT * WHERE { ?s ?p ?o }")
    assert not is_update("# insert data\nASK { ?s ?p ?o }")
    assert not is_update("PREFIX insert: <http://e.org/>\nSELECT * WHERE { ?s insert:x ?o }")


def test_choose_format():
    assert choose_format("results") == "application/sparql-results+json"
    assert choose_format("graph") == "text/turtle"
    assert choose_format("graph", "application/json") == "application/ld+json"
    assert choose_format("results", "text/*") == "text/csv"
    assert choose_format("results", "text/csv;q=0.5, application/sparql-results+xml") == "application/sparql-results+xml"
    assert choose_format("results", "text/csv;q=0, */*;q=0.1") == "application/sparql-results+json"
    assert choose_format("graph", None, "jsonld") == "application/ld+json"
    with pytest.raises(ValueError):
        choose_format("graph", None, "csv")


# --------------------------------------------------------------------------- bad requests


def test_no_query_is_400(base):
    status, headers, body = request(base, "GET", "/sparql")
    assert status == 400
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert b"no query" in body
    status, _, body = post_form(base, {"format": "json"})
    assert status == 400


def test_syntax_error_is_400_with_the_parser_message(base):
    status, _, body = get(base, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    text = body.decode()
    assert "syntax error" in text and "1:" in text  # the parser's position
    status, _, body = get(base, "SELECT ?x WHERE { ?x nope:thing ?y }")
    assert status == 400 and b"Prefix not found" in body


def test_a_query_nested_too_deeply_is_400_and_the_server_stays_usable(base):
    status, headers, body = get(base, "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")
    assert status == 400
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert body == b"query too deeply nested: 5002 levels of brackets (at most 200)\n"
    status, _, body = post_query(base, "SELECT * WHERE " + "{" * 3000 + "}" * 3000)
    assert status == 400 and b"too deeply nested" in body
    assert json.loads(get(base, "ASK { ?p nkg:leads ?o }")[2])["boolean"] is True


def test_a_long_chain_of_operators_does_not_overflow_the_engine(base):
    """50,000 negations in a row: a recursion deeper than a default thread's stack holds."""
    status, _, body = post_query(base, "ASK { FILTER(" + "!" * 50000 + "true) }")
    assert status == 200, body
    assert json.loads(body)["boolean"] is True


def test_unknown_path_is_404(base):
    assert request(base, "GET", "/nothing-here")[0] == 404
    assert request(base, "POST", "/nothing-here", "x", {"Content-Type": "application/sparql-query"})[0] == 404


def test_wrong_content_type_is_415(base):
    status, _, body = request(base, "POST", "/sparql", LEADS, {"Content-Type": "text/plain"})
    assert status == 415
    assert b"application/sparql-query" in body


def test_no_cors_header_by_default(base):
    """Without --cors no web page of another origin may read the answers."""
    status, headers, _ = request(base, "OPTIONS", "/sparql", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert "POST" in headers["allow"]
    assert not [name for name in headers if name.startswith("access-control-")]
    for method, path in (("GET", "/sparql?" + urlencode({"query": "ASK {}"})), ("GET", "/"), ("GET", "/nothing")):
        _, headers, _ = request(base, method, path, headers={"Origin": "http://example.org"})
        assert not [name for name in headers if name.startswith("access-control-")]


def test_cors_names_exactly_the_origin_given(open_server):
    url, _, _ = open_server
    status, headers, _ = request(url, "OPTIONS", "/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert headers["access-control-allow-origin"] == "https://example.org"
    assert "POST" in headers["access-control-allow-methods"]
    status, headers, _ = get(url, "ASK {}")
    assert status == 200 and headers["access-control-allow-origin"] == "https://example.org"


@pytest.mark.parametrize("origin", ["https://example.org/path", "https://example.org\r\nSet-Cookie: a=b", "example.org"])
def test_a_cors_value_that_is_not_an_origin_is_refused(origin, tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path), "--port", "0", "--cors", origin],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "is not an origin" in result.stderr


def test_a_request_addressed_to_another_host_name_is_refused(base):
    """A page whose domain name is rebound to 127.0.0.1 sends its own name as Host."""
    port = urlsplit(base).port
    query = "/sparql?" + urlencode({"query": "ASK { ?p nkg:leads ?o }"})
    status, _, body = request(base, "GET", query, headers={"Host": f"attacker.example:{port}"})
    assert status == 403
    assert b"not to 'attacker.example:" in body
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        status, _, body = request(base, "GET", query, headers={"Host": host})
        assert status == 200 and json.loads(body)["boolean"] is True


# --------------------------------------------------------------------------- no requests elsewhere


def service_queries(target: str) -> list[str]:
    """Ways of writing a SERVICE call to ``target`` that the engine runs."""
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICESILENT<{target}>{{}} }}",
        f"SELECT * WHERE {{ ?s ?p trueSERVICE<{target}>{{}} }}",
        f"SELECT * WHERE {{ ?s ?p 1SERVICE<{target}>{{}} }}",
        f"PREFIX : <{target}#> SELECT * WHERE {{ SERVICE:x{{}} }}",
        f"SELECT * WHERE {{ ?s nkg:a\\' . SERVICE <{target}> {{}} ?s nkg:b\\' }}",
        f"SELECT * WHERE {{ ?s nkg:a\\# SERVICE <{target}> {{}} }}",
        f"SELECT * WHERE {{ BIND(?x AS ?y) SERVICE ?x {{}} VALUES ?x {{ <{target}> }} }}",
    ]


def test_service_is_refused_and_nothing_is_contacted(base, listener):
    target, hits = listener
    for query in service_queries(target):
        status, headers, body = get(base, query)
        assert status == 400, (query, body)
        assert headers["content-type"] == "text/plain; charset=utf-8"
        assert b"SERVICE is not allowed" in body and b"--allow-service" in body
    assert hits == []


def test_service_as_a_word_in_data_is_no_call(base, listener):
    target, hits = listener
    query = (f'SELECT ?service WHERE {{ BIND("SERVICE <{target}> {{}}" AS ?service) '
             f'FILTER(?service != <{target}service>) }} # SERVICE <{target}> {{}}')
    status, _, body = get(base, query)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["service"]["value"] == f"SERVICE <{target}> {{}}"
    assert hits == []


def test_allow_service_lets_a_query_reach_the_address_it_names(open_server, listener):
    url, _, _ = open_server
    target, hits = listener
    status, _, body = get(url, f"SELECT ?x WHERE {{ SERVICE <{target}> {{ ?x ?p ?o }} }}")
    assert status == 200, body
    assert [b["x"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["from the listener"]
    assert len(hits) == 1


# --------------------------------------------------------------------------- pages


def test_query_page(base):
    status, headers, body = request(base, "GET", "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    page = body.decode("utf-8")
    assert "<textarea" in page and "nkg:leads" in page
    assert "<select" in page and "fetch(" in page and 'href="viewer"' in page
    assert "innerHTML" not in page and "textContent" in page
    assert "src=" not in page and "<link" not in page  # nothing loaded from elsewhere: works offline


def test_viewer_serves_graph_html(base, out):
    status, headers, body = request(base, "GET", "/viewer")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert body == (out / "graph.html").read_bytes()


# --------------------------------------------------------------------------- binding and lifetime


def test_listens_on_loopback_only_by_default(server):
    url, process = server
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        pytest.skip("no /proc/net/tcp")
    listening = []
    for table in tables:
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            address, port = fields[1].split(":")
            if int(port, 16) == parts.port and fields[3] == "0A":  # LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, and nothing on IPv6 or 0.0.0.0


def test_python_api_server_in_a_thread(out, tmp_path):
    """make_server(): the same server in-process; a store folder without graph.html."""
    shutil.copytree(out / "store", tmp_path / "store")
    server = make_server(tmp_path, "127.0.0.1", 0, timeout=10, workers=1, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = server.url.rstrip("/")
        assert server.server_address[0] == "127.0.0.1"
        status, _, body = request(base, "GET", "/viewer")
        assert status == 404 and b"graph.html" in body
        status, _, body = get(base, "ASK { ?p nkg:leads ?o }")
        assert status == 200 and json.loads(body)["boolean"] is True
        pids = server.pool.pids()
        assert len(pids) == 1
    finally:
        server.shutdown()
        server.close()
        thread.join(10)
    assert not thread.is_alive()
    assert not any(alive(pid) for pid in pids)


def test_missing_store_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "none"), "--port", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no graph store" in result.stderr


def test_ctrl_c_stops_the_server_and_its_workers(out, tmp_path):
    process, url = start_server("--store", str(out), stderr_path=tmp_path / "err")
    assert get(url, "ASK {}")[0] == 200
    workers = children(process.pid)
    code, output = stop_server(process, signal.SIGINT)
    assert code == 0
    assert "stopped" in output
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)


EXTRA_ARTICLE = """---
title: "国家卫生健康委员会副主任到海南"
date: 2022-08-14T08:00:00+08:00
link: https://example.org/news/extra
---
国家卫生健康委员会副主任雷海潮星期六在海口表示，海南的疫情防控工作取得进展。
"""
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }"  # article graphs


def test_a_build_while_serving_is_visible_without_a_restart(out, tmp_path):
    folder = tmp_path / "exports"
    shutil.copytree(out, folder)
    (tmp_path / "extra.md").write_text(EXTRA_ARTICLE, encoding="utf-8")
    process, url = start_server("--store", str(folder), "--workers", "2", "--quiet", stderr_path=tmp_path / "err")
    try:
        counts = [json.loads(get(url, GRAPHS)[2])["results"]["bindings"][0]["n"]["value"] for _ in range(2)]
        assert counts == ["2", "2"]  # both workers
        result = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "extra.md"), "--out", str(folder),
                                 "--no-viewer"], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        counts = [json.loads(get(url, GRAPHS)[2])["results"]["bindings"][0]["n"]["value"] for _ in range(4)]
        assert counts == ["3", "3", "3", "3"]
        status, _, body = get(url, "ASK { ?a schema:url <https://example.org/news/extra> }")
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        stop_server(process)


# --------------------------------------------------------------------------- time limit


def test_a_slow_query_is_stopped_and_the_server_stays_usable(slow_server):
    url, process = slow_server
    workers_before = children(process.pid)
    started = time.monotonic()
    status, headers, body = get(url, SLOW)
    elapsed = time.monotonic() - started
    assert status == 503
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert "time limit of 1 s" in body.decode()
    assert 1 <= elapsed < 20  # stopped at the limit: unstopped, the count of 478^4 rows would run for hours
    # the next queries work, on the surviving worker and on the replacement
    for _ in range(4):
        status, _, body = get(url, "ASK { ?p nkg:leads ?o }")
        assert status == 200 and json.loads(body)["boolean"] is True
    # the worker that ran past the limit is gone, and replaced
    workers_after = children(process.pid)
    assert len(workers_after) == len(workers_before) == 2
    assert workers_before - workers_after


def test_other_queries_are_answered_while_a_slow_one_runs(slow_server):
    url, _ = slow_server
    results = {}
    slow = threading.Thread(target=lambda: results.setdefault("slow", get(url, SLOW)))
    slow.start()
    time.sleep(0.2)
    started = time.monotonic()
    status, _, _ = get(url, LEADS)
    quick = time.monotonic() - started
    slow.join(15)
    assert status == 200
    assert quick < 0.9  # answered by the other worker, not after the slow one's limit
    assert results["slow"][0] == 503


def test_query_page_runs_a_query_in_chromium(base, tmp_path):
    """The page as a browser runs it: results land in a table, and markup in the data stays text."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed")

    def dump(query):
        result = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=8000", "--dump-dom", f"{base}/?{urlencode({'query': query, 'run': ''})}"],
            capture_output=True, text=True, timeout=120)
        return result.stdout

    dom = dump(LEADS.replace("?p ?o WHERE", "?p ?l WHERE").replace("?p nkg:leads ?o }", "?p nkg:leads ?o ; rdfs:label ?l }"))
    assert "<table>" in dom and "<td>雷海潮<span" in dom
    dom = dump('SELECT ?x WHERE { BIND("<img src=x onerror=alert(1)>" AS ?x) }')
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
    assert "<img" not in dom


# --------------------------------------------------------------------------- named queries


def test_named_queries_are_served_with_their_parameters_and_pages(base, local):
    from kg.query import resolve_query

    def served(name, **params):
        status, headers, body = request(base, "GET", f"/queries/{name}?" + urlencode({**params, "format": "csv"}))
        assert status == 200, body
        return list(csv.reader(io.StringIO(body.decode("utf-8"))))

    everything = served("officials", limit="1000")  # all 7
    assert everything[0] == ["personLabel", "role", "orgLabel", "date", "evidence", "person", "org", "article"]
    assert len(everything) - 1 == len(list(local.query(resolve_query("officials"))))
    pages = [served("officials", limit="3", offset=str(offset))[1:] for offset in range(0, len(everything), 3)]
    assert [row for page in pages for row in page] == everything[1:]
    assert {row[0] for row in served("officials", person="马兴瑞")[1:]} == {"马兴瑞"}


def test_named_query_errors(base):
    assert request(base, "GET", "/queries/nosuch")[0] == 404
    status, _, body = request(base, "GET", "/queries/officials?limit=-2")
    assert status == 400 and b"whole number" in body
    status, _, body = request(base, "GET", "/queries/officials?colour=red")
    assert status == 400 and b"no parameter 'colour'" in body
    assert request(base, "GET", "/queries/entity")[0] == 400  # name is required
