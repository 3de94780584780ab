"""The deck 'Verder lezen' (002, the six "Achtergrond informatie" pages): per basisprincipe the reading
list and the "Sprekende verhalen in beeld en geluid", every text verbatim from the seed."""

from tests.test_content import doc, missing_from_seed, seed

VERHAAL = ("Sprekende verhalen in beeld en geluid", "Spreekende verhalen in beeld en geluid")  # both as printed

# naam: (reading list, stories), in the order of the seed
COUNTS = {
    "Gezinsgericht": (7, 3),
    "Rechtsbeschermend & transparant": (5, 5),
    "Eenvoudig": (6, 2),
    "Handelen na afweging": (3, 4),
    "Van mens tot mens werken": (8, 3),
    "Lerend": (6, 4),
}


def test_verder_lezen_structure_and_counts(sources):
    document = doc(sources, "verder-lezen")
    assert document.soort == "kaarten"
    assert document.titel == "Verder lezen"
    assert [c.naam for c in document.categorieen] == list(COUNTS)
    for categorie in document.categorieen:
        lees, verhalen = COUNTS[categorie.naam]
        kinds = [k.toelichting in VERHAAL for k in categorie.kaarten]
        # reading list first, then the stories
        assert kinds == [False] * lees + [True] * verhalen, categorie.naam
        assert all(k.toelichting is None for k in categorie.kaarten[:lees])
        assert all(not k.lijst for k in categorie.kaarten)
    kaarten = [k for c in document.categorieen for k in c.kaarten]
    assert len(kaarten) == 56
    assert sum(k.toelichting in VERHAAL for k in kaarten) == 21


def test_verder_lezen_colours_match_sprekende_verhalen(sources):
    ours = {c.naam: c.kleur for c in doc(sources, "verder-lezen").categorieen}
    theirs = {c.naam: c.kleur for c in doc(sources, "sprekende-verhalen").categorieen}
    assert ours == theirs


def test_verder_lezen_source(sources):
    bron = doc(sources, "verder-lezen").bron
    ref = doc(sources, "oefeningen").bron
    assert bron.onderdeel == "Achtergrond informatie"
    assert bron.onderdeel in seed("002")[0]
    for field in ("publicatie", "uitgever", "makers", "jaar", "url", "rechten"):
        assert getattr(bron, field) == getattr(ref, field), field
    notes = " ".join(doc(sources, "verder-lezen").aantekeningen)
    assert "Bronfout overgenomen" in notes and "[hier](#)" in notes


def test_verder_lezen_text_is_verbatim(sources):
    strings = []
    for categorie in doc(sources, "verder-lezen").categorieen:
        for kaart in categorie.kaarten:
            strings += [kaart.tekst, *([kaart.toelichting] if kaart.toelichting else [])]
    assert missing_from_seed(strings, "002") == []
    assert not any("#" in s or "](" in s or "http" in s for s in strings)
