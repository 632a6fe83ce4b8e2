"""The Dask engine gives the same records as the local run, on a LocalCluster with two workers."""
import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from conftest import ROOT
from nlp.bench.corpus import articles
from nlp.io.dask_engine import extract_bag, run_dask
from nlp.io.extraction import run_extraction
from nlp.io.readers import InputError


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


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    """Loose files and a JSONL archive in one folder, as an archive of a newsroom holds them."""
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "002_ac61254d7316b9a9.txt", folder / "a.txt")
    rows = [{"id": "b1", "text": "Selon le HCP, le taux de chômage a atteint 13 % en 2023."},
            {"id": "b2", "date": "2019-10-12", "text": "Les recettes touristiques ont progressé de 12 % à fin septembre."}]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(1, '{"id": "huge", "text": "x", "n": %s}' % ("9" * 5000))  # past Python's 4,300 digits
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "c.txt").write_text("Les exportations ont atteint 12 millions de dirhams en 2022.", encoding="utf-8")
    return folder


def test_a_folder_of_loose_files_and_jsonl_keeps_the_local_order(cluster, mixed_folder, tmp_path):
    address, _ = cluster
    run_dask([str(mixed_folder)], tmp_path / "out", scheduler=address, part_size=2)
    rows = dask_records(tmp_path / "out")
    assert [r["doc_id"] for r in rows][-3:] == ["b1", "b2", "c"]
    assert rows == local_records([mixed_folder])


def test_relative_paths_reach_the_workers_as_absolute_ones(cluster, mixed_folder, tmp_path, monkeypatch):
    """The README's recipe: `-o facts/` and inputs relative to the client's folder, which is not the workers'."""
    address, _ = cluster
    expected = local_records([mixed_folder])
    monkeypatch.chdir(tmp_path)
    manifest = run_dask(["archive/a.txt", "archive/b.jsonl"], Path("facts"), scheduler=address)
    assert manifest["articles"] == 3 and manifest["skipped"] == 1
    assert manifest["parts"][1]["skipped"] == [f"{tmp_path}/archive/b.jsonl:2: expected a JSON object, got a number of "
                                               "5000 digits, more than Python reads"]
    assert dask_records(tmp_path / "facts") == [r for r in expected if r["doc_id"] != "c"]


def test_a_rerun_replaces_the_previous_output_and_a_failed_run_keeps_it(cluster, mixed_folder, tmp_path):
    address, _ = cluster
    out = tmp_path / "out"
    run_dask([str(mixed_folder)], out, scheduler=address, part_size=1)
    assert len(list(out.glob("part-*.jsonl"))) == 5  # a.txt, the three lines of b.jsonl, c.txt
    manifest = run_dask([str(mixed_folder / "c.txt")], out, scheduler=address)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "part-00000.jsonl"]
    assert [r["doc_id"] for r in dask_records(out)] == ["c"]
    with pytest.raises(Exception):
        run_dask([str(mixed_folder)], out, scheduler=address, batch_size=-1)  # fails on the workers
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "out"]  # nothing left beside it


def test_a_folder_holding_other_files_is_never_replaced(cluster, mixed_folder, tmp_path):
    address, _ = cluster
    (tmp_path / "notes.txt").write_text("mes notes", encoding="utf-8")
    with pytest.raises(InputError, match="expected an empty folder or a previous run's parts and manifest, found archive, notes.txt"):
        run_dask([str(mixed_folder)], tmp_path, scheduler=address)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mes notes"


def test_an_unreadable_folder_is_named_in_the_manifest(cluster, mixed_folder, tmp_path, monkeypatch):
    import os

    address, _ = cluster
    locked = mixed_folder / "locked"
    locked.mkdir()
    listing = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)  # the client lists the folders
    manifest = run_dask([str(mixed_folder)], tmp_path / "out", scheduler=address)
    assert manifest["skipped"] == 2 and manifest["articles"] == 4
    assert [m for p in manifest["parts"] for m in p["skipped"]][-1] == f"{locked}: expected a readable folder, got Permission denied"
