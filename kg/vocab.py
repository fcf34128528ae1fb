"""Namespaces and the terms of the public contract, in one place.

Every ``nkg:`` term used anywhere in the code is named here, and the ontology in
``ontology/newskg.ttl`` declares each of them (a test checks both ways).
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, ORG

NKG = Namespace("https://w3id.org/newskg/ontology#")
SCHEMA = Namespace("https://schema.org/")
DEFAULT_BASE = "https://w3id.org/newskg/id/"
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "nkg": str(NKG),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "owl": str(OWL),
    "xsd": str(XSD),
    "wd": str(WIKIDATA),
}

ENTITY_CLASSES = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "GovernmentOrganization": SCHEMA.GovernmentOrganization,
    "WorkingGroup": NKG.WorkingGroup,
    "NewsMedia": SCHEMA.NewsMediaOrganization,
    "Place": SCHEMA.Place,
    "AdministrativeArea": SCHEMA.AdministrativeArea,
    "Country": SCHEMA.Country,
}

ENTITY_FAMILY = {
    "Person": "person",
    "Organization": "org",
    "GovernmentOrganization": "org",
    "WorkingGroup": "org",
    "NewsMedia": "org",
    "Place": "place",
    "AdministrativeArea": "place",
    "Country": "place",
}

NKG_TERMS = {
    "classes": ["WorkingGroup", "Dispatch", "Visit", "CaseReport", "Meeting", "CaseCategory", "Bound", "Appointment", "Departure",
                "ResultRow"],
    "object_properties": [
        "leads", "sends", "sentTo", "sender", "dispatched", "destination",
        "visits", "reports", "caseCategory", "reportedBy", "bound", "meets",
        "holder", "post", "replaces", "succeeded",
    ],
    "individuals": ["AtLeast", "AtMost"],
    "datatype_properties": ["evidence", "attestedOn", "confidence", "sourceFile", "contentHash", "heldSince", "heldUntil", "formerOn",
                            "rank"],
}


def prefix_header() -> str:
    """SPARQL PREFIX lines for every namespace the project predeclares."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
