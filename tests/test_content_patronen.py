"""The deck 'Patronen herkennen' (seed 004, chapter 3): one category per bulleted list of the
disfunctionele patronen, one card per bullet, every text word for word from the seed."""

import re

from deck.style import ink_on
from tests.test_content import block_strings, missing_from_seed, seed

# Category name, number of cards, and where its list sits in the normalised seed: one or more
# (start, end) stretches whose bullets are the category's cards, in order.
CATEGORIES = [
    ("Analyse en koers", 3, [("Analyse en koers •", "Kind en het gezin •")]),
    ("Kind en het gezin", 3, [("Kind en het gezin •", "Samenwerking en houding en gedrag •")]),
    ("Samenwerking en houding en gedrag", 4, [("Samenwerking en houding en gedrag •", "Bovenstaande punten")]),
    (
        "Bovenstaande punten gelden ook voor organisaties onderling",
        1,
        [("Bovenstaande punten gelden ook voor organisaties onderling:", "‘Het is écht nodig")],
    ),
    ("Hierdoor", 5, [("Hierdoor: •", "De professionele opdracht om het gezin")]),
    (
        "Het proces continueert",
        5,
        [
            ("Het proces continueert. •", "De neiging tot beheersing"),
            ("hulpverlening/regio tegenaan lopen’ •", "Zo kunnen we jaren doormodderen"),
        ],
    ),
    (
        "Hoe doen we het met elkaar in de samenwerking rondom deze groep kinderen?",
        3,
        [("dat er meer rust en structuur is in samenwerking. •", "‘Ad hoc reageren")],
    ),
    (
        "Ten aanzien van de organisatie, zien we het volgende",
        11,
        [("Ten aanzien van de organisatie, zien we het volgende:", "3.4 Welke overtuigingen")],
    ),
]

TOTAL = 35


def deck(sources):
    return sources.documents["patronen"]


def between(start: str, end: str) -> str:
    joined, _ = seed("004")
    assert joined.count(start) == 1, start
    begin = joined.index(start)
    return joined[begin : joined.index(end, begin)]


def bullets(stretches) -> list[str]:
    """The seed's bullets in these stretches, with the punctuation that closes each one."""
    return [b.strip() for start, end in stretches for b in between(start, end).split("•")[1:]]


def test_categories_and_counts(sources):
    categorieen = deck(sources).categorieen
    assert [(c.naam, len(c.kaarten)) for c in categorieen] == [(naam, n) for naam, n, _ in CATEGORIES]
    assert sum(len(c.kaarten) for c in categorieen) == TOTAL
    # The counts are the seed's own: one card per bullet of each list.
    assert [len(bullets(stretches)) for _, _, stretches in CATEGORIES] == [n for _, n, _ in CATEGORIES]


def test_no_bullet_of_the_three_parts_is_left_out():
    """Chapter 3's list (up to 3.1) holds 11 bullets, 3.2 and 3.3 together 24: all of them are cards."""
    assert between("De disfunctionele patronen die we zien zijn:", "3.1 Welke").count("•") == 11
    assert between("3.2 Wat zijn onze eigen patronen", "3.4 Welke overtuigingen").count("•") == 24
    assert 11 + 24 == TOTAL


def test_every_card_is_a_whole_bullet_of_the_seed_in_order(sources):
    for categorie, (_, _, stretches) in zip(deck(sources).categorieen, CATEGORIES, strict=True):
        for kaart, bullet in zip(categorie.kaarten, bullets(stretches), strict=True):
            # Only the list's own closing ';' is dropped; a closing '.' stays.
            assert kaart.tekst == re.sub(r";$", "", bullet), (kaart.tekst, bullet)
            assert not kaart.toelichting and not kaart.lijst


def test_every_text_occurs_verbatim_in_the_seed(sources):
    texts = [k.tekst for c in deck(sources).categorieen for k in c.kaarten]
    assert missing_from_seed(texts, "004") == []
    assert len(set(texts)) == len(texts) == TOTAL
    assert not any(t.endswith(";") or t.startswith("•") for t in texts)


def test_category_names_are_the_seeds_headings_and_lead_ins(sources):
    joined, _ = seed("004")
    names = [c.naam for c in deck(sources).categorieen]
    for naam in names[:3]:  # the seed's own subheadings, each followed by its list
        assert f"{naam} •" in joined
    for naam in ("Bovenstaande punten gelden ook voor organisaties onderling", "Hierdoor"):
        assert f"{naam}: •" in joined
    assert "Het proces continueert. •" in joined
    assert "Ten aanzien van de organisatie, zien we het volgende: •" in joined
    assert "3.3 Hoe doen we het met elkaar in de samenwerking rondom deze groep kinderen? En hoe" in joined


def test_source_errors_are_kept(sources):
    texts = {k.tekst for c in deck(sources).categorieen for k in c.kaarten}
    assert any("nemen weinig ruimte ervaren voor reflectie" in t for t in texts)
    assert any(t.startswith("Naar mate het ingewikkelde") for t in texts)
    assert any(t.startswith("Werkbegeleiding, intervisie en supervisie is ") for t in texts)
    assert any("Deze actie en taal, werkt strijd" in t for t in texts)
    inleiding = " ".join(block_strings(deck(sources).inleiding))
    assert "of en/of henzelf" in inleiding and "doen een sterk beroep doen" in inleiding


def test_inleiding_is_verbatim(sources):
    strings = block_strings(deck(sources).inleiding)
    assert strings and missing_from_seed(strings, "004") == []


def test_readable_colours_that_differ(sources):
    kleuren = [c.kleur for c in deck(sources).categorieen]
    assert len(set(kleuren)) == len(kleuren)
    assert all(ink_on(kleur) == "#ffffff" for kleur in kleuren)


def test_source_and_notes(sources):
    document = deck(sources)
    assert document.soort == "kaarten" and document.titel == "Patronen herkennen"
    assert document.maat == "tarot"
    dogmas = vars(sources.documents["dogmas"].bron)
    assert vars(document.bron) == dict(dogmas, onderdeel=document.bron.onderdeel)
    assert document.bron.titel_afgeleid and not document.bron.uitgever
    assert document.bron.onderdeel.startswith("3. De opbrengsten: de patronen en knelpunten")
    notes = " ".join(document.aantekeningen)
    assert notes.count("Bronfout overgenomen: ") == 6
    for kept in (
        "nemen weinig ruimte ervaren",
        "'Naar mate",
        "supervisie is wisselend",
        "'Deze actie en taal, werkt",
        "of en/of henzelf",
        "doen een sterk beroep doen",
    ):
        assert kept in notes
