"""The dogmas deck (seed 004, 3.4 and 5.1) holds both lists whole: the counts are the seed's, and
every card is one bullet of the seed, word for word."""

import re

from deck.style import ink_on
from tests.test_content import block_strings, missing_from_seed, seed

DOGMA = "Dogma"
OVERTUIGING = "Helpende overtuiging"

# Where each list sits in the normalised seed: from its lead-in to the next heading.
SECTIONS = {
    DOGMA: ("Onderstaande dogma’s kwamen we tegen:", "4. Een voorbeeld: doorbreken van een patroon"),
    OVERTUIGING: ("Hieronder sommen we de belangrijkste overtuigingen op", "5.2 En wat kunnen we dan anders doen?"),
}


def categories(sources) -> dict:
    deck = sources.documents["dogmas"]
    return {c.naam: c for c in deck.categorieen}


def section(naam: str) -> str:
    joined, _ = seed("004")
    start, end = SECTIONS[naam]
    begin = joined.index(start)
    return joined[begin : joined.index(end, begin)]


def bullets(naam: str) -> list[str]:
    """The seed's bullets in a section, with the punctuation that closes each one."""
    return [b.strip() for b in section(naam).split("•")[1:]]


def test_two_categories_with_the_seeds_counts(sources):
    found = categories(sources)
    assert list(found) == [DOGMA, OVERTUIGING]
    assert len(found[DOGMA].kaarten) == 17
    assert len(found[OVERTUIGING].kaarten) == 20
    # The counts are the seed's own: one card per bullet in each list.
    assert len(bullets(DOGMA)) == 17
    assert len(bullets(OVERTUIGING)) == 20


def test_every_card_is_a_whole_bullet_of_the_seed_in_order(sources):
    for naam, categorie in categories(sources).items():
        for kaart, bullet in zip(categorie.kaarten, bullets(naam), strict=True):
            # Only the list's own closing ';' or '.' may be dropped.
            assert kaart.tekst == re.sub(r"[;.]$", "", bullet) or kaart.tekst == bullet, (kaart.tekst, bullet)
            assert not kaart.toelichting and not kaart.lijst


def test_every_card_text_occurs_verbatim_in_the_seed(sources):
    texts = [k.tekst for c in categories(sources).values() for k in c.kaarten]
    assert missing_from_seed(texts, "004") == []
    assert len(set(texts)) == len(texts)


def test_source_errors_are_kept(sources):
    found = categories(sources)
    assert found[DOGMA].kaarten[3].tekst.startswith("Ouders moet meewerken")
    assert "bescheiden en en sensitief" in found[OVERTUIGING].kaarten[1].tekst
    assert found[DOGMA].kaarten[15].tekst.endswith("Ik vind gewoon dat\u2026.")
    assert found[OVERTUIGING].kaarten[4].tekst == "Problemen zijn er en doen zich voor. En wat dan nu?"


def test_inleiding_is_verbatim(sources):
    deck = sources.documents["dogmas"]
    assert missing_from_seed(block_strings(deck.inleiding), "004") == []


def test_two_readable_colours_that_differ(sources):
    kleuren = [c.kleur for c in categories(sources).values()]
    assert len(set(kleuren)) == 2
    assert all(ink_on(kleur) == "#ffffff" for kleur in kleuren)


def test_source_and_notes(sources):
    deck = sources.documents["dogmas"]
    assert deck.titel == "Van dogma naar helpende overtuiging"
    assert "Kwetsbare kinderen in relatie tot jeugdzorg" in deck.bron.publicatie
    assert deck.bron.onderdeel.startswith("3.4 ") and "5.1 " in deck.bron.onderdeel
    notes = " ".join(deck.aantekeningen)
    assert notes.count("Bronfout overgenomen: ") == 4
    for kept in (
        "'Ouders moet meewerken",
        "'bescheiden en en sensitief",
        "de wijsheid niet in pacht",
        "'zodat we een constructief",
    ):
        assert kept in notes
