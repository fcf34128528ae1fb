from __future__ import annotations

import pytest

from kg.pipeline import build, sample_corpus
from kg.vocab import prefix_header


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The bundled sample corpus built once into a temporary output folder."""
    out = tmp_path_factory.mktemp("sample")
    summary, store = build(sample_corpus(), out)
    yield out, summary, store
    store.close()


@pytest.fixture(scope="session")
def ask(sample_build):
    _, _, store = sample_build

    def run(body: str) -> bool:
        return bool(store.query(prefix_header() + "ASK {" + body + "}"))

    return run
