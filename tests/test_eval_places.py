"""The geoparsing scorer and corpus readers, on tiny fixtures written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest_places import places_gazetteer  # noqa: F401
from dossier.eval.geo_corpora import (
    CORPORA,
    HELD_OUT,
    GeoArticle,
    GoldToponym,
    is_demonym,
    read_corpus,
    read_gaztag_xml,
    read_geovirus,
    read_gwn,
    realign,
)
from dossier.eval.places import Prediction, fold_of, fold_scores, score

TEXT = "Troops left Aleppo for Idlib. Turkish officials met in Ankara."

GWN_XML = """<?xml version='1.0' encoding='utf-8'?>
<articles><article file="0"><title>t</title><link>l</link>
<text>{text}</text>
<toponyms>
<toponym><extractedName>Aleppo</extractedName><type>Literal</type><start>12</start><end>18</end>
<geonamesID>170063</geonamesID><latitude>36.2</latitude><longitude>37.16</longitude></toponym>
<toponym><extractedName>Turkish</extractedName><type>Demonym</type><start>30</start><end>37</end>
</toponym>
</toponyms></article></articles>
"""

GWN_GOLD = (
    "Aleppo,,Aleppo,,36.2,,37.16,,12,,18||Idlib,,Idlib,,35.93,,36.63,,23,,28||"
    "Turkey,,Turkish,,39.0,,35.0,,30,,37||Ankara,,Ankara,,39.92,,32.85,,55,,61\n"
)

TR_XML = """<articles><article docid="a1"><title>t</title><url>u</url><domain>d</domain>
<dltime>x</dltime><text>{text}</text><toponyms>
<toponym><phrase>Aleppo</phrase><start>14</start><end>20</end><gaztag geonameid="170063">
<name>Aleppo</name><fcode>PPLA</fcode><lat>36.2</lat><lon>37.16</lon></gaztag></toponym>
<toponym><phrase>Turkish</phrase><start>30</start><end>37</end><gaztag geonameid="298795">
<name>Turkey</name><fcode>PCLI</fcode><lat>39</lat><lon>35</lon></gaztag></toponym>
<toponym><phrase>Nowhere</phrase><start>0</start><end>5</end></toponym>
</toponyms></article></articles>
"""


def gold(start: int, end: int, lat: float, lon: float, demonym: bool = False) -> GoldToponym:
    return GoldToponym(start, end, TEXT[start:end], lat, lon, demonym=demonym)


def test_score_counts_misses_as_wrong() -> None:
    items = [
        gold(12, 18, 36.2, 37.16),
        gold(23, 28, 35.93, 36.63),
        gold(55, 61, 39.92, 32.85),
        gold(30, 37, 39.0, 35.0, demonym=True),
    ]
    preds = [
        Prediction(12, 18, 36.21, 37.15),  # right
        Prediction(23, 28, 48.0, 2.0),  # found, far off
        # Ankara missed; the demonym predicted right
        Prediction(30, 37, 39.0, 35.0),
    ]
    without = score([items], [preds], demonyms=False)
    assert without.gold == 3 and without.found == 2
    assert without.recall == pytest.approx(2 / 3, abs=1e-3)
    assert without.acc161_all == pytest.approx(1 / 3, abs=1e-3)
    assert without.acc161_found == pytest.approx(0.5)
    assert without.median_km is not None and without.mean_km is not None
    assert without.mean_km > 1000
    with_dem = score([items], [preds], demonyms=True)
    assert with_dem.gold == 4 and with_dem.acc161_all == pytest.approx(0.5)


def test_folds_are_fixed_by_article_and_tuned_folds_leave_the_mean() -> None:
    articles = [
        GeoArticle(id=str(i), text="", toponyms=[gold(0, 5, 10.0, 10.0)]) for i in range(40)
    ]
    folds = [fold_of("X", a, 4) for a in articles]
    # a fold does not depend on the order of the corpus nor on the other articles
    assert [fold_of("X", a, 4) for a in reversed(articles)] == folds[::-1]
    assert fold_of("X", articles[7], 4) == folds[7]
    assert set(folds) == {0, 1, 2, 3}
    # right in folds 0 and 1, wrong elsewhere
    preds = [
        [Prediction(0, 5, 10.0, 10.0) if f < 2 else Prediction(0, 5, -10.0, -10.0)] for f in folds
    ]
    every = fold_scores("X", articles, preds, 4)
    by_fold = {f["fold"]: f for f in every["folds"]}  # type: ignore[attr-defined]
    assert [by_fold[k]["acc161_all"] for k in range(4)] == [1.0, 1.0, 0.0, 0.0]
    assert sum(f["articles"] for f in by_fold.values()) == 40
    assert every["mean"]["acc161_all"]["mean"] == 0.5  # type: ignore[index]
    tuned = fold_scores("X", articles, preds, 4, tuned_on=frozenset({0, 1}))
    assert tuned["mean"]["folds_reported"] == [2, 3]  # type: ignore[index]
    assert tuned["mean"]["acc161_all"]["mean"] == 0.0  # type: ignore[index]
    assert tuned["mean"]["recall"]["mean"] == 1.0  # type: ignore[index]


def test_partial_overlap_counts_as_found() -> None:
    items = [gold(12, 18, 36.2, 37.16)]
    s = score([items], [[Prediction(11, 16, 36.2, 37.16)]])
    assert s.found == 1 and s.acc161_all == 1.0
    s = score([items], [[Prediction(0, 11, 36.2, 37.16)]])
    assert s.found == 0


def test_realign_tolerates_drift() -> None:
    assert realign(TEXT, "Aleppo", 12, 18) == (12, 18)
    assert realign(TEXT, "Aleppo", 15, 21) == (12, 18)
    assert realign(TEXT, "Aleppo", 200, 206) is None


def test_demonyms() -> None:
    assert is_demonym("Turkish") and is_demonym("Iranians")
    assert is_demonym("European", None, "Europe")
    assert not is_demonym("Turkey") and not is_demonym("Aleppo", None, "Aleppo")
    assert is_demonym("Irish", "Demonym")


def test_readers(tmp_path: Path) -> None:
    (tmp_path / "GWN.xml").write_text(GWN_XML.format(text=TEXT))
    (tmp_path / "gwn.txt").write_text(GWN_GOLD)
    (tmp_path / "TR.xml").write_text(TR_XML.format(text=TEXT))
    gwn = read_gwn(tmp_path / "GWN.xml", tmp_path / "gwn.txt")
    assert len(gwn) == 1 and [t.surface for t in gwn[0].toponyms] == [
        "Aleppo",
        "Idlib",
        "Turkish",
        "Ankara",
    ]
    assert [t.demonym for t in gwn[0].toponyms] == [False, False, True, False]
    tr = read_gaztag_xml(tmp_path / "TR.xml")
    assert [(t.start, t.end, t.demonym) for t in tr[0].toponyms] == [
        (12, 18, False),
        (30, 37, True),
    ]


GEOVIRUS_XML = """<articles><article><source>s</source><text>{text}</text><locations>
<location><name>Aleppo</name><start>13</start><end>19</end><lat>36.2</lat><lon>37.15</lon>
<page>p</page></location>
<location><name>Idlib Ankara</name><start>0</start><end>2</end>
<location><name>Idlib</name><start>24</start><end>29</end><lat>35.9</lat><lon>36.6</lon></location>
<location><name>Ankara</name><start>56</start><end>62</end><lat>39.9</lat><lon>32.8</lon></location>
</location>
</locations></article></articles>
"""


def test_geovirus_reader_repairs_late_offsets_and_unwraps_nested_locations(tmp_path: Path) -> None:
    (tmp_path / "GV.xml").write_text(GEOVIRUS_XML.format(text=TEXT))
    (article,) = read_geovirus(tmp_path / "GV.xml")
    assert [(t.surface, TEXT[t.start : t.end]) for t in article.toponyms] == [
        ("Aleppo", "Aleppo"),
        ("Idlib", "Idlib"),
        ("Ankara", "Ankara"),
    ]
    assert {"GeoVirus"} == HELD_OUT and "GeoVirus" in CORPORA


@pytest.mark.corpus
def test_no_written_gazetteer_coordinate_equals_an_open_gold_point(shared_dir: Path) -> None:
    """places.yaml must not mirror the evaluation gold: no coordinate written there equals
    (to two decimals) a gold coordinate of the open geoparsing corpora (docs/places.md)."""
    from dossier.knowledge.resources import load_yaml

    corpus = shared_dir / "corpora" / "geoparsing"
    gold: set[tuple[float, float]] = set()
    for name in CORPORA:
        for article in read_corpus(name, corpus) or []:
            gold.update((round(t.lat, 2), round(t.lon, 2)) for t in article.toponyms)
    if not gold:
        pytest.skip("geoparsing corpora absent")
    curated = load_yaml("places.yaml")
    written = [
        (str(p["name"]), float(p["lat"]), float(p["lon"]))
        for p in curated["places"]
        if p.get("lat") is not None
    ]
    written += [(iso3, float(c[0]), float(c[1])) for iso3, c in curated["country_centres"].items()]
    assert written
    mirrored = [name for name, lat, lon in written if (round(lat, 2), round(lon, 2)) in gold]
    assert mirrored == []


@pytest.mark.corpus
def test_command_on_the_corpus(shared_dir: Path, tmp_path: Path, places_gazetteer: Path) -> None:  # noqa: F811
    from dossier.eval.places import command

    corpus = shared_dir / "corpora" / "geoparsing"
    if not (corpus / "TR-News.dev.xml").is_file():
        pytest.skip("geoparsing corpora absent")
    out = tmp_path / "places.json"
    result = CliRunner().invoke(
        command,
        [
            *("--corpus", str(corpus), "--limit", "4", "--only", "TR-News", "--json", str(out)),
            *("--folds", "2", "--tuned-on", "1"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    tr = data["TR-News"]
    assert tr["articles"] == 4
    assert [f["tuned_on"] for f in tr["k_fold"]["folds"]] == [False, True]
    assert sum(f["articles"] for f in tr["k_fold"]["folds"]) == 4
    assert "by document fold" in result.output
    ours, base = tr["dossier"]["without_demonyms"], tr["baseline"]["without_demonyms"]
    assert ours["gold"] == base["gold"] > 0
    assert ours["recall"] >= 0.5
    assert ours["acc161_all"] >= base["acc161_all"]
