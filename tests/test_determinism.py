"""The same input gives the same bytes, whatever the hash seed and the number of jobs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.pipeline import sample_corpus
from kg.vocab import NKG, SCHEMA

FIXTURE = Path(__file__).parent / "fixtures" / "determinism" / "two-koike.md"
# (PYTHONHASHSEED, --jobs): seeds 0 and 2 once gave the short name 小池 to different people
RUNS = [("0", "1"), ("2", "2"), ("5", "1")]
EXPORTS = ("graph.ttl", "graph.trig", "graph.html")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    outs = []
    for seed, jobs in RUNS:
        out = tmp_path_factory.mktemp(f"seed{seed}-jobs{jobs}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, sample_corpus()), str(FIXTURE),
                                 "--out", str(out), "--jobs", jobs, "--no-progress"],
                                capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, result.stderr
        assert "articles read: 3, failed: 0" in result.stdout
        outs.append(out)
    return outs


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_are_the_same_bytes_under_any_seed_and_jobs(builds, name):
    first = (builds[0] / name).read_bytes()
    for out in builds[1:]:
        assert (out / name).read_bytes() == first, f"{out / name} differs from {builds[0] / name}"


def test_a_short_name_goes_to_the_full_name_named_last_before_it(builds):
    graph = rdflib.Graph().parse(builds[0] / "graph.ttl")
    said = {}
    for quote in graph.subjects(rdflib.RDF.type, SCHEMA.Quotation):
        evidence = str(graph.value(quote, NKG.evidence))
        creator = graph.value(quote, SCHEMA.creator)
        said[evidence] = {str(label) for label in graph.objects(creator, rdflib.RDFS.label)}
    by = {evidence[:8]: "小池敦义" if "小池敦义" in names else "小池淳义" if "小池淳义" in names else names
          for evidence, names in said.items() if "小池" in evidence}
    assert by == {
        "晶片公司Rapi": "小池敦义",  # 告诉记者，…: told the press
        "小池先生说：“我": "小池敦义",  # after 小池敦义 only
        "该公司会长小池淳": "小池淳义",
        "“我们将与合作伙": "小池淳义",  # 小池淳义 is the one named last before
        "小池先生还说，北": "小池淳义",
    }
