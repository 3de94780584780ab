"""The deck 'Retrospectieve casusanalyse' (004, chapter 1, "De retrospectieve analyses"): the four
questions and the five steps, counted against the seed, every text verbatim, and every step's text
complete (toelichting and lijst together are exactly what the seed prints under the step's heading)."""

import re

from deck.style import ink_on
from tests.test_content import _squash, block_strings, doc, missing_from_seed, seed

ID = "retrospectieve-casusanalyse"
VRAGEN = "Leidende vragen"
STAPPEN = "Stappen"

# Where each list sits in the normalised seed.
QUESTIONS_FROM = "gegaan is en gaat:"
STEPS_FROM = "De retrospectieve analyses bestonden uit de volgende stappen:"
STEPS_TO = "De perspectieve analyse"

HEADINGS = [
    "Stap 1 Voorstellen en inchecken",
    "Stap 2 Hoe doen we het met elkaar?",
    "Stap 3 De gezinsleden in beeld brengen",
    "Stap 4 De tijdlijn",
    "Stap 5 Inzichten, verdieping en werkzame elementen",
]

DURATION = "Voor de retrospectieve sessies trekken we om die reden een dagdeel van vier uur uit."


def categories(sources) -> dict:
    return {c.naam: c for c in doc(sources, ID).categorieen}


def seed_questions() -> list[str]:
    joined, _ = seed("004")
    begin = joined.index(QUESTIONS_FROM) + len(QUESTIONS_FROM)
    return [b.strip() for b in joined[begin : joined.index(STEPS_FROM, begin)].split("•")[1:]]


def seed_steps() -> str:
    joined, _ = seed("004")
    begin = joined.index(STEPS_FROM) + len(STEPS_FROM)
    return joined[begin : joined.index(STEPS_TO, begin)].strip()


def test_two_categories_with_the_seeds_counts(sources):
    document = doc(sources, ID)
    assert document.soort == "kaarten"
    assert document.titel == "Retrospectieve casusanalyse"
    assert document.vorm == "lang"
    found = categories(sources)
    assert list(found) == [VRAGEN, STAPPEN]
    assert len(found[VRAGEN].kaarten) == 4
    assert len(found[STAPPEN].kaarten) == 5
    # The counts are the seed's own: four bullets, and steps 1 to 5.
    assert len(seed_questions()) == 4
    assert re.findall(r"Stap (\d) ", seed_steps()) == ["1", "2", "3", "4", "5"]


def test_every_question_is_a_whole_bullet_in_order(sources):
    kaarten = categories(sources)[VRAGEN].kaarten
    assert [k.tekst for k in kaarten] == seed_questions()
    assert all(not k.toelichting and not k.lijst for k in kaarten)


def test_steps_are_the_seeds_headings_with_everything_under_them(sources):
    kaarten = categories(sources)[STAPPEN].kaarten
    assert [k.tekst for k in kaarten] == HEADINGS
    steps = seed_steps()
    starts = [steps.index(heading) for heading in HEADINGS] + [len(steps)]
    assert starts == sorted(starts)
    for kaart, begin, end in zip(kaarten, starts, starts[1:], strict=False):
        under = steps[begin + len(kaart.tekst) : end].strip()
        mine = " ".join(([kaart.toelichting] if kaart.toelichting else []) + kaart.lijst)
        assert _squash(mine) == under, (kaart.tekst, mine, under)
    assert [len(k.lijst) for k in kaarten] == [3, 2, 2, 5, 6]
    assert [bool(k.toelichting) for k in kaarten] == [False, False, False, True, True]
    questions = [item for k in kaarten for item in k.lijst if item.endswith("?")]
    assert len(questions) == 16


def test_every_text_occurs_verbatim_in_the_seed(sources):
    texts = []
    for categorie in categories(sources).values():
        for kaart in categorie.kaarten:
            texts += [kaart.tekst] + ([kaart.toelichting] if kaart.toelichting else []) + kaart.lijst
    assert missing_from_seed(texts, "004") == []
    assert len(set(texts)) == len(texts)


def test_inleiding_is_the_intro_and_the_duration(sources):
    document = doc(sources, ID)
    assert [b.soort for b in document.inleiding] == ["tekst", "tekst"]
    strings = block_strings(document.inleiding)
    assert missing_from_seed(strings, "004") == []
    assert strings[0].startswith("Voor elke retrospectieve sessie zijn")
    assert strings[0].endswith(QUESTIONS_FROM)
    assert strings[1] == DURATION


def test_two_readable_colours_that_differ(sources):
    kleuren = [c.kleur for c in categories(sources).values()]
    assert len(set(kleuren)) == 2
    assert all(ink_on(kleur) == "#ffffff" for kleur in kleuren)


def test_source_and_notes(sources):
    document = doc(sources, ID)
    dogmas = doc(sources, "dogmas")
    assert document.bron.publicatie == dogmas.bron.publicatie
    assert document.bron.titel_afgeleid and not document.bron.uitgever
    assert document.bron.onderdeel.startswith("1. Aanpak: werksessie, analyses en coaching on the job")
    assert (
        missing_from_seed(
            ["1. Aanpak: werksessie, analyses en coaching on the job", "De retrospectieve analyses"], "004"
        )
        == []
    )
    notes = " ".join(document.aantekeningen)
    assert "r. 212" in notes and "r. 209–210" in notes
