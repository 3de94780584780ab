"""The deck 'Voor leidinggevenden' (002, "Leidinggevenden / suggesties voor leidinggevenden"): one category
per basisprincipe, each holding its page (heading and running text) and the stories or quotes of
leidinggevenden on it, every text verbatim from the seed."""

from tests.test_content import _squash, doc, missing_from_seed, seed

DECK = "leidinggevenden"
HEADING = "Leidinggevenden"

# Per basisprincipe, in the order of oefeningen.yaml: the cards' teksten. The first card is the page, the
# others are the stories or quotes of leidinggevenden on it (by their titles).
CARDS = {
    "Gezinsgericht": [HEADING, "Toen ben ik er letterlijk voor gaan liggen", "Dat ze er niet alleen voor staat"],
    "Rechtsbeschermend & transparant": [HEADING],
    "Eenvoudig": [HEADING, "De shit is eromheen"],
    "Handelen na afweging": [HEADING],
    "Van mens tot mens werken": [HEADING],
    "Lerend": [HEADING, "Dat is echt heilig"],
}
COUNTS = {"Gezinsgericht": 3, "Rechtsbeschermend & transparant": 1, "Eenvoudig": 2, "Handelen na afweging": 1}
COUNTS |= {"Van mens tot mens werken": 1, "Lerend": 2}

# Paragraphs of each page's running text (the first card's toelichting).
PARAGRAPHS = {
    "Gezinsgericht": 2,
    "Rechtsbeschermend & transparant": 4,
    "Eenvoudig": 2,
    "Handelen na afweging": 1,
    "Van mens tot mens werken": 2,
    "Lerend": 1,
}

# How each story's toelichting begins: the announcing line printed under its title.
ANNOUNCED = {
    "Toen ben ik er letterlijk voor gaan liggen": "Een leidinggevende vertelt: “",
    "Dat ze er niet alleen voor staat": "Een leidinggevende vertelt: “",
    "De shit is eromheen": 'Een leidinggevende vertelt: "',
    "Dat is echt heilig": "Zoals deze leidinggevende dat in haar organisatie en teams doet: “",
}

# The page heading and menu above every one of the six pages, squashed.
PAGE_START = (
    "Leidinggevenden suggesties voor leidinggevenden Home Gezinsgericht Rechtsbeschermend & transparant "
    "Eenvoudig Handelen na afweging Van mens tot mens werken Lerend "
)
PAGE_END = "Achtergrond informatie onderzoeken en studies"

# Lines that only point to a sound or video fragment; left out (see the aantekeningen).
FRAGMENT_LINES = [
    "Fragment 'de definitie van rechtsbescherming':",
    "Fragment 'corruptie van onze basishouding':",
    "Scan de QR om naar het verhaal te luisteren",
    "Zoals Peter Dijkshoorn in dit pleidooi toelicht",
    "Klik op dit fragment waarin Peter Dijkshoorn",
]


def categories(sources):
    return doc(sources, DECK).categorieen


def cards(sources):
    return [kaart for categorie in categories(sources) for kaart in categorie.kaarten]


def pages():
    """The squashed text of the six leidinggevenden pages, in seed order."""
    joined, _ = seed("002")
    parts = joined.split(PAGE_START)[1:]
    return [part.split(PAGE_END)[0] for part in parts]


def test_leidinggevenden_structure(sources):
    document = doc(sources, DECK)
    assert document.soort == "kaarten"
    assert document.titel == "Voor leidinggevenden"
    assert document.vorm == "lang"
    oefeningen = [b.naam for b in doc(sources, "oefeningen").basisprincipes]
    assert [c.naam for c in categories(sources)] == oefeningen == list(CARDS)
    verhalen = {c.naam: c.kleur for c in doc(sources, "sprekende-verhalen").categorieen}
    assert {c.naam: c.kleur for c in categories(sources)} == verhalen
    assert {c.naam: len(c.kaarten) for c in categories(sources)} == COUNTS
    assert {c.naam: [k.tekst for k in c.kaarten] for c in categories(sources)} == CARDS
    assert len(cards(sources)) == 10
    assert all(k.toelichting and not k.lijst for k in cards(sources))


def test_leidinggevenden_source(sources):
    bron = doc(sources, DECK).bron
    oefeningen = doc(sources, "oefeningen").bron
    mine = {k: v for k, v in vars(bron).items() if k != "onderdeel"}
    assert mine == {k: v for k, v in vars(oefeningen).items() if k != "onderdeel"}
    assert bron.rechten
    assert bron.onderdeel == "Leidinggevenden / suggesties voor leidinggevenden"
    assert len(pages()) == 6
    notes = " ".join(doc(sources, DECK).aantekeningen)
    assert "Bronfout overgenomen" in notes and "\\n\\n" in notes and "navigatiemenu" in notes


def test_leidinggevenden_text_is_verbatim(sources):
    strings = []
    for kaart in cards(sources):
        strings += [kaart.tekst, *kaart.toelichting.split("\n\n")]
    assert missing_from_seed(strings, "002") == []


def test_leidinggevenden_each_card_is_on_its_page(sources):
    """Every text stands on the leidinggevenden page of its own basisprincipe, in the order of the page."""
    for categorie, page in zip(categories(sources), pages(), strict=True):
        position = 0
        for kaart in categorie.kaarten:
            parts = kaart.toelichting.split("\n\n")
            if kaart.tekst != HEADING:
                parts = [kaart.tekst, *parts]
            for part in parts:
                found = page.find(_squash(part), position)
                assert found >= position, (categorie.naam, part[:60])
                position = found + len(_squash(part))


def test_leidinggevenden_page_text_is_whole(sources):
    """The first card holds the page's running text: as many paragraphs as the page has, each one whole,
    the first one opening the page."""
    for categorie, page in zip(categories(sources), pages(), strict=True):
        first = categorie.kaarten[0]
        paragraphs = first.toelichting.split("\n\n")
        assert len(paragraphs) == PARAGRAPHS[categorie.naam], categorie.naam
        assert page.startswith(_squash(paragraphs[0])), categorie.naam


def test_leidinggevenden_stories_are_whole(sources):
    """A story's title, announcement and quote follow each other directly in the seed."""
    joined, _ = seed("002")
    stories = [k for k in cards(sources) if k.tekst != HEADING]
    assert [k.tekst for k in stories] == list(ANNOUNCED)
    for kaart in stories:
        assert kaart.toelichting.startswith(ANNOUNCED[kaart.tekst]), kaart.tekst
        assert kaart.toelichting.endswith(("”", '"')), kaart.tekst
        assert _squash(f"{kaart.tekst} {kaart.toelichting}") in joined, kaart.tekst


def test_leidinggevenden_leaves_out_fragment_pointers(sources):
    texts = " ".join(f"{k.tekst} {k.toelichting}" for k in cards(sources))
    for line in FRAGMENT_LINES:
        assert line not in texts
        assert _squash(line) in seed("002")[0]
