"""The deck 'Samenwerken rond kwetsbare kinderen' (004): the region's uitgangspunten, the role of the
chair of the Regionaal Expertise Team (RET), the condities of 5.4 and the werkwijze of the RET, one
category per list in the seed's order, every text verbatim from the seed."""

from tests.test_content import _squash, block_strings, doc, missing_from_seed, seed

DOC_ID = "samenwerken-ret"

# Category name -> number of items in the seed (004 r. 30–37, 1103–1113, 1118–1144, 1169–1179).
COUNTS = {
    "De volgende uitgangspunten zijn leidend voor de regio": 3,
    "Rol van de voorzitter van het RET": 5,
    "Welke condities ondersteunen een goede samenwerking met gezinnen met kwetsbare kinderen?": 6,
    "Werkwijze RET": 7,
}

# Items that end without list punctuation in the seed; every other item is followed by ';' or,
# as the last of its list, by '.'.
UNPUNCTUATED = {
    "Bewustzijn op eigen patronen",
    "Rust en vertrouwen in zichzelf en (de expertise van) anderen",
    "Idee is om in de toekomst ervaringsdeskundigen aan tafel uit te nodigen",
}


def test_samenwerken_ret_counts_per_category(sources):
    document = doc(sources, DOC_ID)
    assert document.soort == "kaarten"
    assert document.titel == "Samenwerken rond kwetsbare kinderen"
    assert {c.naam: len(c.kaarten) for c in document.categorieen} == COUNTS
    assert [c.naam for c in document.categorieen] == list(COUNTS)
    assert all(not k.toelichting and not k.lijst for c in document.categorieen for k in c.kaarten)


def test_samenwerken_ret_source(sources):
    document = doc(sources, DOC_ID)
    bron = document.bron
    assert bron.publicatie == doc(sources, "dogmas").bron.publicatie
    assert bron.titel_afgeleid and bron.uitgever is None
    notes = " ".join(document.aantekeningen)
    assert "Regionaal Expertise Team" in notes and "Bronfout overgenomen" in notes
    assert "Regionaal Expertise Team (RET)" in seed("004")[0]


def test_samenwerken_ret_text_is_verbatim(sources):
    document = doc(sources, DOC_ID)
    strings = [c.naam for c in document.categorieen]
    strings += [k.tekst for c in document.categorieen for k in c.kaarten]
    strings += block_strings(document.inleiding)
    assert missing_from_seed(strings, "004") == []


def test_samenwerken_ret_only_list_punctuation_was_dropped(sources):
    """Each item stands in the seed as a list item: after its bullet, followed by ';' or '.' (or by
    the next line, for the three items that have no punctuation)."""
    joined, _ = seed("004")
    for categorie in doc(sources, DOC_ID).categorieen:
        for kaart in categorie.kaarten:
            text = _squash(kaart.tekst)
            assert f"- {text}" in joined or f"• {text}" in joined, kaart.tekst
            if kaart.tekst not in UNPUNCTUATED:
                assert f"{text};" in joined or f"{text}." in joined, kaart.tekst
