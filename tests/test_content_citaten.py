"""The deck 'Citaten': three categories of quotes from three publications, each with its own bron.
Leersessies: the 29 quotes of 001 exactly as helpende-vragen.yaml holds them; Ervaringsdeskundigen:
the 7 quotes on Home and the principles' first pages of 002; Deelnemers: the 25 distinct quotes of
participants in 004. Every text verbatim from its seed."""

from deck.model.common import Bron
from tests.test_content import SEEDS, _squash, doc, missing_from_seed, seed

CATEGORIES = ["Leersessies", "Ervaringsdeskundigen", "Deelnemers"]
COUNTS = [29, 7, 25]

# 002: one quote on Home and one on each principle's first page; Eenvoudig's (r. 1376) is printed
# just before its heading, the others just after "[Klik hier voor inspiratie](#)".
LINES_002 = [21, 93, 783, 1376, 1934, 2497, 3005]
PAGES_002 = [None, "Gezinsgericht", "Rechtsbeschermend & transparant", "Eenvoudig", "Handelen na afweging"]
PAGES_002 += ["Van mens tot mens werken", "Lerend"]

# 004: the first and last line of each quote block, in the order of the seed. r. 1085–1089 repeats
# r. 901–905 (with 'een' for 'één') and is not a card of its own.
BLOCKS_004 = [(96, 98), (102, 102), (104, 104), (224, 226), (232, 234), (237, 240), (274, 276), (279, 279)]
BLOCKS_004 += [(282, 282), (353, 359), (478, 481), (545, 548), (665, 667), (779, 780), (783, 785), (793, 795)]
BLOCKS_004 += [(901, 905), (1081, 1081), (1147, 1156), (1186, 1189), (1192, 1195), (1198, 1200), (1203, 1204)]
BLOCKS_004 += [(1207, 1212), (1215, 1216)]
REPEAT_004 = (1085, 1089)

# The one character the bundled font cannot set: left out, with the space before it (see aantekeningen).
EMOJI = ("energie terug 😊. Het", "energie terug. Het")


def lines(prefix: str) -> list[str]:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split("\n")


def block(prefix: str, first: int, last: int) -> str:
    """Lines first..last of a seed (1-based) as one line of text; 'gemeente-regio-' keeps its hyphen."""
    return _squash(" ".join(lines(prefix)[first - 1 : last])).replace(
        "gemeente-regio- landelijke", "gemeente-regio-landelijke"
    )


def category(sources, naam):
    return next(c for c in doc(sources, "citaten").categorieen if c.naam == naam)


def texts(sources, naam) -> list[str]:
    return [k.tekst for k in category(sources, naam).kaarten]


def test_citaten_structure_and_counts(sources):
    document = doc(sources, "citaten")
    assert document.soort == "kaarten"
    assert document.titel == "Citaten"
    assert document.maat == "tarot"
    assert [c.naam for c in document.categorieen] == CATEGORIES
    assert [len(c.kaarten) for c in document.categorieen] == COUNTS
    assert all(c.kleur for c in document.categorieen)
    for categorie in document.categorieen:
        for kaart in categorie.kaarten:
            assert kaart.toelichting is None and kaart.lijst == [], kaart.tekst


def test_citaten_sources(sources):
    document = doc(sources, "citaten")
    helpende = doc(sources, "helpende-vragen").bron
    assert document.bron == helpende
    assert category(sources, "Leersessies").bron == helpende
    ervaring = category(sources, "Ervaringsdeskundigen").bron
    assert ervaring.onderdeel and ervaring.rechten
    assert replace_onderdeel(ervaring) == replace_onderdeel(doc(sources, "oefeningen").bron)
    deelnemers = category(sources, "Deelnemers").bron
    assert deelnemers.titel_afgeleid and deelnemers.uitgever is None
    assert replace_onderdeel(deelnemers) == replace_onderdeel(doc(sources, "dogmas").bron)
    notes = " ".join(document.aantekeningen)
    assert "Bronfout overgenomen" in notes and "eigen bron" in notes and "😊" in notes


def replace_onderdeel(bron: Bron) -> dict:
    return {**bron.__dict__, "onderdeel": None}


def test_citaten_leersessies_are_those_of_helpende_vragen(sources):
    """Same text and order as the citaten of the leersessies in helpende-vragen.yaml."""
    expected = [citaat for sessie in doc(sources, "helpende-vragen").leersessies for citaat in sessie.citaten]
    assert texts(sources, "Leersessies") == expected
    assert [len(s.citaten) for s in doc(sources, "helpende-vragen").leersessies] == [6, 4, 5, 4, 5, 5]
    assert missing_from_seed(texts(sources, "Leersessies"), "001") == []


def test_citaten_ervaringsdeskundigen_verbatim(sources):
    """Each quote is its seed line as printed, with its quotation marks."""
    seed_lines = lines("002")
    assert texts(sources, "Ervaringsdeskundigen") == [seed_lines[n - 1].strip() for n in LINES_002]
    assert all(t.startswith("“") and t.endswith("”") for t in texts(sources, "Ervaringsdeskundigen"))
    assert missing_from_seed(texts(sources, "Ervaringsdeskundigen"), "002") == []
    # Each stands on Home or on its principle's first page: after the page's link, or (Eenvoudig,
    # as extracted) just before the heading.
    joined, _ = seed("002")
    for text, page in zip(texts(sources, "Ervaringsdeskundigen"), PAGES_002, strict=True):
        if page is None:
            assert f"Lerend {text} Waarom dit document" in joined
        elif page == "Eenvoudig":
            assert f"{text} Eenvoudig Eenvoudig werken gaat over" in joined
        else:
            at = joined.index(f"Klik hier voor inspiratie {text}")
            page_text = joined[at - 500 : at]  # the heading and the typering ('… gaat over …') of that page
            assert page in page_text and "gaat over" in page_text, page


def test_citaten_deelnemers_verbatim(sources):
    cards = texts(sources, "Deelnemers")
    assert cards == [block("004", first, last).replace(*EMOJI) for first, last in BLOCKS_004]
    # Only the emoji is left out of the one quote that has it; all else is found in the seed as is.
    with_emoji = [t.replace(EMOJI[1], EMOJI[0]) for t in cards]
    assert sum(t != c for t, c in zip(with_emoji, cards, strict=True)) == 1
    assert missing_from_seed(with_emoji, "004") == []
    assert not any("😊" in t for t in cards)


def test_citaten_deelnemers_repeat_is_one_card(sources):
    first = block("004", 901, 905)
    repeat = block("004", *REPEAT_004)
    assert repeat == first.replace("als één geheel", "als een geheel") != first
    assert first in texts(sources, "Deelnemers")
    assert repeat not in texts(sources, "Deelnemers")


def test_citaten_deelnemers_quotation_marks_as_printed(sources):
    cards = texts(sources, "Deelnemers")
    # r. 1203 lacks its opening mark in the seed; r. 274 uses double marks; the rest open with ‘.
    assert [t[0] for t in cards].count("‘") == 23
    assert cards[6].startswith("“Door de casusanalyse") and cards[6].endswith("ouders”")
    assert cards[22].startswith("Beschikbaarheid om te sparren")
    assert all(t.rstrip(".").endswith(("’", "”", "‘")) for t in cards)
