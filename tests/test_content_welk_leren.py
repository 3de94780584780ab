"""The deck 'Welk leren vraagt deze casus?' (003, Tabel 1): the table of first, second and third
order learning, one category per column and one card per row, every cell verbatim from the seed."""

from tests.test_content import _squash, block_strings, doc, missing_from_seed, seed

COLUMNS = ["1e orde leren", "2e orde leren", "3e orde leren"]
ROWS = [
    "Focus van het leren",
    "Kennis/kunde/kunst",
    "Vormen van leren & kennisdeling",
    "Wat willen we meten",
    "Rol van degene die intervenieert",
]
# the one-word rows, as the seed prints them: the row's name, then its three cells on one line
ONE_LINE_ROWS = {
    "Kennis/kunde/kunst": ["Kennis", "Kunde", "Kunst"],
    "Wat willen we meten": ["Output", "Outcome", "Impact"],
}
CAPTION = "Tabel 1: Wat willen we leren, hoe kunnen we dat doen, wat vraagt dat van onze rol?"

# The introduction runs over a spread the extraction puts out of order (003 r. 1263 -> 1239 and
# 1246 -> 1394); the footnote number glued to 'Argyris40' (r. 1255) is left out.
BREAKS = ["maar bij|voorbeeld ook", "of bevor|derende effect", "door Argyris|. Tabel 1"]


def table(sources):
    return doc(sources, "welk-leren").categorieen


def test_welk_leren_shape(sources):
    document = doc(sources, "welk-leren")
    assert document.soort == "kaarten"
    assert document.titel == "Welk leren vraagt deze casus?"
    assert [c.naam for c in table(sources)] == COLUMNS
    for categorie in table(sources):
        assert [k.tekst for k in categorie.kaarten] == ROWS, categorie.naam
        assert all(k.toelichting and not k.lijst for k in categorie.kaarten)
    assert len(document.inleiding) == 4
    assert all(blok.soort == "tekst" for blok in document.inleiding)


def test_welk_leren_source(sources):
    document = doc(sources, "welk-leren")
    bron = document.bron
    werkwoorden = doc(sources, "werkwoorden").bron
    assert bron.onderdeel == CAPTION
    assert (bron.publicatie, bron.uitgever, bron.url, bron.makers) == (
        werkwoorden.publicatie,
        werkwoorden.uitgever,
        werkwoorden.url,
        werkwoorden.makers,
    )
    assert bron.titel_afgeleid
    assert CAPTION in seed("003")[0]
    notes = " ".join(document.aantekeningen)
    assert "afgeleid" in notes and "vijf" in notes


def test_welk_leren_cells_are_verbatim(sources):
    strings = list(COLUMNS)
    for categorie in table(sources):
        for kaart in categorie.kaarten:
            strings += [kaart.tekst, *kaart.toelichting.split("\n\n")]
    assert missing_from_seed(strings, "003") == []


def test_welk_leren_rows_as_printed(sources):
    """The header row and the one-word rows stand on one line in the seed; the Focus row's cells
    are a question and a relation each, in column order."""
    joined, _ = seed("003")
    assert _squash(" ".join(COLUMNS)) in joined
    for label, cells in ONE_LINE_ROWS.items():
        assert [c.kaarten[ROWS.index(label)].toelichting for c in table(sources)] == cells
        assert f"{label} {' '.join(cells)}" in joined
    focus = " ".join(_squash(c.kaarten[0].toelichting) for c in table(sources))
    assert "Focus van het leren " + focus + " Kennis/kunde/kunst Kennis" in joined
    vormen = " ".join(_squash(c.kaarten[2].toelichting) for c in table(sources))
    assert "Vormen van leren & kennisdeling " + vormen + " Wat willen we meten" in joined
    rol = " ".join(c.kaarten[4].toelichting for c in table(sources))
    assert f"Rol van degene die intervenieert {rol} {CAPTION}" in joined


def test_welk_leren_introduction_is_verbatim(sources):
    pieces = []
    for text in block_strings(doc(sources, "welk-leren").inleiding):
        for brk in BREAKS:
            text = text.replace(brk.replace("|", ""), brk)
        pieces += text.split("|")
    assert len(pieces) == 4 + len(BREAKS)
    assert missing_from_seed(pieces, "003") == []
