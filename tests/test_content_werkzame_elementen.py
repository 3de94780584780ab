"""The deck 'Werkzame elementen' (seed 004, 5.2, L908–1078) holds every element, verbatim."""

from tests.test_content import SEEDS, missing_from_seed

ID = "werkzame-elementen"


def kaarten(sources):
    return [k for c in sources.documents[ID].categorieen for k in c.kaarten]


def test_one_category_as_in_the_seed(sources):
    document = sources.documents[ID]
    assert document.soort == "kaarten"
    assert [c.naam for c in document.categorieen] == ["Werkzame elementen"]


def test_eighteen_elements_and_twenty_six_sub_points(sources):
    cards = kaarten(sources)
    assert len(cards) == 18
    assert sum(len(k.lijst) for k in cards) == 26
    with_points = {k.tekst: len(k.lijst) for k in cards if k.lijst}
    assert with_points == {
        "Brede, systemische analyse vanaf de start, bijvoorbeeld bij aanmelding bij de uitvoeringsorganisatie": 7,
        "Vorm een team met ouders en betrokkenen": 9,
        "Doe een team met ouders en betrokkenen": 5,
        "Zorg goed voor jezelf en voor elkaar": 5,
    }


def test_seed_has_as_many_bullets_as_the_deck(sources):
    """The seed's section has one '•' per card and one 'o' per sub-point."""
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    lines = text.splitlines()[907:1078]  # L908–1078
    assert lines[0].strip() == "Werkzame elementen"
    assert sum(line.lstrip().startswith("•") for line in lines) == len(kaarten(sources))
    assert sum(line.lstrip().startswith("o ") for line in lines) == sum(len(k.lijst) for k in kaarten(sources))


def test_order_and_samples(sources):
    cards = kaarten(sources)
    assert cards[0].tekst.startswith("Gezin en kind ontmoeten")
    assert cards[15].tekst == "Druk op de stopknop"
    assert cards[15].toelichting.startswith("bij spanning, onrust, ingezogen worden")
    assert cards[16].tekst == "Leid en volg tegelijkertijd"
    assert cards[12].lijst[0].startswith("Check in; en stel elkaar vragen")
    assert cards[-1].tekst == "Zorg goed voor jezelf en voor elkaar"


def test_text_is_verbatim(sources):
    strings = []
    for k in kaarten(sources):
        strings += [k.tekst, *([k.toelichting] if k.toelichting else []), *k.lijst]
    assert missing_from_seed(strings, "004") == []


def test_no_list_punctuation_left(sources):
    for k in kaarten(sources):
        for text in [k.tekst, k.toelichting or "", *k.lijst]:
            assert not text.rstrip().endswith((";", ",")), text
            assert not text.lstrip().startswith(("•", "o ")), text
