"""The deck 'Achtergrond' (003): the six lists in the main text, one category per list in reading
order, the introducing paragraphs in the inleiding, every text verbatim from the seed."""

from tests.test_content import _squash, doc, missing_from_seed, seed

# Each list: its category name (the heading of its part of the seed) and its number of items.
LISTS = [
    ("De perfecte versie van jezelf", 3),
    ("Ont-professionalisering", 3),
    ("Professioneel leren", 3),
    ("De passende organisatievorm: het organisatienetwerk", 3),
    ("De invulling van leiderschap: netwerkleiderschap", 2),
    ("Bescheiden besturen", 4),
]

# Where the transcription joins text that the seed does not have side by side: a paragraph that
# runs on over a spread (r. 487 -> r. 414), and footnote numbers glued to a word (r. 1862, 1918).
JOINS = ["repareren niet? Het ", "Kenis en Cambré (2019) ", "Kenis "]


def deck(sources):
    return doc(sources, "achtergrond")


def cards(sources):
    return [kaart for categorie in deck(sources).categorieen for kaart in categorie.kaarten]


def split_at_joins(text: str) -> list[str]:
    """The text cut where the transcription joined pieces, each piece to be found in the seed."""
    pieces = [text]
    for join in JOINS:
        pieces = [part for piece in pieces for part in _cut(piece, join)]
    return [p for p in pieces if p.strip()]


def _cut(text: str, join: str) -> list[str]:
    if join not in text:
        return [text]
    head, tail = text.split(join, 1)
    return [head + join.strip(), tail]


def test_achtergrond_structure(sources):
    document = deck(sources)
    assert document.soort == "kaarten"
    assert document.id == "achtergrond"
    assert document.titel == "Achtergrond: patronen, houvast en netwerkleiderschap"
    assert document.vorm == "lang"
    assert [(c.naam, len(c.kaarten)) for c in document.categorieen] == LISTS
    assert len(cards(sources)) == 18
    assert all(c.kleur for c in document.categorieen)
    assert all(k.toelichting and not k.lijst for k in cards(sources))


def test_achtergrond_source(sources):
    bron = deck(sources).bron
    werkwoorden = doc(sources, "werkwoorden").bron
    assert (bron.publicatie, bron.uitgever, bron.makers, bron.url, bron.titel_afgeleid) == (
        werkwoorden.publicatie,
        werkwoorden.uitgever,
        werkwoorden.makers,
        werkwoorden.url,
        True,
    )
    assert bron.onderdeel == "Hoofdstuk 2 Vastlopen, Professioneel leren en Bestuurlijk leren"
    notes = " ".join(deck(sources).aantekeningen)
    assert "afgeleid" in notes and "Bronfout overgenomen" in notes


def test_achtergrond_inleiding_is_a_heading_and_paragraph_per_list(sources):
    inleiding = deck(sources).inleiding
    assert [b.soort for b in inleiding] == ["kop", "tekst"] * len(LISTS)
    assert [b.kop for b in inleiding[::2]] == [naam for naam, _ in LISTS]
    assert all(b.tekst.endswith(":") for b in inleiding[1::2])


def test_achtergrond_text_is_verbatim(sources):
    document = deck(sources)
    strings = [c.naam for c in document.categorieen]
    strings += [b.kop for b in document.inleiding if b.kop]
    for blok in document.inleiding:
        if blok.tekst:
            strings += split_at_joins(blok.tekst)
    for kaart in cards(sources):
        strings += [kaart.tekst.removesuffix("…"), kaart.toelichting]
    assert missing_from_seed(strings, "003") == []


def test_achtergrond_joins_are_needed(sources):
    """The joined texts are not in the seed as one piece: the joins repair real extraction damage."""
    joined, _ = seed("003")
    texts = [b.tekst for b in deck(sources).inleiding if b.tekst]
    assert [_squash(t) in joined for t in texts] == [False, True, True, False, False, True]


def test_achtergrond_each_card_is_one_item_of_its_list(sources):
    """Every toelichting is a whole bullet: '• ' before it in the seed, and a card without a name of
    its own starts with its tekst; the two spanningsvelden are '• Name: text'."""
    joined, _ = seed("003")
    for categorie in deck(sources).categorieen:
        for kaart in categorie.kaarten:
            if kaart.tekst.endswith("…"):
                assert kaart.toelichting.startswith(kaart.tekst.removesuffix("…")), kaart.tekst
                assert _squash(f"• {kaart.toelichting}") in joined, kaart.tekst
            else:
                assert categorie.naam == "De invulling van leiderschap: netwerkleiderschap"
                assert _squash(f"• {kaart.tekst}: {kaart.toelichting}") in joined, kaart.tekst


def test_achtergrond_lists_follow_their_introduction(sources):
    """Each introducing paragraph ends where its list's first bullet begins (for list 5 and 6 after
    the glued footnote number, which is not part of the text)."""
    joined, _ = seed("003")
    intros = [b.tekst for b in deck(sources).inleiding if b.tekst]
    for intro, categorie in zip(intros, deck(sources).categorieen, strict=True):
        first = categorie.kaarten[0]
        bullet = f"{first.tekst}: " if not first.tekst.endswith("…") else first.toelichting[:30]
        tail = intro.split(" Het ")[-1] if "repareren niet? Het" in intro else intro
        tail = tail.split("(2019) ")[-1].removeprefix("Kenis ")
        assert _squash(f"{tail} • {bullet}") in joined, categorie.naam
