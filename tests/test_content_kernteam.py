"""The deck 'Een kernteam rond een gezin' (seed 004: the perspectieve analyse and coaching on the job
questions, and the kernteam's vliegwiel, commitment and intentieverklaring): one category per list of
the seed, one card per item, every text verbatim and every list whole and in order."""

from deck.style import ink_on
from tests.test_content import _squash, block_strings, missing_from_seed, seed

PERSPECTIEF = "De perspectieve analyse"
AANZET = "Een aanzet tot een plan en een intentieverklaring"
COACHING = "Coaching on the job"
VLIEGWIEL = "Het vliegwiel"
COMMITMENT = "Commitment in houding en gedrag"
INTENTIE = "Intentieverklaring van het kernteam"

# Cards per category, and list items per card, as counted in the seed.
COUNTS = {
    PERSPECTIEF: [0, 0],  # r. 157, 159
    AANZET: [5],  # r. 164, with 5 'o' sub-questions r. 165-169
    COACHING: [0, 0, 0, 0, 0],  # r. 178-187
    VLIEGWIEL: [0, 0, 0, 6],  # r. 708-734: 4 '-' points, the last with 6 'o' sub-points
    COMMITMENT: [0] * 8,  # r. 739-753
    INTENTIE: [0] * 5,  # r. 758-775
}

# How each list sits in the seed: what comes right before it, its bullet and sub-bullet, the
# punctuation that closes each item in the seed (dropped on the cards), and what comes right after it.
# Together they prove that no item is missing, added or moved.
LISTS = {
    PERSPECTIEF: ("Zij stonden stil bij:", "•", None, "", "Ze maakten een aanzet"),
    AANZET: ("een plan en een intentieverklaring:", "•", "o", "", "Coaching on the job"),
    COACHING: ("op haar procesbegeleidersrol.", "•", None, "", "Analyse De deelnemers"),
    VLIEGWIEL: ("Het vliegwiel", "-", "o", "", "Commitment in houding en gedrag"),
    COMMITMENT: ("Commitment in houding en gedrag Gezin:", "-", None, ";", "Intentieverklaring van het kernteam:"),
    INTENTIE: ("Intentieverklaring van het kernteam:", "-", None, ";", "‘Mijn belangrijkste inzicht"),
}


def deck(sources):
    return sources.documents["kernteam"]


def categories(sources) -> dict:
    return {c.naam: c for c in deck(sources).categorieen}


def test_six_lists_with_the_seeds_counts(sources):
    document = deck(sources)
    assert document.soort == "kaarten"
    assert document.titel == "Een kernteam rond een gezin"
    found = categories(sources)
    assert list(found) == list(COUNTS)
    for naam, per_card in COUNTS.items():
        assert [len(k.lijst) for k in found[naam].kaarten] == per_card, naam
        assert not any(k.toelichting for k in found[naam].kaarten)
    assert sum(len(c.kaarten) for c in found.values()) == 25


def test_every_text_is_verbatim(sources):
    strings = [s for c in deck(sources).categorieen for k in c.kaarten for s in (k.tekst, *k.lijst)]
    assert missing_from_seed(strings, "004") == []
    assert len(set(strings)) == len(strings)


def test_each_list_is_whole_and_in_order(sources):
    joined, _ = seed("004")
    for naam, (before, bullet, sub, end, after) in LISTS.items():
        items = []
        for kaart in categories(sources)[naam].kaarten:
            items.append(f"{bullet} {kaart.tekst}")
            items += [f"{sub} {punt}" for punt in kaart.lijst]
        # The list's own closing ';' follows each main item (the last commitment ends in '’.').
        text = " ".join(items) if not end else f"{end} ".join(items) + end
        if naam == COMMITMENT:
            text = text.removesuffix(end)
        assert _squash(f"{before} {text} {after}") in joined, naam


def test_category_names_come_from_the_seed(sources):
    joined, _ = seed("004")
    names = list(categories(sources))
    assert missing_from_seed([n for n in names if n != AANZET], "004") == []
    # The one derived name: the lead-in 'Ze maakten een aanzet tot … intentieverklaring:' (r. 161).
    assert "Ze maakten " + AANZET[0].lower() + AANZET[1:] + ":" in joined


def test_inleiding_is_verbatim_with_a_kop_per_introduced_list(sources):
    inleiding = deck(sources).inleiding
    assert [b.kop for b in inleiding if b.kop] == [PERSPECTIEF, AANZET, COACHING, VLIEGWIEL, COMMITMENT]
    assert missing_from_seed(block_strings(inleiding), "004") == [AANZET]
    assert inleiding[1].tekst.endswith("Zij stonden stil bij:")
    assert inleiding[-1].tekst == "Gezin:"


def test_source_errors_are_kept(sources):
    found = categories(sources)
    assert found[PERSPECTIEF].kaarten[1].tekst.endswith("ook als het schuurt'?")
    assert "wekelijks een uur richt zich" in found[VLIEGWIEL].kaarten[1].tekst
    assert "ziet elkaar wekelijks en richten zich" in found[VLIEGWIEL].kaarten[2].tekst
    assert found[COMMITMENT].kaarten[7].tekst.endswith("(ver)dragen’.")
    assert "als we van van ons afgestemde pad" in found[INTENTIE].kaarten[1].tekst
    assert found[INTENTIE].kaarten[3].tekst.endswith("onze inzet verdelen")


def test_readable_distinct_colours(sources):
    kleuren = [c.kleur for c in deck(sources).categorieen]
    assert len(set(kleuren)) == len(kleuren) == 6
    assert all(ink_on(kleur) == "#ffffff" for kleur in kleuren)


def test_source_and_notes(sources):
    document = deck(sources)
    assert document.maat == "tarot"
    bron = document.bron
    assert bron.publicatie == sources.documents["dogmas"].bron.publicatie
    assert bron.titel_afgeleid and not bron.uitgever
    assert bron.onderdeel.startswith("1. Aanpak") and "4. Een voorbeeld: doorbreken van een patroon" in bron.onderdeel
    notes = " ".join(document.aantekeningen)
    assert notes.count("Bronfout overgenomen: ") == 7
