"""The Dask engine gives the same records as the local run, on a LocalCluster with two workers."""
import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from conftest import ROOT
from nlp.corpus import articles
from nlp.dask_engine import extract_bag, run_dask
from nlp.extraction import run_extraction


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as local, Client(local) as client:
        yield local.scheduler_address, client


def local_records(inputs) -> list[dict]:
    import io

    out = io.StringIO()
    run_extraction([str(i) for i in inputs], stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def dask_records(out_dir: Path) -> list[dict]:
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for part in manifest["parts"]:
        rows += [json.loads(line) for line in (out_dir / part["part"]).read_text(encoding="utf-8").splitlines()]
    return rows


def test_seeds_on_a_cluster_match_the_local_run(cluster, tmp_path):
    address, _ = cluster
    manifest = run_dask([str(ROOT / "seeds")], tmp_path / "out", scheduler=address, part_size=2)
    assert len(manifest["parts"]) == 3 and manifest["articles"] == 5
    assert dask_records(tmp_path / "out") == local_records([ROOT / "seeds"])


def test_generated_corpus_on_a_cluster_matches_the_local_run(cluster, tmp_path):
    address, _ = cluster
    corpus = tmp_path / "corpus.jsonl"
    rows = articles(60, seeds_dir=ROOT / "seeds")
    rows[7]["date"] = "2014-03-01"
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(20, "{broken")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = run_dask([str(corpus)], tmp_path / "out", scheduler=address, part_size=16)
    assert manifest["articles"] == 60 and manifest["skipped"] == 1
    assert any("corpus.jsonl:21: expected a JSON object" in m for p in manifest["parts"] for m in p["skipped"])
    assert dask_records(tmp_path / "out") == local_records([corpus])


def test_a_bag_of_articles_maps_to_fact_records(cluster):
    import dask.bag as db

    _, client = cluster
    bag = db.from_sequence([{"id": "a", "text": "Selon le HCP, le taux de chômage a atteint 13 % en 2023."},
                            {"id": "b", "date": "2019-05-02", "text": "Le PIB a progressé de 0,3 % au premier trimestre."}],
                           npartitions=2)
    records = extract_bag(bag).compute()
    assert [(r["doc_id"], r["value"], r["period"]) for r in records] == [("a", 13, "2023"), ("b", 0.3, "2019-01/2019-03")]
