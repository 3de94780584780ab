"""The deck 'Sprekende verhalen' (002, "Sprekende verhalen"): the 28 stories, two per kernelement, one
category per basisprincipe, every text verbatim from the seed."""

import re
from itertools import takewhile

from tests.test_content import SEEDS, _squash, doc, missing_from_seed, seed

DECK = "sprekende-verhalen"

# Stories per basisprincipe (two per kernelement), in the order and with the names of oefeningen.yaml.
STORIES = {
    "Gezinsgericht": 6,
    "Rechtsbeschermend & transparant": 6,
    "Eenvoudig": 4,
    "Handelen na afweging": 4,
    "Van mens tot mens werken": 4,
    "Lerend": 4,
}

# The points under "Belangrijke elementen in dit verhaal zijn:", per basisprincipe and per story.
BULLETS = {
    "Gezinsgericht": [2, 2, 2, 2, 2, 2],
    "Rechtsbeschermend & transparant": [2, 2, 2, 2, 2, 2],
    "Eenvoudig": [2, 0, 2, 2],  # 'Dat is voor haar al veel' has no belangrijke elementen
    "Handelen na afweging": [2, 2, 2, 3],
    "Van mens tot mens werken": [2, 2, 2, 2],
    "Lerend": [2, 1, 2, 2],
}
TOTAL_BULLETS = 54

# The twelve stories whose page prints the teller's words; they follow the summary as a paragraph of
# their own: the announcement as printed, a space, the quote.
QUOTED = {
    "Dat zit dan echt in de weg": "Een professional vertelt:",
    "Alles is om deze moeder heen gebouwd": "Een professional vertelt:",
    "Niet meer mogen bemoeien met de casus": "Een professional vertelt:",
    "Ik vind het eigenlijk heel spannend": "Een professional vertelt:",
    "Dan gaan we lekker sushi eten": "Een professional vertelt:",
    "Dat ze mij ook gewoon een stem gaf": "Een vrouw vertelt:",
    "Dat is voor haar al veel": "Een professional vertelt:",
    "Samen op huisbezoek gaan": "Een professional vertelt:",
    "Met dat zwaailicht op je kop": "Een leidinggevende vertelt:",
    "Ik ging gewoon niet weg": "Een professional vertelt:",
    "Ze was ook gewoon een mens": "Een professional vertelt:",
    "En tegelijkertijd had ik gewoon pijn in mijn buik": "Een professional vertelt:",
}

# Eight stories have no title in the seed; their tekst is the heading of the kernelement above them.
UNTITLED = 8


def cards(sources):
    return [kaart for categorie in doc(sources, DECK).categorieen for kaart in categorie.kaarten]


def paragraphs(kaart):
    return kaart.toelichting.split("\n\n")


def summary_and_quote(kaart):
    """The summary and the teller's words (announcement and quote), or None for a story without one."""
    label = QUOTED.get(kaart.tekst)
    if label is None:
        return kaart.toelichting, None
    summary, quote = kaart.toelichting.split("\n\n" + label + " ")
    return summary, label + " " + quote


def test_sprekende_verhalen_counts(sources):
    document = doc(sources, DECK)
    assert document.soort == "kaarten"
    assert document.titel == "Sprekende verhalen"
    assert document.vorm == "lang"
    assert {c.naam: len(c.kaarten) for c in document.categorieen} == STORIES
    assert [c.naam for c in document.categorieen] == list(STORIES)
    assert len(cards(sources)) == 28
    assert {c.naam: [len(k.lijst) for k in c.kaarten] for c in document.categorieen} == BULLETS
    assert sum(len(k.lijst) for k in cards(sources)) == TOTAL_BULLETS
    assert all(k.toelichting for k in cards(sources))


def test_sprekende_verhalen_seed_counts(sources):
    """The seed has as many 'Belangrijke elementen' headings as cards with a list, and as many points."""
    lines = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8").split("\n")
    headings = [n for n, line in enumerate(lines) if line.strip() == "Belangrijke elementen in dit verhaal zijn:"]
    assert len(headings) == sum(1 for k in cards(sources) if k.lijst) == 27
    bullets = 0
    for n in headings:
        rest = [line for line in lines[n + 1 : n + 12] if line.strip()]
        bullets += len(list(takewhile(lambda line: line.startswith("- "), rest)))
    assert bullets == TOTAL_BULLETS


def test_sprekende_verhalen_principles_match_oefeningen(sources):
    names = [p.naam for p in doc(sources, "oefeningen").basisprincipes]
    assert [c.naam for c in doc(sources, DECK).categorieen] == names


def test_sprekende_verhalen_source(sources):
    document = doc(sources, DECK)
    bron, oefeningen = document.bron, doc(sources, "oefeningen").bron
    assert bron.onderdeel == "Sprekende verhalen"
    for field in ("publicatie", "uitgever", "makers", "jaar", "url", "rechten"):
        assert getattr(bron, field) == getattr(oefeningen, field), field
    notes = " ".join(document.aantekeningen)
    assert "Bronfout overgenomen" in notes and "'Een professional vertelt:'" in notes


def test_sprekende_verhalen_text_is_verbatim(sources):
    strings = []
    for kaart in cards(sources):
        summary, quote = summary_and_quote(kaart)
        strings += [kaart.tekst, *kaart.lijst, *summary.split("\n\n")]
        if quote:
            strings.append(quote)
    assert missing_from_seed(strings, "002") == []


def test_sprekende_verhalen_quotes(sources):
    """Exactly the twelve stories with printed words carry them, after the summary; the other stories'
    toelichting is the summary alone (one paragraph, two for 'Rome is ook niet op een dag gebouwd')."""
    assert sorted(k.tekst for k in cards(sources) if summary_and_quote(k)[1]) == sorted(QUOTED)
    for kaart in cards(sources):
        if kaart.tekst not in QUOTED:
            assert "vertelt:" not in kaart.toelichting, kaart.tekst
            assert len(paragraphs(kaart)) == (2 if kaart.tekst == "Rome is ook niet op een dag gebouwd" else 1)


def test_sprekende_verhalen_cards_follow_the_seed(sources):
    """Each card's tekst is directly followed in the seed by its summary, then (if any) by
    'Belangrijke elementen in dit verhaal zijn:' and its points; the teller's words follow the points."""
    joined, _ = seed("002")
    untitled = 0
    for kaart in cards(sources):
        summary, quote = summary_and_quote(kaart)
        untitled += bool(re.match(r"Kernelement \d ?:", kaart.tekst))
        text = f"{kaart.tekst} {summary}"
        if kaart.lijst:
            text += " Belangrijke elementen in dit verhaal zijn: " + " ".join(f"- {item}" for item in kaart.lijst)
        if quote:
            text += " " + quote
        assert _squash(text) in joined, kaart.tekst
    assert untitled == UNTITLED
