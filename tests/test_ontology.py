"""The ontology (ontology/newskg.ttl) and the SHACL shapes (ontology/shapes.ttl).

- both files parse, with rdflib and with Raptor's ``rapper``;
- the ontology declares every ``nkg:`` term the code uses (``kg.vocab.NKG_TERMS``),
  with the right type, labels and comments in English and Chinese, domain and range;
  and nothing else, so the two cannot drift;
- the case-category scheme holds one concept per row of case_categories.tsv;
- a small hand-written graph conforms to the shapes, and broken ones do not, with the
  broken node as the focus node of the report.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS, XSD, ORG

from kg.vocab import NKG, NKG_TERMS, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "newskg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CATEGORIES_TSV = ROOT / "kg" / "resources" / "case_categories.tsv"
ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ontology")
SCHEME = NKG.CaseCategories

TERM_TYPES = {
    "classes": OWL.Class,
    "object_properties": OWL.ObjectProperty,
    "datatype_properties": OWL.DatatypeProperty,
    "individuals": OWL.NamedIndividual,
}
# types that make a resource a class or a property
TERM_KINDS = {
    OWL.Class, RDFS.Class, RDFS.Datatype,
    RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual,
    OWL.SymmetricProperty, OWL.TransitiveProperty, OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty,
}


_QNAMES = Graph()
for _p, _ns in (("nkg", NKG), ("schema", SCHEMA), ("org", ORG), ("prov", PROV),
                ("skos", SKOS), ("rdfs", RDFS), ("rdf", RDF), ("owl", OWL), ("xsd", XSD)):
    _QNAMES.bind(_p, _ns, override=True)


def _langs(g: Graph, s, p) -> set[str]:
    return {o.language.lower() for o in g.objects(s, p) if isinstance(o, Literal) and o.language}


def _categories() -> list[dict[str, str]]:
    with CATEGORIES_TSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def ont() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


# --------------------------------------------------------------------------- parsing

@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_with_rdflib(path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 50


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_with_rapper(path):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("Raptor's rapper is not installed")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr


# --------------------------------------------------------------------------- ontology

def test_ontology_header(ont):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ont
    DCT = "http://purl.org/dc/terms/"
    for p in ("title", "description", "license"):
        assert ont.value(ONTOLOGY_IRI, URIRef(DCT + p)) is not None, p
    assert _langs(ont, ONTOLOGY_IRI, URIRef(DCT + "title")) >= {"en", "zh-hans"}
    assert ont.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ont.value(ONTOLOGY_IRI, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")) \
        == Literal(str(NKG))
    declared = {
        (str(ont.value(d, SH.prefix)), str(ont.value(d, SH.namespace)))
        for d in ont.objects(ONTOLOGY_IRI, SH.declare)
    }
    assert ("nkg", str(NKG)) in declared and ("schema", str(SCHEMA)) in declared


@pytest.mark.parametrize(
    "kind,name", [(k, n) for k, names in NKG_TERMS.items() for n in names],
    ids=lambda x: x if isinstance(x, str) else None,
)
def test_every_vocab_term_is_declared(ont, kind, name):
    term = NKG[name]
    types = set(ont.objects(term, RDF.type))
    assert TERM_TYPES[kind] in types, f"nkg:{name} is not an {TERM_TYPES[kind].n3()}"
    others = {TERM_TYPES[k] for k in TERM_TYPES if k != kind}
    assert not types & others, f"nkg:{name} has conflicting types {types}"
    assert _langs(ont, term, RDFS.label) >= {"en", "zh-hans"}, f"labels of nkg:{name}"
    assert _langs(ont, term, RDFS.comment) >= {"en", "zh-hans"}, f"comments of nkg:{name}"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ont
    if kind.endswith("properties"):
        assert ont.value(term, RDFS.domain) is not None, f"nkg:{name} has no domain"
        assert ont.value(term, RDFS.range) is not None, f"nkg:{name} has no range"
    if kind == "datatype_properties":
        assert str(ont.value(term, RDFS.range)).startswith(str(XSD))


def test_no_undeclared_terms(ont):
    """Every nkg: class or property in the ontology is in NKG_TERMS (and vice versa above)."""
    listed = {NKG[n] for names in NKG_TERMS.values() for n in names}
    declared = {
        s for s, t in ont.subject_objects(RDF.type)
        if t in TERM_KINDS and isinstance(s, URIRef) and str(s).startswith(str(NKG))
    }
    assert declared - listed == set(), f"declared but not in kg.vocab.NKG_TERMS: {declared - listed}"


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_no_stray_nkg_iris(path):
    """Every nkg: IRI used anywhere is a listed term, a case category or the scheme."""
    g = Graph().parse(path, format="turtle")
    known = {NKG[n] for names in NKG_TERMS.values() for n in names}
    known |= {NKG[row["concept"]] for row in _categories()} | {SCHEME}
    used = {t for triple in g for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(NKG))}
    assert used - known == set(), f"unknown nkg: IRIs (typo, or missing from NKG_TERMS): {used - known}"


@pytest.mark.parametrize("sub,rel,sup", [
    (NKG.WorkingGroup, RDFS.subClassOf, SCHEMA.Organization),
    (NKG.WorkingGroup, RDFS.subClassOf, ORG.Organization),
    (NKG.Dispatch, RDFS.subClassOf, SCHEMA.Event),
    (NKG.Dispatch, RDFS.subClassOf, PROV.Activity),
    (NKG.Visit, RDFS.subClassOf, SCHEMA.Event),
    (NKG.Meeting, RDFS.subClassOf, SCHEMA.Event),
    (NKG.CaseReport, RDFS.subClassOf, SCHEMA.Observation),
    (NKG.CaseCategory, RDFS.subClassOf, SKOS.Concept),
    (NKG.leads, RDFS.subPropertyOf, ORG.headOf),
    (NKG.meets, RDF.type, OWL.SymmetricProperty),
    (NKG.caseCategory, RDFS.range, NKG.CaseCategory),
    (NKG.reports, RDFS.range, NKG.CaseReport),
    (NKG.evidence, RDFS.range, XSD.string),
    (NKG.attestedOn, RDFS.range, XSD.date),
    (NKG.confidence, RDFS.range, XSD.decimal),
    (NKG.contentHash, RDFS.domain, SCHEMA.NewsArticle),
    (NKG.contentHash, RDFS.seeAlso, SCHEMA.sha256),
], ids=lambda x: _QNAMES.qname(x))
def test_alignment(ont, sub, rel, sup):
    assert (sub, rel, sup) in ont


# --------------------------------------------------------------------------- case categories

def test_case_categories_scheme(ont):
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in ont
    rows = _categories()
    assert rows, "case_categories.tsv is empty"
    for row in rows:
        c = NKG[row["concept"]]
        assert (c, SKOS.inScheme, SCHEME) in ont, c
        assert (c, RDF.type, SKOS.Concept) in ont, c
        assert (c, RDF.type, NKG.CaseCategory) in ont, c
        assert (c, SKOS.prefLabel, Literal(row["label_en"], lang="en")) in ont, c
        zh = {str(o) for o in ont.objects(c, SKOS.prefLabel)
              if isinstance(o, Literal) and (o.language or "").lower() == "zh-hans"}
        assert zh == {row["label_zh"]}, c
    in_scheme = set(ont.subjects(SKOS.inScheme, SCHEME))
    assert in_scheme == {NKG[r["concept"]] for r in rows}, "scheme and TSV differ"


def test_case_categories_hierarchy(ont):
    in_scheme = set(ont.subjects(SKOS.inScheme, SCHEME))
    assert (NKG.LocalConfirmed, SKOS.broader, NKG.Confirmed) in ont
    assert (NKG.LocalAsymptomatic, SKOS.broader, NKG.Asymptomatic) in ont
    tops = set(ont.objects(SCHEME, SKOS.hasTopConcept))
    assert tops == set(ont.subjects(SKOS.topConceptOf, SCHEME))
    for c in in_scheme:
        broader = set(ont.objects(c, SKOS.broader))
        assert broader <= in_scheme, c
        assert bool(broader) != (c in tops), f"{c}: a concept is either top or has a broader one"


def test_shapes_category_list_matches_scheme(ont, shapes):
    (lst,) = [o for s, o in shapes.subject_objects(SH["in"])
              if (s, SH.path, NKG.caseCategory) in shapes]
    assert set(Collection(shapes, lst)) == set(ont.subjects(SKOS.inScheme, SCHEME))


def test_shapes_target_classes_only(shapes):
    for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        assert not list(shapes.subject_objects(p)), p


# --------------------------------------------------------------------------- SHACL

VALID = """
@prefix id:     <https://w3id.org/newskg/id/> .
@prefix nkg:    <https://w3id.org/newskg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:    <http://www.w3.org/2002/07/owl#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix wd:     <http://www.wikidata.org/entity/> .

id:article-a1 a schema:NewsArticle ;
    schema:headline "国务院联防联控机制工作组抵达新疆"@zh-Hans ;
    schema:datePublished "2022-08-13T09:30:00+08:00"^^xsd:dateTime ;
    schema:url <https://example.org/news/a1> ;
    schema:publisher id:org-tianshan ;
    schema:inLanguage "zh-Hans" ;
    schema:isBasedOn id:org-tianshan ;
    nkg:sourceFile "000_b91cb83c69584b36.txt" ;
    nkg:contentHash "357efe046e45b29c5d33400c502bae0b9ef74564d204a9e6332f0724137c4a1b" ;
    schema:mentions id:person-lei , id:person-ma , id:org-nhc , id:place-xinjiang .

id:article-a1-en a schema:NewsArticle ;          # a plain .txt: no headline, no date
    schema:inLanguage "en" ;
    schema:translationOfWork id:article-a1 .

id:person-lei a schema:Person ;
    rdfs:label "雷海潮"@zh-Hans , "Lei Haichao"@en ;
    org:holds id:post-nhc-deputy ;
    nkg:leads id:org-wg ;
    nkg:visits id:place-urumqi ;
    nkg:meets id:person-ma .

id:person-ma a schema:Person ;
    rdfs:label "马兴瑞"@zh-Hans , "馬興瑞"@zh-Hant , "Ma Xingrui"@en ;
    org:holds id:post-xj-secretary ;
    nkg:leads id:org-xj-leading ;
    nkg:meets id:person-lei .

id:org-nhc a schema:GovernmentOrganization ;
    rdfs:label "国家卫生健康委员会"@zh-Hans ;
    skos:altLabel "中国卫健委"@zh-Hans , "卫健委"@zh-Hans .

id:org-xj-party a schema:GovernmentOrganization ;
    rdfs:label "中共新疆维吾尔自治区委员会"@zh-Hans .

id:org-joint a schema:GovernmentOrganization ;
    rdfs:label "国务院联防联控机制综合组"@zh-Hans ;
    nkg:sends id:org-wg .

id:org-wg a nkg:WorkingGroup ;
    rdfs:label "国务院联防联控机制工作组"@zh-Hans ;
    nkg:sentTo id:place-xinjiang ;
    nkg:visits id:place-urumqi .

id:org-xj-leading a nkg:WorkingGroup ;
    rdfs:label "自治区疫情防控工作领导小组"@zh-Hans .

id:org-tianshan a schema:NewsMediaOrganization ;
    rdfs:label "天山网"@zh-Hans .

id:place-china a schema:Country ;
    rdfs:label "中国"@zh-Hans , "China"@en ;
    owl:sameAs wd:Q148 ;
    nkg:reports id:report-china-new .

id:place-xinjiang a schema:AdministrativeArea ;
    rdfs:label "新疆维吾尔自治区"@zh-Hans , "Xinjiang"@en ;
    skos:altLabel "新疆"@zh-Hans ;
    schema:containedInPlace id:place-china ;
    nkg:reports id:report-xj-local-asym .

id:place-urumqi a schema:AdministrativeArea ;
    rdfs:label "乌鲁木齐"@zh-Hans , "Urumqi"@en ;
    schema:containedInPlace id:place-xinjiang .

id:role-deputy-director a skos:Concept ; skos:prefLabel "副主任"@zh-Hans .
id:role-party-secretary a skos:Concept ; skos:prefLabel "党委书记"@zh-Hans .

id:post-nhc-deputy a org:Post ;
    rdfs:label "国家卫生健康委员会副主任"@zh-Hans ;
    org:postIn id:org-nhc ;
    org:role id:role-deputy-director .

id:post-xj-secretary a org:Post ;
    rdfs:label "新疆维吾尔自治区党委书记"@zh-Hans ;
    org:postIn id:org-xj-party ;
    org:role id:role-party-secretary .

id:membership-1 a org:Membership ;
    org:member id:person-lei ;
    org:organization id:org-nhc ;
    org:role id:role-deputy-director ;
    nkg:attestedOn "2022-08-12"^^xsd:date ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "中国卫生健康委副主任雷海潮任工作组组长。" ;
    nkg:confidence 0.9 .

id:dispatch-1 a nkg:Dispatch ;
    nkg:sender id:org-joint ;
    nkg:dispatched id:org-wg ;
    nkg:destination id:place-xinjiang ;
    schema:startDate "2022-08-12"^^xsd:date ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "国务院联防联控机制综合组派出工作组赴新疆。" ;
    nkg:confidence 0.8 .

id:visit-1 a nkg:Visit ;
    schema:attendee id:org-wg ;
    schema:location id:place-urumqi ;
    schema:startDate "2022-08-12"^^xsd:date ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "工作组抵达乌鲁木齐。" .

id:report-china-new a nkg:CaseReport ;
    schema:observationAbout id:place-china ;
    nkg:caseCategory nkg:NewInfections ;
    schema:value 2005 ;
    schema:observationDate "2022-08-12"^^xsd:date ;
    nkg:reportedBy id:org-nhc ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "全国新增感染者2005例。" ;
    nkg:confidence 0.95 .

id:report-xj-local-asym a nkg:CaseReport ;
    schema:observationAbout id:place-xinjiang ;
    nkg:caseCategory nkg:LocalAsymptomatic ;
    schema:value 334 ;
    schema:observationDate "2022-08-12"^^xsd:date ;
    nkg:reportedBy id:org-nhc ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "新疆本土无症状感染者334例。" .

id:meeting-1 a nkg:Meeting ;
    schema:name "工作组与自治区领导会商"@zh-Hans ;
    schema:attendee id:person-lei , id:person-ma ;
    schema:location id:place-urumqi ;
    schema:startDate "2022-08-12"^^xsd:date ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "马兴瑞与雷海潮一行座谈。" .

id:quote-1 a schema:Quotation ;
    schema:creator id:person-lei ;
    schema:text "要坚决遏制疫情扩散蔓延。"@zh-Hans ;
    schema:dateCreated "2022-08-12"^^xsd:date ;
    prov:wasDerivedFrom id:article-a1 ;
    nkg:evidence "雷海潮表示，要坚决遏制疫情扩散蔓延。" ;
    nkg:confidence 0.7 .
"""

ID = "https://w3id.org/newskg/id/"


def I(name: str) -> URIRef:  # noqa: E743 - an entity IRI in the test graph
    return URIRef(ID + name)


def _validate(data: Graph, shapes: Graph, **kw):
    from pyshacl import validate

    conforms, results, text = validate(data, shacl_graph=shapes, **kw)
    found = {
        (results.value(r, SH.focusNode), results.value(r, SH.resultPath))
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for r in results.objects(report, SH.result)      # top level, not sh:detail
    }
    return conforms, found, text


@pytest.fixture()
def valid() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def test_shapes_graph_is_valid_shacl(valid, shapes):
    conforms, found, text = _validate(valid, shapes, meta_shacl=True)
    assert conforms, text


def test_empty_graph_conforms(shapes):
    conforms, found, text = _validate(Graph(), shapes)
    assert conforms, text


def test_valid_graph_conforms(valid, shapes):
    conforms, found, text = _validate(valid, shapes)
    assert conforms, text


def test_valid_graph_conforms_with_ontology_and_rdfs_inference(valid, shapes, ont):
    """The ontology's domains and ranges type nothing in a way the shapes reject."""
    conforms, found, text = _validate(valid, shapes, ont_graph=ont, inference="rdfs")
    assert conforms, text


def test_broken_graph(valid, shapes):
    g = valid
    report, membership, post = I("report-china-new"), I("membership-1"), I("post-nhc-deputy")
    g.set((report, SCHEMA.value, Literal("2005")))
    g.remove((membership, NKG.evidence, None))
    g.remove((post, ORG.postIn, None))
    conforms, found, text = _validate(g, shapes)
    assert not conforms
    assert found == {
        (report, SCHEMA.value),
        (membership, NKG.evidence),
        (post, ORG.postIn),
    }, text


def _set(s, p, *objs):
    def mutate(g: Graph):
        g.remove((I(s), p, None))
        for o in objs:
            g.add((I(s), p, o))
    return mutate


def _drop(s, p):
    return _set(s, p)


BREAKAGES = {
    "negative count": (_set("report-xj-local-asym", SCHEMA.value, Literal(-1)),
                       "report-xj-local-asym", SCHEMA.value),
    "category outside the scheme": (_set("report-xj-local-asym", NKG.caseCategory, I("role-deputy-director")),
                                    "report-xj-local-asym", NKG.caseCategory),
    "two categories": (_set("report-xj-local-asym", NKG.caseCategory, NKG.Deaths, NKG.Recovered),
                       "report-xj-local-asym", NKG.caseCategory),
    "report about a person": (_set("report-xj-local-asym", SCHEMA.observationAbout, I("person-ma")),
                              "report-xj-local-asym", SCHEMA.observationAbout),
    "date as a string": (_set("report-xj-local-asym", SCHEMA.observationDate, Literal("2022-08-12")),
                         "report-xj-local-asym", SCHEMA.observationDate),
    "meeting of one": (_set("meeting-1", SCHEMA.attendee, I("person-lei")), "meeting-1", SCHEMA.attendee),
    "quotation without speaker": (_drop("quote-1", SCHEMA.creator), "quote-1", SCHEMA.creator),
    "quotation without text": (_drop("quote-1", SCHEMA.text), "quote-1", SCHEMA.text),
    "dispatch without source": (_drop("dispatch-1", PROV.wasDerivedFrom), "dispatch-1", PROV.wasDerivedFrom),
    "dispatch without group": (_drop("dispatch-1", NKG.dispatched), "dispatch-1", NKG.dispatched),
    "visit without place": (_drop("visit-1", SCHEMA.location), "visit-1", SCHEMA.location),
    "confidence above 1": (_set("membership-1", NKG.confidence, Literal("1.5", datatype=XSD.decimal)),
                           "membership-1", NKG.confidence),
    "confidence as a double": (_set("membership-1", NKG.confidence, Literal(0.9)),
                               "membership-1", NKG.confidence),
    "membership without role": (_drop("membership-1", ORG.role), "membership-1", ORG.role),
    "post with two roles": (_set("post-nhc-deputy", ORG.role, I("role-deputy-director"), I("role-party-secretary")),
                            "post-nhc-deputy", ORG.role),
    "role not a concept": (_set("post-nhc-deputy", ORG.role, Literal("副主任")), "post-nhc-deputy", ORG.role),
    "label without language": (_set("person-lei", RDFS.label, Literal("雷海潮")), "person-lei", RDFS.label),
    "place without label": (_drop("place-urumqi", RDFS.label), "place-urumqi", RDFS.label),
    "two languages": (_set("article-a1", SCHEMA.inLanguage, Literal("zh-Hans"), Literal("en")),
                      "article-a1", SCHEMA.inLanguage),
    "no language": (_drop("article-a1-en", SCHEMA.inLanguage), "article-a1-en", SCHEMA.inLanguage),
    "unknown language": (_set("article-a1", SCHEMA.inLanguage, Literal("chinese")),
                         "article-a1", SCHEMA.inLanguage),
    "publication date without time": (_set("article-a1", SCHEMA.datePublished,
                                           Literal("2022-08-13", datatype=XSD.date)),
                                      "article-a1", SCHEMA.datePublished),
    "leads a person": (_set("person-lei", NKG.leads, I("person-ma")), "person-lei", NKG.leads),
    "content hash not a SHA-256": (_set("article-a1", NKG.contentHash, Literal("357efe04")), "article-a1", NKG.contentHash),
    "content hash in capitals": (_set("article-a1", NKG.contentHash, Literal("357EFE046E45B29C5D33400C502BAE0B9EF74564D204A9E6332F0724137C4A1B")),
                                 "article-a1", NKG.contentHash),
    "place inside a person": (_set("place-urumqi", SCHEMA.containedInPlace, I("person-ma")),
                              "place-urumqi", SCHEMA.containedInPlace),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_breakage_is_reported(valid, shapes, name):
    mutate, focus, path = BREAKAGES[name]
    mutate(valid)
    conforms, found, text = _validate(valid, shapes)
    assert not conforms, name
    assert found == {(I(focus), path)}, text


def test_corpus_sentences_build_a_graph_that_conforms(tmp_path, shapes):
    """A person cited as a source, and a post in a place the gazetteer does not hold, as
    the corpus has them."""
    from kg.pipeline import build

    (tmp_path / "article.txt").write_text(
        "据耿忠介绍，为了让更多的人尤其是年轻人有机会接触到中国电影，除电影节期间之外，还和一些大学开展交流并定期举办论坛等。\n"
        "情报公司 Control Risks 的西非分析师贝弗利·奥奇恩告诉半岛电视台，持续不断的内讧使恩巴洛政府变得脆弱。\n",
        encoding="utf-8")
    summary, _ = build([tmp_path / "article.txt"], tmp_path / "out", viewer=False)
    data = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert summary.facts.get("source", 0) >= 1
    conforms, found, text = _validate(data, shapes)
    assert conforms, text
