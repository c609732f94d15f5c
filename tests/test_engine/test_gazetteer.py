"""Tests for streams.engine.gazetteer and the shipped rules/lists vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.engine.gazetteer import Gazetteer, GazetteerError, Mention
from streams.engine.text import fold


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def codes(mentions: list[Mention]) -> list[str]:
    return [m.code for m in mentions]


def surfaces(text: str, mentions: list[Mention]) -> list[str]:
    return [text[m.start : m.end] for m in mentions]


def test_default_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.default() is gaz


def test_shipped_lists_are_big_enough() -> None:
    from ruamel.yaml import YAML

    lists = Path(__file__).resolve().parents[2] / "rules" / "lists"
    places = YAML(typ="safe").load((lists / "places.yaml").read_text(encoding="utf-8"))["places"]
    actors = YAML(typ="safe").load((lists / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    countries = [p for p in places if p["kind"] == "country"]
    assert len(countries) >= 190
    assert len([p for p in countries if p.get("demonyms")]) >= 60
    assert len([p for p in places if p["kind"] in ("region", "sea")]) >= 40
    assert len(actors) >= 40
    for entry in places + actors:
        assert entry["code"] and entry["name"] and entry["kind"]


def test_countries_regions_and_seas(gaz: Gazetteer) -> None:
    text = (
        "Troops from Russia entered Ukraine while ships crossed the Black Sea toward Crimea and the Donbas."
    )
    assert codes(gaz.places(text)) == ["RU", "UA", "region:black-sea", "region:crimea", "region:donbas"]
    assert [m.kind for m in gaz.places(text)] == ["country", "country", "sea", "region", "region"]


def test_longest_match_wins(gaz: Gazetteer) -> None:
    text = (
        "South Korea and North Korea held talks near the Korean Peninsula; "
        "Papua New Guinea and Guinea-Bissau too."
    )
    found = gaz.places(text)
    assert surfaces(text, found) == [
        "South Korea",
        "North Korea",
        "Korean Peninsula",
        "Papua New Guinea",
        "Guinea-Bissau",
    ]
    assert codes(found) == ["KR", "KP", "region:korean-peninsula", "PG", "GW"]


def test_demonyms_map_to_their_country(gaz: Gazetteer) -> None:
    text = "Russian, Ukrainian, Chinese, Israeli and Iranian officials met with Americans and South Koreans."
    found = gaz.places(text)
    assert codes(found) == ["RU", "UA", "CN", "IL", "IR", "US", "KR"]
    assert {m.kind for m in found} == {"demonym"}
    assert found[0].name == "Russia"


def test_cities_carry_their_country_code(gaz: Gazetteer) -> None:
    text = "Strikes hit Kyiv, then Kiev's suburbs, Kharkiv and Moscow."
    found = gaz.places(text)
    assert codes(found) == ["UA", "UA", "UA", "RU"]
    assert [m.kind for m in found] == ["city"] * 4
    assert found[0].name == found[1].name == "Kyiv"


def test_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    text = "The US and UK told us the UN and the uk press agreed."
    assert surfaces(text, gaz.places(text)) == ["US", "UK"]
    assert surfaces(text, gaz.actors(text)) == ["UN"]
    shout = "PLA AND IDF UNITS; pla idf rsf"
    assert codes(gaz.actors(shout)) == ["actor:cn-pla", "actor:il-idf"]


def test_listed_cased_words(gaz: Gazetteer) -> None:
    text = "Turkey and Jordan sent envoys; nobody ate turkey in jordan, chad or georgia."
    assert codes(gaz.places(text)) == ["TR", "JO"]
    assert codes(gaz.actors("Nato and NATO but not nato")) == ["actor:nato", "actor:nato"]


def test_case_insensitive_names_and_folding(gaz: Gazetteer) -> None:
    text = "UKRAINE, ukraine, C\u00f4te d\u2019Ivoire and T\u00fcrkiye"
    found = gaz.places(text)
    assert codes(found) == ["UA", "UA", "CI", "TR"]
    assert surfaces(text, found)[2] == "C\u00f4te d\u2019Ivoire"


def test_word_boundaries(gaz: Gazetteer) -> None:
    assert codes(gaz.places("Prussian history and Iranians")) == ["IR"]
    assert codes(gaz.places("Prussian Omanibus Chadwick Perunova")) == []
    assert codes(gaz.places("Iran-Iraq war")) == ["IR", "IQ"]


def test_dotted_abbreviations_keep_their_period(gaz: Gazetteer) -> None:
    text = "The U.S. and U.K. warned; U.S.-led drills began."
    found = gaz.places(text)
    assert surfaces(text, found) == ["U.S.", "U.K.", "U.S."]
    assert codes(found) == ["US", "GB", "US"]


def test_actors(gaz: Gazetteer) -> None:
    text = (
        "Russian forces and the Wagner Group clashed with Hezbollah, Hamas and the Houthis, while "
        "Sandworm, Fancy Bear, Volt Typhoon and NoName057(16) hit networks; the IAEA and OSCE watched."
    )
    found = gaz.actors(text)
    assert codes(found) == [
        "actor:ru-armed-forces",
        "actor:wagner",
        "actor:hezbollah",
        "actor:hamas",
        "actor:houthis",
        "actor:sandworm",
        "actor:apt28",
        "actor:volt-typhoon",
        "actor:noname057",
        "actor:iaea",
        "actor:osce",
    ]
    assert surfaces(text, found)[8] == "NoName057(16)"
    assert found[0].kind == "armed_forces"


def test_longest_actor_beats_shorter(gaz: Gazetteer) -> None:
    text = "The Russian armed forces and the Russian Black Sea Fleet"
    assert surfaces(text, gaz.actors(text)) == ["Russian armed forces", "Russian Black Sea Fleet"]
    assert surfaces(text, gaz.places(text)) == ["Russian", "Russian", "Black Sea"]


def test_start_end_window_and_offsets(gaz: Gazetteer) -> None:
    text = "Poland said. Troops in Lithuania and Latvia. Estonia waited."
    start = text.index("Troops")
    end = text.index("Estonia")
    found = gaz.places(text, start, end)
    assert codes(found) == ["LT", "LV"]
    assert surfaces(text, found) == ["Lithuania", "Latvia"]
    assert gaz.places(text, 10, 10) == []


def test_country_of(gaz: Gazetteer) -> None:
    text = "Kyiv, the Donbas, Russians, the Sahel and NATO"
    places = gaz.places(text)
    assert [gaz.country_of(m) for m in places] == ["UA", "UA", "RU", None]
    assert gaz.country_of(gaz.actors("Hezbollah")[0]) == "LB"


def test_from_files_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        "places:\n"
        "  - {code: XA, name: Arcadia, kind: country, aliases: [Arcadia],\n"
        "     demonyms: [Arcadian], cased: [ARC]}\n"
        "actors:\n"
        "  - {code: 'actor:red', name: Red Team, kind: armed_group, aliases: [Red Team]}\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.from_files([good])
    text = "Arcadian Red Team units left ARC, not arc."
    assert [(m.code, m.kind) for m in gaz.places(text)] == [("XA", "demonym"), ("XA", "country")]
    assert codes(gaz.actors(text)) == ["actor:red"]

    clash = tmp_path / "clash.yaml"
    clash.write_text(
        "places:\n  - {code: XA, name: A, kind: country, aliases: [Same]}\n"
        "  - {code: XB, name: B, kind: country, aliases: [same]}\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match="already used by XA"):
        Gazetteer.from_files([clash])

    broken = tmp_path / "broken.yaml"
    broken.write_text("places:\n  - {name: NoCode, kind: country}\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"broken\.yaml"):
        Gazetteer.from_files([broken])

    empty = tmp_path / "empty.yaml"
    empty.write_text("places: []\n", encoding="utf-8")
    assert Gazetteer.from_files([empty]).places("Arcadia") == []


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_mentions_are_ordered_disjoint_and_match_their_text(text: str) -> None:
    gaz = Gazetteer.default()
    for finder in (gaz.places, gaz.actors):
        previous = 0
        for m in finder(text):
            assert previous <= m.start < m.end <= len(text)
            previous = m.end
            surface = fold(text[m.start : m.end])
            assert surface[0].isalnum() and (surface[-1].isalnum() or surface[-1] in ".)")


@given(
    st.sampled_from(["Ukraine", "South Korea", "Taiwan Strait", "Hezbollah", "U.S.", "NATO"]),
    st.text(max_size=40),
)
@settings(max_examples=100, deadline=None)
def test_known_name_is_found_after_any_prefix(name: str, prefix: str) -> None:
    gaz = Gazetteer.default()
    text = prefix + " " + name + " said."
    found = gaz.places(text) + gaz.actors(text)
    assert any(text[m.start : m.end] == name for m in found)
