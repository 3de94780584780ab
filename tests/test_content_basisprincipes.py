"""The deck 'Basisprincipes en kernelementen' (002, the pages "meer over dit basisprincipe"): per
basisprincipe a card with its explanation and a card per kernelement with its "beoogd vakmanschap"
points, every text verbatim from the seed and every point of the seed on a card."""

import re

from tests.test_content import _squash, doc, missing_from_seed, seed

PRINCIPLES = [
    "Gezinsgericht",
    "Rechtsbeschermend & transparant",
    "Eenvoudig",
    "Handelen na afweging",
    "Van mens tot mens werken",
    "Lerend",
]

# Points per kernelement, per basisprincipe, as counted in the seed (002).
POINTS = [[3, 4, 2], [6, 6, 4], [4, 3], [4, 5], [3, 3], [4, 4]]

LABEL = "Waaruit bestaat het beoogd vakmanschap van professionals:"
LABEL_G1 = "Waaruit bestaat het handelen van professionals:"  # Gezinsgericht, kernelement 1 (r. 162)

# The navigation menu the extraction puts between pages, sometimes in the middle of a point.
MENU = (
    " Home Gezinsgericht Rechtsbeschermend & transparant Eenvoudig Handelen na afweging Van mens tot mens werken Lerend"
)

# Two repairs of the extraction (see the aantekeningen): a point broken by the menu (r. 166 + 182), and
# a point split after a slash into two "points" (r. 188-189).
MENU_BREAK = "aandacht en zorg voor de andere "
SLASH_BREAK = "kent hun wensen/"


def categories(sources):
    return doc(sources, "basisprincipes").categorieen


def kernelementen(sources):
    return [kaart for categorie in categories(sources) for kaart in categorie.kaarten[1:]]


def points(sources):
    return [punt for kaart in kernelementen(sources) for punt in kaart.lijst]


def test_basisprincipes_structure(sources):
    document = doc(sources, "basisprincipes")
    assert document.soort == "kaarten"
    assert document.titel == "Basisprincipes en kernelementen"
    assert document.vorm == "lang"
    assert [c.naam for c in categories(sources)] == PRINCIPLES
    assert [c.kaarten[0].tekst for c in categories(sources)] == PRINCIPLES
    colours = [c.kleur for c in categories(sources)]
    assert all(colours) and len(set(colours)) == len(PRINCIPLES)
    # The principle card: the explanation, no points; the kernelement cards: label and points.
    assert all(c.kaarten[0].toelichting and not c.kaarten[0].lijst for c in categories(sources))
    assert all(k.lijst for k in kernelementen(sources))


def test_basisprincipes_names_match_oefeningen(sources):
    assert [b.naam for b in doc(sources, "oefeningen").basisprincipes] == PRINCIPLES


def test_basisprincipes_counts(sources):
    cats = categories(sources)
    assert len(cats) == 6
    assert [len(c.kaarten) - 1 for c in cats] == [3, 3, 2, 2, 2, 2]
    assert len(kernelementen(sources)) == 14
    assert [[len(k.lijst) for k in c.kaarten[1:]] for c in cats] == POINTS
    assert [sum(len(k.lijst) for k in c.kaarten[1:]) for c in cats] == [9, 16, 7, 9, 6, 8]
    assert len(points(sources)) == 55
    assert sum(len(c.kaarten) for c in cats) == 20


def test_basisprincipes_kernelement_headings(sources):
    for categorie in categories(sources):
        numbers = [re.match(r"Kernelement (\d+): \S", k.tekst) for k in categorie.kaarten[1:]]
        assert all(numbers), categorie.naam
        assert [int(m.group(1)) for m in numbers] == list(range(1, len(numbers) + 1)), categorie.naam
    labels = [k.toelichting for k in kernelementen(sources)]
    assert labels == [LABEL_G1] + [LABEL] * 13


def test_basisprincipes_text_is_verbatim(sources):
    strings = []
    for categorie in categories(sources):
        for kaart in categorie.kaarten:
            strings += [kaart.tekst, kaart.toelichting]
            for punt in kaart.lijst:
                for brk in (MENU_BREAK, SLASH_BREAK):
                    if brk in punt:
                        head, tail = punt.split(brk)
                        strings += [head + brk.strip(), tail]
                        break
                else:
                    strings.append(punt)
    assert missing_from_seed(strings, "002") == []


def test_basisprincipes_repairs_are_where_the_seed_breaks(sources):
    joined, _ = seed("002")
    (menu_point,) = [p for p in points(sources) if MENU_BREAK in p]
    head, tail = menu_point.split(MENU_BREAK)
    assert _squash(head + MENU_BREAK + MENU.strip() + " " + tail) in joined
    (slash_point,) = [p for p in points(sources) if SLASH_BREAK in p]
    head, tail = slash_point.split(SLASH_BREAK)
    assert _squash(f"{head}{SLASH_BREAK} - {tail}") in joined
    assert tail.startswith("verwachtingen en komt samen")


def test_basisprincipes_every_page_is_complete(sources):
    """With the menu taken out, each page "meer over dit basisprincipe" reads exactly as the cards:
    heading, explanation, the announcing sentence (not on a card), then every kernelement with its
    label and all its points, up to the next icon ("Sprekende verhalen")."""
    joined, _ = seed("002")
    text = joined.replace(MENU, "")
    for categorie in categories(sources):
        principle, *elements = categorie.kaarten
        pattern = re.escape(f"{categorie.naam} meer over dit basisprincipe {_squash(principle.toelichting)}")
        pattern += r" Bij [^:]{5,60} staan de volgende elementen centraal:"
        for kaart in elements:
            pattern += re.escape(f" {kaart.tekst} {kaart.toelichting}")
            for punt in kaart.lijst:
                pattern += re.escape(" - " + _squash(punt).replace(SLASH_BREAK, SLASH_BREAK + " - "))
        pattern += " Sprekende verhalen"
        assert re.search(pattern, text), categorie.naam


def test_basisprincipes_source(sources):
    bron = doc(sources, "basisprincipes").bron
    oefeningen = doc(sources, "oefeningen").bron
    assert vars(bron) | {"onderdeel": None} == vars(oefeningen) | {"onderdeel": None}
    assert bron.onderdeel == "Meer over dit basisprincipe"
    assert bron.onderdeel.lower() in seed("002")[0]
    notes = " ".join(doc(sources, "basisprincipes").aantekeningen)
    assert "Bronfout overgenomen" in notes and "navigatiemenu" in notes
