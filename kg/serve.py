"""``kg serve``: the graph over HTTP, read-only.

* ``/sparql`` is a SPARQL 1.1 Protocol query endpoint: ``GET ?query=``, ``POST`` of
  ``application/x-www-form-urlencoded`` (``query=``) or of ``application/sparql-query``,
  with the optional ``default-graph-uri`` / ``named-graph-uri`` parameters and the
  prefixes of ``kg query`` predeclared. Results are chosen by ``Accept`` or by a
  ``format`` parameter: SELECT and ASK as SPARQL JSON (default), XML, CSV or TSV;
  CONSTRUCT and DESCRIBE as Turtle (default), JSON-LD, N-Triples or RDF/XML (the
  served formats of :data:`kg.query.RESULT_FORMATS`). Language
  tags are written in their BCP 47 case (``zh-Hans``), as everywhere else in newskg.
* SPARQL Update is refused (403) and cannot happen anyway: the store is opened
  read-only. ``SERVICE`` is refused (400) unless the server was started with
  ``allow_service``: the endpoint makes no request to any other address. Queries
  nested more than :data:`kg.sparql.MAX_NESTING` brackets deep are refused (400).
* No CORS header is sent unless ``cors`` names the one origin whose pages may read
  the answers.
* The store is reopened when a build changes it on disk, so a build that runs while
  the server does is visible to the next query.
* ``/`` is a small query page, ``/viewer`` the build's ``graph.html``; both work offline.

Time limit: pyoxigraph cannot interrupt a running query, so queries run in a small pool
of persistent worker processes, each holding the store open read-only and answering on
a thread with a large stack (a long chain of operators does not overflow it). A worker
that is still busy when the limit passes is killed and replaced, and the client gets a
503 naming the limit; the other workers keep serving. A query costs one round trip over a
local socket on top of its own run time (a fraction of a millisecond).

The workers are plain ``python -c`` processes talking over a socket pair, not
``multiprocessing`` children, so the API works from any script, with or without an
``if __name__ == "__main__"`` guard.
"""
from __future__ import annotations

import ipaddress
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox

from . import __version__
from .query import QueryError, named_queries, resolve_query, result_formats
from .sparql import QueryRefused, check, on_large_stack
from .store import DEFAULT_OUT, GraphStore, open_store

__all__ = ["serve", "make_server", "SparqlServer", "QueryPool", "register", "run"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))
MAX_BODY = 1 << 20  # bytes of a POSTed query
STARTUP_TIMEOUT = 60.0  # seconds a worker may take to import and open the store

# An update, possibly after a prologue and comments (the parser would only say
# "expected SELECT"; this gives the reason).
_UPDATE = re.compile(
    r"""\A\ufeff?(?:\s++|\#[^\n]*+|PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*+
        (INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b""",
    re.I | re.X,
)
_ORIGIN = re.compile(r"\A[a-z][a-z0-9+.-]*://[A-Za-z0-9._~%!$&'()*+,;=:\[\]-]+\Z")

NAMED_ROUTE = "/queries/"
"""Where a named query is served: ``/queries/officials?org=外交部&limit=50&offset=100``."""
UPDATE_REFUSED = "SPARQL Update is not allowed: this endpoint is read-only (the store is opened read-only)"


class NotAcceptable(ValueError):
    """No result format the client accepts fits the kind of query."""


def check_origin(origin: str) -> str:
    """``origin`` if it is one web origin (``scheme://host[:port]``) or ``*``."""
    if origin == "*" or _ORIGIN.match(origin):
        return origin
    raise ValueError(f"--cors {origin!r} is not an origin: give scheme://host[:port], such as https://example.org")


def is_loopback_name(host: str | None) -> bool:
    """Whether ``host`` (a Host header or an address, with or without a port) names
    this machine's loopback interface; True when there is no Host header at all."""
    if host is None:
        return True
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1:name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_update(text: str) -> bool:
    return _UPDATE.match(text) is not None


def _media_ranges(accept: str | None) -> list[str]:
    """The media ranges of an Accept header, best first, without those with q=0."""
    ranges = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, position, fields[0].lower()))
    return [r for _, _, r in sorted(ranges)]


def choose_format(kind: str, accept: str | None = None, format: str | None = None) -> str:
    """The media type to answer with, for ``kind`` "results" (SELECT, ASK) or "graph"
    (CONSTRUCT, DESCRIBE), from the ``format`` parameter (a name or a media type) or
    else the Accept header, among the served formats of :data:`kg.query.RESULT_FORMATS`."""
    formats = result_formats(kind, served=True)
    types = [f.media_type for f in formats]
    names = {name: f.media_type for f in formats for name in (f.name, *f.names)}
    aliases = {alias: f.media_type for f in formats for alias in f.aliases}
    if format:
        name = format.strip().lower()
        chosen = names.get(name) or aliases.get(name) or (name if name in types else None)
        if chosen is None:
            query_kind = "SELECT or ASK" if kind == "results" else "CONSTRUCT or DESCRIBE"
            raise ValueError(f"format {format!r} does not apply to a {query_kind} query: use one of "
                             f"{', '.join(sorted(names))} or a media type ({', '.join(types)})")
        return chosen
    ranges = _media_ranges(accept)
    if not ranges:
        return types[0]
    for media in ranges:
        if media in types:
            return media
        if media in aliases:
            return aliases[media]
        if media == "*/*":
            return types[0]
        if media.endswith("/*"):
            for candidate in types:
                if candidate.startswith(media[:-1]):
                    return candidate
    raise NotAcceptable(f"cannot answer this query in any of the accepted types ({accept}); it can give: {', '.join(types)}")


# --------------------------------------------------------------------------- worker side


def execute(store: GraphStore, request: dict) -> tuple[int, str, bytes]:
    """Run one query on an open store: (HTTP status, content type, body)."""
    options = {}
    try:
        if request.get("default_graphs"):
            options["default_graph"] = [ox.NamedNode(iri) for iri in request["default_graphs"]]
        if request.get("named_graphs"):
            options["named_graphs"] = [ox.NamedNode(iri) for iri in request["named_graphs"]]
    except ValueError as error:
        return 400, "text/plain", f"bad graph IRI: {error}".encode()
    try:
        result = store.query(request["query"], **options)
        kind = "graph" if isinstance(result, ox.QueryTriples) else "results"
        media = choose_format(kind, request.get("accept"), request.get("format"))
        chosen = next(f for f in result_formats(kind, served=True) if f.media_type == media)
        return 200, media, chosen.write(result)
    except SyntaxError as error:
        return 400, "text/plain", f"SPARQL syntax error: {error}".encode()
    except NotAcceptable as error:
        return 406, "text/plain", str(error).encode()
    except ValueError as error:
        return 400, "text/plain", str(error).encode()
    except OSError as error:
        return 500, "text/plain", f"query failed: {error}".encode()


class _LiveStore:
    """The store of a build folder, opened read-only and opened again when a build
    has changed it on disk since (a read-only store sees the data as it was when
    opened)."""

    def __init__(self, store_dir: str):
        self._open = lambda: open_store(store_dir, read_only=True)
        self.store = self._open()
        self.state = self.store.disk_state()

    def current(self):
        state = self.store.disk_state()
        if state != self.state:
            try:
                self.store = self._open()
                self.state = state
            except Exception:  # noqa: BLE001 - mid-build or gone: keep answering from what was open
                pass
        return self.store


def _worker_main(fd: int, store_dir: str) -> None:
    """A worker process: open the store read-only, then answer requests until EOF,
    on a thread with a large stack."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    on_large_stack(_answer, Connection(fd), store_dir)


def _answer(conn: Connection, store_dir: str) -> None:
    try:
        live = _LiveStore(store_dir)
    except Exception as error:  # noqa: BLE001 - reported to the server, which stops
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = execute(live.current(), request)
        except Exception as error:  # noqa: BLE001 - a worker answers, it does not die
            reply = (500, "text/plain", f"query failed: {type(error).__name__}: {error}".encode())
        try:
            conn.send(reply)
        except OSError:
            return


# --------------------------------------------------------------------------- server side


class WorkerFailed(RuntimeError):
    """A worker could not start or stopped unexpectedly."""


_WORKER_CODE = "import sys; sys.path.append(sys.argv[3]); from kg.serve import _worker_main; _worker_main(int(sys.argv[1]), sys.argv[2])"


class _Worker:
    def __init__(self, store_dir: Path):
        parent, child = socket.socketpair()
        package_root = str(Path(__file__).resolve().parent.parent)  # found last, if kg is not importable otherwise
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE, str(child.fileno()), str(store_dir), package_root],
                pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, close_fds=True,
            )
        finally:
            child.close()
        self.conn = Connection(parent.detach())
        self.ready = False

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        if self.ready:
            return
        try:
            if not self.conn.poll(timeout):
                raise WorkerFailed(f"a query worker did not start within {timeout:g} s")
            status, detail = self.conn.recv()
        except (EOFError, OSError) as error:
            raise WorkerFailed(f"a query worker stopped while starting (exit status {self.process.poll()})") from error
        if status != "ready":
            raise WorkerFailed(detail)
        self.ready = True

    def exit_cause(self) -> str:
        """Why the worker process ended, as far as its exit status tells."""
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        if code == -signal.SIGKILL:
            return "killed: out of memory?"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"{name}: the query may be too complex for the engine"
        return f"exit status {code}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not fail
            pass
        self.conn.close()


class QueryPool:
    """Persistent worker processes, each holding the store open read-only; a query
    running past ``timeout`` seconds gets its worker killed and replaced."""

    def __init__(self, store_dir: str | Path, timeout: float = DEFAULT_TIMEOUT, size: int = DEFAULT_WORKERS):
        if timeout <= 0:
            raise ValueError("the timeout must be a positive number of seconds")
        if size < 1:
            raise ValueError("at least one worker is needed")
        self.store_dir = Path(store_dir).resolve()
        self.timeout = float(timeout)
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        started = [self._spawn() for _ in range(size)]
        try:
            for worker in started:
                worker.wait_ready()
        except WorkerFailed:
            self.close()
            raise
        for worker in started:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkerFailed("the server is stopping")
            worker = _Worker(self.store_dir)
            self._workers.add(worker)
            return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.stop()

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        try:
            self._idle.put(self._spawn())
        except (WorkerFailed, OSError):
            pass  # stopping, or out of processes: the pool shrinks rather than fail here

    def run(self, request: dict) -> tuple[int, str, bytes]:
        """(HTTP status, content type, body) of one query request."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return 503, "text/plain", (f"the server is busy: all {self.size} query workers stayed busy for "
                                       f"{self.timeout:g} s (the time limit); try again later").encode()
        try:
            worker.wait_ready()
        except WorkerFailed as error:
            self._replace(worker)
            return 500, "text/plain", f"query worker failed: {error}".encode()
        try:
            worker.conn.send(request)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            cause = worker.exit_cause()
            self._replace(worker)
            return 500, "text/plain", (f"the query worker stopped unexpectedly ({cause}) while running this query; "
                                       "try again or simplify the query").encode()
        self._replace(worker)
        return 503, "text/plain", (f"query stopped: it ran past the time limit of {self.timeout:g} s "
                                   f"(kg serve --timeout SECONDS sets the limit)").encode()

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.process.pid for w in self._workers)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:  # ask them all to finish, then give them two seconds together
            try:
                worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for worker in workers:
            try:
                worker.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            worker.stop()


def _page() -> bytes:
    return resources.files("kg").joinpath("resources", "query_page.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    server_version = f"newskg/{__version__}"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall

    # ------------------------------------------------------------------ plumbing

    def _send(self, status: int, content_type: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type if "charset" in content_type else f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", self.server.cors)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict | None = None) -> None:
        self._send(status, "text/plain", (message.rstrip("\n") + "\n").encode("utf-8"), headers)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            super().log_message(format, *args)

    def _route(self) -> str:
        path = urlsplit(self.path).path
        return path.rstrip("/") or "/"

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.server.loopback and not is_loopback_name(self.headers.get("Host")):
            self.close_connection = True
            self._error(403, f"a server listening on this machine only answers requests addressed to it (Host: "
                             f"localhost or 127.0.0.1), not to {self.headers.get('Host')!r}")
            return False
        return True

    # ------------------------------------------------------------------ verbs

    def do_OPTIONS(self) -> None:
        if self._route() not in ("/", "/sparql", "/viewer") and not self._route().startswith(NAMED_ROUTE):
            return self._error(404, f"no such page: {self._route()} (try / or /sparql)")
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", self.server.cors)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        route = self._route()
        if route in ("/", "/index.html"):
            return self._send(200, "text/html", _page(), {
                "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                           "connect-src 'self'; base-uri 'none'; form-action 'self'"})
        if route == "/viewer":
            return self._viewer()
        if route == "/sparql":
            params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            return self._sparql(params)
        if route.startswith(NAMED_ROUTE):
            return self._named(route[len(NAMED_ROUTE):], parse_qs(urlsplit(self.path).query, keep_blank_values=True))
        self._error(404, f"no such page: {route} (the query page is /, the SPARQL endpoint /sparql, the named queries "
                         f"{NAMED_ROUTE}NAME, the viewer /viewer)")

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        """A named query, its parameters (``limit`` and ``offset`` among them) given in the
        query string as ``kg query --param`` takes them; ``format`` as for /sparql."""
        name = unquote(name)
        if name not in named_queries():
            return self._error(404, f"no named query {name!r} (they are: {', '.join(named_queries())})")
        formats = params.pop("format", [])
        repeated = sorted(key for key, values in params.items() if len(values) > 1)
        if repeated:
            return self._error(400, f"parameter {repeated[0]!r} given more than once")
        try:
            text = resolve_query(name, {key: values[0] for key, values in params.items()})
        except QueryError as error:
            return self._error(400, str(error))
        self._sparql({"query": [text], "format": formats})

    def do_POST(self) -> None:
        route = self._route()
        body = self._body()
        if body is None:
            return
        if route != "/sparql":
            return self._error(404, f"no such endpoint: {route} (POST queries to /sparql)")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if media == "application/sparql-update":
            return self._error(403, UPDATE_REFUSED)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8")
        if media == "application/x-www-form-urlencoded":
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                return self._error(400, "give the query either as the body or as the query parameter, not both")
            params["query"] = [text]
        else:
            return self._error(415, "POST a query as application/sparql-query or as application/x-www-form-urlencoded "
                                    f"(query=...); got {media or 'no Content-Type'}")
        self._sparql(params)

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._error(411, "send the body with a Content-Length (chunked transfer is not supported)")
            return None
        try:
            size = int(length or 0)
        except ValueError:
            size = -1
        if size < 0:
            self.close_connection = True
            self._error(400, "bad Content-Length")
            return None
        if size > MAX_BODY:
            self.close_connection = True
            self._error(413, f"the request body is larger than {MAX_BODY} bytes")
            return None
        return self.rfile.read(size)

    # ------------------------------------------------------------------ pages

    def _viewer(self) -> None:
        page = self.server.store_dir / "graph.html"
        if not page.is_file():
            return self._error(404, f"no viewer: {page} does not exist; `kg build --out {self.server.store_dir}` "
                                    f"or `kg view --store {self.server.store_dir}` writes it")
        self._send(200, "text/html", page.read_bytes())

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._error(403, UPDATE_REFUSED)
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            problem = "no query" if not queries or not queries[0].strip() else "more than one query parameter"
            return self._error(400, f"{problem}: give one SPARQL query as ?query=, as a query= form field, "
                                    "or as an application/sparql-query body")
        text = queries[0]
        if is_update(text):
            return self._error(403, UPDATE_REFUSED)
        try:
            check(text, allow_service=self.server.allow_service)
        except QueryRefused as error:
            return self._error(400, str(error))
        formats = params.get("format", [])
        request = {
            "query": text,
            "accept": self.headers.get("Accept"),
            "format": formats[0] if formats else None,
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
        }
        started = time.perf_counter()
        status, content_type, body = self.server.pool.run(request)
        elapsed = time.perf_counter() - started
        headers = {"Vary": "Accept", "Cache-Control": "no-store"}
        if status == 200:
            headers["Server-Timing"] = f"query;dur={elapsed * 1000:.1f}"
        if content_type == "text/plain" and not body.endswith(b"\n"):
            body += b"\n"
        self._send(status, content_type, body, headers)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server with its worker pool; ``serve_forever()`` runs it, ``close()``
    (or ``server_close()``) stops the workers and releases the port."""

    daemon_threads = True

    def __init__(self, store_dir: str | Path | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS, *, quiet: bool = False,
                 allow_service: bool = False, cors: str | None = None):
        if not 0 <= port <= 65535:
            raise ValueError(f"port {port} is out of range (0-65535; 0 picks a free one)")
        self.store_dir = Path(DEFAULT_OUT if store_dir is None else store_dir)
        self.quiet = quiet
        self.allow_service = allow_service
        self.loopback = is_loopback_name(host)
        self.cors = check_origin(cors) if cors else None
        self.pool = QueryPool(self.store_dir, timeout, workers)  # fails here if there is no store
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), _Handler)
        except OSError as error:
            self.pool.close()
            raise RuntimeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    close = server_close


def make_server(store_dir: str | Path | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS, **options) -> SparqlServer:
    """A ready server (workers started, port bound), not yet serving: run its
    ``serve_forever()`` (in a thread if you like), then ``shutdown()`` and ``close()``.
    Options: ``quiet`` (no request log), ``allow_service`` (let queries call
    ``SERVICE``), ``cors`` (the one origin whose pages may read the answers)."""
    return SparqlServer(store_dir, host, port, timeout, workers, **options)


def _interrupt(signum, frame):  # noqa: ARG001
    raise KeyboardInterrupt


def serve(store_dir: str | Path | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS, **options) -> None:
    """Serve the build in ``store_dir`` until Ctrl-C or SIGTERM; prints the URL.
    Options as for :func:`make_server`."""
    server = make_server(store_dir, host, port, timeout, workers, **options)
    url = server.url
    print(f"kg serve: {url} (SPARQL endpoint {url}sparql, query limit {server.pool.timeout:g} s, "
          f"{server.pool.size} worker{'s' if server.pool.size != 1 else ''}); Ctrl-C to stop", flush=True)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        server.server_close()
        print("kg serve: stopped", flush=True)


# --------------------------------------------------------------------------- command line


def register(verbs) -> None:
    parser = verbs.add_parser(
        "serve", help="serve the graph over HTTP: a SPARQL endpoint, a query page and the viewer",
        description="Serve a build read-only over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql (GET, POST form, "
        "POST application/sparql-query; results by Accept or ?format=), a query page at / and the build's viewer at "
        "/viewer. Prefixes nkg, schema, org, prov, skos, rdfs, rdf, owl, xsd, wd are predeclared; SPARQL Update is "
        "refused. Stops on Ctrl-C or SIGTERM.")
    parser.add_argument("--store", default=str(DEFAULT_OUT), help="folder of a build (default: %(default)s)")
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (default: %(default)s, this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s; 0 picks a free one)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds a query may run before it is stopped (default: %(default)g)")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                        help="queries run at the same time, one process each (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.add_argument("--allow-service", action="store_true",
                        help="let queries call SERVICE, which makes this server send requests to the addresses they name "
                        "(refused by default)")
    parser.add_argument("--cors", metavar="ORIGIN",
                        help="let web pages of this origin (e.g. https://example.org) read the answers; no CORS header "
                        "is sent without it")
    parser.set_defaults(handler=run)


def run(args) -> int:
    serve(args.store, args.host, args.port, args.timeout, args.workers, quiet=args.quiet,
          allow_service=args.allow_service, cors=args.cors)
    return 0


if __name__ == "__main__":  # pragma: no cover
    from .cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))
