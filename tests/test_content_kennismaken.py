"""The deck 'Kennismaken' (002, "Professional aan het woord"): the seven interview questions and the
five either/or choices that six professionals answer, verbatim from the seed, without the answers."""

from tests.test_content import _squash, doc, missing_from_seed, seed

QUESTIONS = [
    "Wie of wat heeft je geïnspireerd om in dit vakgebied te stappen?",
    "Wie in je eigen netwerk is voor jou een sparringpartner?",
    "Over welke beweging in de kind- en gezinsbescherming ben je hoopvol?",
    "Als je één wet of regel overboord mag gooien, welke zou dat dan zijn?",
    "Wat gun jij iedere professional die werkt met mensen in een kwetsbare positie?",
    "Welk handelen van professionals zie je waar je meer van zou willen zien?",
    "Waar moeten professionals volgens jou vanaf morgen mee stoppen?",
]

CHOICES = [
    "Koffie of Thee",
    "Huisbezoek of Kantoor",
    "Intervisie of Webinar",
    "Luisteren of Vertellen",
    "Verslag lezen of schrijven",
]

INTERVIEWS = 6  # Sabine, Mariska, Albert-Jan, Peter, Mascha, Nicoline


def categories(sources):
    return {c.naam: c.kaarten for c in doc(sources, "kennismaken").categorieen}


def test_kennismaken_structure(sources):
    document = doc(sources, "kennismaken")
    assert document.soort == "kaarten"
    assert document.titel == "Kennismaken"
    assert document.maat is None  # poker, the default
    assert [c.naam for c in document.categorieen] == ["Interviewvragen", "Dit of dat"]
    assert all(c.kleur for c in document.categorieen)
    cats = categories(sources)
    assert [len(cats["Interviewvragen"]), len(cats["Dit of dat"])] == [7, 5]
    assert [k.tekst for k in cats["Interviewvragen"]] == QUESTIONS
    assert [k.tekst for k in cats["Dit of dat"]] == CHOICES
    for kaarten in cats.values():
        assert all(k.toelichting is None and k.lijst == [] for k in kaarten)


def test_kennismaken_source(sources):
    bron = doc(sources, "kennismaken").bron
    assert bron.publicatie == "Kom verder! Inspiratiedocument"
    assert bron.onderdeel == "Professional aan het woord"
    assert vars(bron) == {**vars(doc(sources, "oefeningen").bron), "onderdeel": bron.onderdeel}
    assert bron.onderdeel in seed("002")[0]
    assert bron.rechten in seed("002")[0]


def test_kennismaken_text_is_verbatim(sources):
    strings = [k.tekst for kaarten in categories(sources).values() for k in kaarten]
    assert missing_from_seed(strings, "002") == []


def test_kennismaken_questions_in_all_six_interviews(sources):
    joined, _ = seed("002")
    assert joined.count("De keuzes van ") == INTERVIEWS
    for kaart in categories(sources)["Interviewvragen"]:
        assert joined.count(_squash(kaart.tekst)) == INTERVIEWS, kaart.tekst


def test_kennismaken_choices_and_the_variants_of_the_fifth(sources):
    """The first four choices are the same in all six interviews; the fifth is spelled three ways
    (see the aantekeningen): the card has the one correct form the seed gives."""
    joined, _ = seed("002")
    for choice in CHOICES[:4]:
        assert joined.count(choice) == INTERVIEWS, choice
    assert joined.count("Verslag lezen of schrijven") == 1
    assert joined.count("Verlag lezen of schrijven") == 4
    assert joined.count("Verstap lezen of schrijven") == 1
    notes = " ".join(doc(sources, "kennismaken").aantekeningen)
    assert "Verlag lezen of schrijven" in notes and "Verstap lezen of schrijven" in notes
