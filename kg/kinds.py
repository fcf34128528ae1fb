"""The fact kinds, registered in one place, and the two passes over them: the facts of
an article (``extract_all``) and its quads (``article_quads``).

Each module of ``kg/extract/`` holds its kind's ``FactKind`` (``kg.model``): the
extractor per language, the RDF writer, how evaluation matches it against a gold item,
its ontology terms and the edges the viewer draws. ``KINDS`` lists them in the order
the build runs the extractors and ``kg eval`` lists the scores; ``EXTRACTORS`` (what
``kg build --extractors`` chooses from), ``write_fact``, ``kg.evaluate.FACT_KINDS`` and
the viewer's relations are read from it (docs/architecture.md, "Fact kinds").
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from pyoxigraph import Quad

from .english import agent_ref
from .extract import appointments, cases, dispatch, leads, meetings, office, sources, statements, visits
from .extract.common import ref_of
from .language_data import en, zh
from .model import AnalysedArticle, EntityRef, Fact, FactKind, Mention
from .rdf import ArticleGraph, article_graph
from .resolve import Resolver

KINDS: dict[str, FactKind] = {kind.name: kind for kind in (
    office.KIND, leads.KIND, dispatch.KIND, visits.KIND, meetings.KIND, statements.KIND, cases.KIND, sources.KIND,
    appointments.APPOINTMENT, appointments.DEPARTURE,
)}

EXTRACTORS: dict[str, FactKind] = {name: kind for name, kind in KINDS.items() if kind.made_by is None}
"""The extractors by name, in the order the build runs them."""


def extractor_names(names: Iterable[str] | None) -> list[str]:
    """The extractors named (all of them for None), in the order the build runs them;
    ValueError for a name no extractor has, or for no name."""
    if names is None:
        return list(EXTRACTORS)
    names = list(names)
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown or not names:
        wrong = f"unknown extractor{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}" if unknown else "no extractor named"
        raise ValueError(f"{wrong}; the extractors are {', '.join(EXTRACTORS)}")
    return [n for n in EXTRACTORS if n in names]


def extract_all(doc: AnalysedArticle, names: Iterable[str] | None = None) -> list[Fact]:
    """The facts of the extractors named (default: all) in one article. An English
    article's extractor may make several kinds: it runs once, and only the facts of
    the kinds chosen are kept."""
    chosen = extractor_names(names)
    if doc.language == "en":
        kinds = {k.name for k in KINDS.values() if k.extractor in chosen}
        runs: list[Callable[[AnalysedArticle], list[Fact]]] = []
        for kind in KINDS.values():
            run = kind.extract.get("en")
            if kind.name in kinds and run is not None and run not in runs:
                runs.append(run)
        return [fact for run in runs for fact in run(doc) if fact.kind in kinds]
    facts: list[Fact] = []
    for name in chosen:
        facts.extend(KINDS[name].extract["zh"](doc))
    return _posts_left(facts)


def _posts_left(facts: list[Fact]) -> list[Fact]:
    """A post the article reports being left (入境事务处处长李志明宣布辞职) is held no
    more: its office is a former one, and it leads nothing."""
    left = {_post_key(f) for f in facts if f.kind == "departure"}
    if not left:
        return facts
    kept = []
    for fact in facts:
        if fact.kind in ("office", "leads") and _post_key(fact) in left:
            if fact.kind == "leads":
                continue
            fact = Fact(fact.kind, dict(fact.args, former=True), fact.sentence, fact.confidence)
        kept.append(fact)
    return kept


def _post_key(fact: Fact) -> tuple:
    return fact.args["person"].name, fact.args["organization"].name, fact.args["role"]


def write_fact(graph: ArticleGraph, fact: Fact) -> None:
    """The quads of one fact, by the writer of its kind."""
    KINDS[fact.kind].write(graph, fact)


MENTION_TYPES = ("Person", "Organization", "GovernmentOrganization", "WorkingGroup", "NewsMedia", "AdministrativeArea", "Country", "Place")
"""The types of mention that name an entity of the graph."""


def article_quads(doc: AnalysedArticle, facts: list[Fact], resolver: Resolver, translation_of: str | None = None) -> tuple[str, list[Quad]]:
    """The named graph IRI of the article and every quad it yields: the article, the
    entities it mentions and its facts."""
    graph = article_graph(doc, resolver, translation_of)
    for mention in doc.mentions:
        if mention.type in MENTION_TYPES and mention.source != "jieba":
            ref = mention_ref(doc, mention)
            if ref is not None:
                graph.entity(ref)
    for fact in facts:
        write_fact(graph, fact)
    return graph.iri.value, graph.sorted_quads()


def mention_ref(doc: AnalysedArticle, mention: Mention) -> EntityRef | None:
    """The entity a mention names, or None for a bare generic word (工作组, the
    working group) whose antecedent the article never gave."""
    if doc.language == "en":
        ref = agent_ref(doc, mention)
    else:
        ref = ref_of(doc, mention)
    generic = (zh("dispatch")["generic_group"],) + en("dispatch")["generic_groups"]
    if ref.type == "WorkingGroup" and not ref.name.startswith("group:") and ref.name.lower() in generic:
        return None
    return ref

