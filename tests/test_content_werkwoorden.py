"""The deck 'De negen werkwoorden' (003, "Transformeren in negen werkwoorden"): nine cards in the
publication's reading order, every text verbatim from the seed."""

from tests.test_content import _squash, doc, missing_from_seed, seed

# The reading order after undoing the spread interleaving (see the aantekeningen in the source file).
VERBS = [
    "Verbinden",
    "Vertrouwen",
    "Verdiepen",
    "Verantwoordelijkheid nemen",
    "Vertragen",
    "Verdragen",
    "Vieren",
    "Volhouden",
    "Voordoen",
]

# Vertrouwen breaks off at the end of a page (003 r. 1508) and goes on at r. 1443.
VERTROUWEN_BREAK = "maar samen lerend "


def cards(sources):
    return [kaart for categorie in doc(sources, "werkwoorden").categorieen for kaart in categorie.kaarten]


def test_werkwoorden_nine_cards_in_order(sources):
    document = doc(sources, "werkwoorden")
    assert document.soort == "kaarten"
    assert document.titel == "De negen werkwoorden"
    assert [c.naam for c in document.categorieen] == ["Negen werkwoorden"]
    assert [k.tekst for k in cards(sources)] == VERBS
    assert all(k.toelichting for k in cards(sources))


def test_werkwoorden_source(sources):
    bron = doc(sources, "werkwoorden").bron
    assert bron.publicatie == "Samen bereiken wat niemand alleen lukt"
    assert bron.uitgever == "Nederlands Jeugdinstituut"
    assert bron.onderdeel == "Transformeren in negen werkwoorden"
    assert bron.url == "https://www.nji.nl/publicaties/samen-bereiken-wat-niemand-alleen-lukt"
    joined, _ = seed("003")
    assert bron.onderdeel in joined
    assert bron.url in seed("001")[0]
    notes = " ".join(doc(sources, "werkwoorden").aantekeningen)
    assert "afgeleid" in notes and "Bronfout overgenomen" in notes


def test_werkwoorden_text_is_verbatim(sources):
    strings = []
    for kaart in cards(sources):
        strings += [kaart.tekst, *kaart.lijst]
        if kaart.tekst == "Vertrouwen":
            head, tail = kaart.toelichting.split(VERTROUWEN_BREAK)
            strings += [head + VERTROUWEN_BREAK.strip(), tail]
        else:
            strings.append(kaart.toelichting)
    assert missing_from_seed(strings, "003") == []


def test_werkwoorden_each_text_belongs_to_its_verb(sources):
    """The seed prints each verb as '• Verb: text'; the card keeps that pairing."""
    joined, _ = seed("003")
    for kaart in cards(sources):
        assert _squash(f"• {kaart.tekst}: {kaart.toelichting[:60]}") in joined, kaart.tekst


def test_werkwoorden_reading_order_follows_the_seed(sources):
    """The joins that fix the order: Verbinden follows the heading's introduction, the rest of
    Vertrouwen sits directly above Verdiepen, and Voordoen directly above 'Professioneel leren'."""
    joined, _ = seed("003")
    texts = {k.tekst: _squash(k.toelichting) for k in cards(sources)}
    tail = texts["Vertrouwen"].split(VERTROUWEN_BREAK)[1]
    assert "en bestuurlijk leren: • Verbinden: " + texts["Verbinden"] + " • Vertrouwen: " in joined
    assert tail + " • Verdiepen: " in joined
    for before, after in zip(VERBS[2:7], VERBS[3:8], strict=True):
        assert f"{texts[before]} • {after}: " in joined, (before, after)
    assert f"• Voordoen: {texts['Voordoen']} Professioneel leren" in joined
