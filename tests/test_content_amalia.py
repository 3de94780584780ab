"""The deck 'De droom van Amalia' (003, from Hoofdstuk 2 Vastlopen): six passages of Amalia's story and
the 19 quotes the publication attributes to the podcast, every text verbatim from the seed."""

import re

from tests.test_content import _squash, doc, missing_from_seed, seed

PODCAST = "https://soundcloud.com/nederlands-jeugdinstituut/sets/de-droom-van-amalia"

# The story passages in reading order: their card text (the seed's heading, or the opening words + '…').
STORY = [
    "Vastlopen",
    "Amalia voelde zich eigenlijk alleen thuis op de manege…",
    "Trajectbegeleider Marjan en gezinsmanager Merel waren het erover eens…",
    "Dat illustreert het verhaal van Amalia ook…",
    "Amalia begon zich meer aan de regels van haar vader te houden…",
    "De beslissing dat Amalia weer bij haar vader ging wonen…",
]

# The episode of each of the 19 quotes, in the seed's order. 16 attribution blocks: the 14 lines
# '(Podcast De droom van Amalia, deel N)', Merel's '(Gezinsmanager Merel …, podcast …, deel 2)' and
# Michel's '(podcast De droom van Amalia, deel 1)'; three blocks hold two quotes each.
EPISODES = [1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 1]

ATTRIBUTION = re.compile(
    r"\((?:Podcast|podcast|Gezinsmanager Merel van Jeugdbescherming Amsterdam, podcast) De droom van Amalia, deel ([123])\)"
)


def categories(sources):
    return {c.naam: c.kaarten for c in doc(sources, "amalia").categorieen}


def paragraphs(text):
    return text.split("\n\n")


def test_amalia_structure(sources):
    document = doc(sources, "amalia")
    assert document.soort == "kaarten"
    assert document.titel == "De droom van Amalia"
    assert document.vorm == "lang"
    assert [c.naam for c in document.categorieen] == ["Het verhaal", "Uit de podcast"]
    assert [k.tekst for k in categories(sources)["Het verhaal"]] == STORY
    assert len(categories(sources)["Uit de podcast"]) == 19
    assert all(k.toelichting and not k.lijst for c in document.categorieen for k in c.kaarten)


def test_amalia_source(sources):
    document = doc(sources, "amalia")
    bron = document.bron
    assert bron.publicatie == "Samen bereiken wat niemand alleen lukt"
    assert bron.uitgever == "Nederlands Jeugdinstituut"
    assert bron.onderdeel == "Hoofdstuk 2 Vastlopen"
    assert bron.url == "https://www.nji.nl/publicaties/samen-bereiken-wat-niemand-alleen-lukt"
    assert bron.titel_afgeleid
    assert bron.makers == doc(sources, "werkwoorden").bron.makers
    joined, _ = seed("003")
    assert "Vastlopen Hoofdstuk 2" in joined
    assert bron.url in seed("001")[0]
    notes = " ".join(document.aantekeningen)
    assert "afgeleid" in notes and "Bronfout overgenomen" in notes


def test_amalia_introduction_links_the_podcast(sources):
    inleiding = doc(sources, "amalia").inleiding
    assert [blok.soort for blok in inleiding] == ["tekst", "link"]
    assert inleiding[0].tekst.startswith("Daarnaast gebruiken we fragmenten uit de podcastserie")
    assert missing_from_seed([inleiding[0].tekst], "003") == []
    assert inleiding[1].link.titel == "De droom van Amalia (podcast)"
    assert inleiding[1].link.url == PODCAST
    joined, _ = seed("003")
    assert joined.count(PODCAST) == 16


def test_amalia_story_is_verbatim(sources):
    strings = []
    for kaart in categories(sources)["Het verhaal"]:
        strings += paragraphs(kaart.toelichting)
        if kaart.tekst.endswith("…"):
            assert kaart.toelichting.startswith(kaart.tekst.removesuffix("…")), kaart.tekst
        else:
            strings.append(kaart.tekst)
    assert missing_from_seed(strings, "003") == []
    joined, _ = seed("003")
    first = categories(sources)["Het verhaal"][0].toelichting
    assert "Vastlopen Hoofdstuk 2 " + _squash(first) in joined


def test_amalia_quotes_are_verbatim(sources):
    strings = []
    for kaart in categories(sources)["Uit de podcast"]:
        strings += [kaart.tekst, *paragraphs(kaart.toelichting)]
    assert missing_from_seed(strings, "003") == []


def test_amalia_quotes_keep_their_marks_and_attribution(sources):
    """Each quote keeps its quotation marks; the last paragraph of the toelichting is the attribution
    exactly as printed, and any paragraph before it is the seed's lead-in to that very quote."""
    joined, _ = seed("003")
    kaarten = categories(sources)["Uit de podcast"]
    episodes = []
    for kaart in kaarten:
        assert kaart.tekst.startswith("‘") and kaart.tekst.endswith("’"), kaart.tekst[:40]
        *lead, attribution = paragraphs(kaart.toelichting)
        match = ATTRIBUTION.fullmatch(attribution)
        assert match, attribution
        episodes.append(int(match.group(1)))
        assert len(lead) <= 1
        if lead:
            assert _squash(f"{lead[0]} {kaart.tekst}") in joined, lead[0][:40]
    assert episodes == EPISODES
    assert [episodes.count(n) for n in (1, 2, 3)] == [6, 6, 7]
    # Only Merel's quote (r. 1169) has no lead-in: its attribution names her.
    assert [k.toelichting.count("\n\n") for k in kaarten].count(0) == 1


def test_amalia_quote_count_matches_the_seed(sources):
    """16 attribution blocks in the seed (14 + Merel's + Michel's); the last quote of each block is
    directly followed by its attribution, and every block has a card."""
    joined, _ = seed("003")
    assert len(re.findall(r"\(Podcast De droom van Amalia, deel [123]\)", joined)) == 14
    assert len(ATTRIBUTION.findall(joined)) == 16
    kaarten = categories(sources)["Uit de podcast"]
    closing = [k for k in kaarten if _squash(f"{k.tekst} {paragraphs(k.toelichting)[-1]}") in joined]
    assert len(closing) == 16
    assert len(kaarten) - len(closing) == 3


def test_amalia_manege_box_is_split_without_loss(sources):
    """The box at r. 1151–1163: its story sentences and the lead-in and quote of Silvana follow on."""
    joined, _ = seed("003")
    story = categories(sources)["Het verhaal"][1].toelichting
    quote = categories(sources)["Uit de podcast"][1]
    lead = paragraphs(quote.toelichting)[0]
    assert _squash(f"{story} {lead} {quote.tekst}") in joined
