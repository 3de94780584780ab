"""The deck 'Professionals aan het woord' (002, "Professional aan het woord"): the six interviews with
their answers, one category per professional, the seven questions of 'kennismaken' and a last card
with the five choices; every text verbatim from the seed."""

from tests.test_content import _squash, doc, missing_from_seed, seed

# (name, job) as the seed prints them under 'Naam:' and 'Beroep/vakgebied:', and the first name in
# 'De keuzes van …:'; in the order of the seed.
INTERVIEWS = [
    ("Sabine Vermeire", "Residentiële jeugdzorg, systemisch en narratief psychotherapeut.", "Sabine"),
    (
        "Mariska van der Steege",
        "orthopedagoog/organisatieadviseur, zelfstandige in de jeugdhulp en jeugdbescherming",
        "Mariska",
    ),
    ("Albert-Jan Kruijer", "Actieonderzoeker Instituut voor Publieke Waarden", "Albert-Jan"),
    (
        "Peter Dijkshoorn",
        "kinder- en jeugdpsychiater (n.p.) nu actief voor de VNG in het kader van lerende jeugdhulp",
        "Peter",
    ),
    (
        "Mascha Struijk",
        "Trainer bij (jeugd) hulporganisaties en gemeenten, spreker, podcastmaker van de podcast: Professional "
        "vanuit je hart, orthopedagoog, en auteur van het boek: In 10 stappen professional vanuit je hart.",
        "Mascha",
    ),
    (
        "Nicoline den Ouden",
        "Teamleider landelijk Ondersteuningsteam gedupeerde ouders van de kinderopvang toeslagaffaire – "
        "uithuisplaatsingen",
        "Nicoline",
    ),
]

# The job lines are joined with a space, except after a slash at the end of a line (Mariska).
LINE_END_SLASH = ("orthopedagoog/", "orthopedagoog/ ")

# The fifth choice as printed in each interview (two spellings are source typos, kept).
FIFTH = ["Verlag", "Verslag", "Verlag", "Verlag", "Verlag", "Verstap"]

# Answers that run over a page: the page head, menu, name and job fall between these words.
PAGE_BREAKS = ["vrienden uit heel andere vakgebieden", "daar vertelde een deelnemer"]

# Paragraphs per answer (blank line after a finished sentence), per interview, in question order.
PARAGRAPHS = [
    [1, 2, 1, 1, 1, 2, 1],
    [1] * 7,
    [1] * 7,
    [1] * 7,
    [1, 1, 2, 1, 1, 1, 1],
    [1, 1, 1, 2, 1, 1, 1],
]


def categories(sources):
    return doc(sources, "interviews").categorieen


def questions(sources):
    return [k.tekst for c in doc(sources, "kennismaken").categorieen if c.naam == "Interviewvragen" for k in c.kaarten]


def test_interviews_structure(sources):
    document = doc(sources, "interviews")
    assert document.soort == "kaarten"
    assert document.titel == "Professionals aan het woord"
    assert document.vorm == "lang"
    assert [c.naam for c in categories(sources)] == [f"{name}, {job}" for name, job, _ in INTERVIEWS]
    assert [len(c.kaarten) for c in categories(sources)] == [8] * 6
    colours = [c.kleur for c in categories(sources)]
    assert all(colours) and len(set(colours)) == 6


def test_interviews_questions_are_kennismaken_questions(sources):
    asked = questions(sources)
    assert len(asked) == 7
    for categorie in categories(sources):
        assert [k.tekst for k in categorie.kaarten[:7]] == asked, categorie.naam
        assert all(k.toelichting and k.lijst == [] for k in categorie.kaarten[:7])


def test_interviews_paragraphs(sources):
    counts = [[len(k.toelichting.split("\n\n")) for k in c.kaarten[:7]] for c in categories(sources)]
    assert counts == PARAGRAPHS
    for categorie in categories(sources):
        for kaart in categorie.kaarten:
            for paragraph in (kaart.toelichting or "").split("\n\n"):
                assert paragraph == paragraph.strip() and "\n" not in paragraph and "  " not in paragraph


def test_interviews_choices(sources):
    joined, _ = seed("002")
    for categorie, (_, _, first), fifth in zip(categories(sources), INTERVIEWS, FIFTH, strict=True):
        kaart = categorie.kaarten[7]
        assert kaart.tekst == f"De keuzes van {first}"
        assert kaart.lijst == [
            "Koffie of Thee",
            "Huisbezoek of Kantoor",
            "Intervisie of Webinar",
            "Luisteren of Vertellen",
            f"{fifth} lezen of schrijven",
        ]
        # heading and choices follow each other in the seed (strike-through marks removed by seed())
        plain = _squash(f"{kaart.tekst}: {' '.join(kaart.lijst)}")
        dashed = _squash(f"{kaart.tekst}: - {' - '.join(kaart.lijst)}")
        assert plain in joined or dashed in joined, first
        after = f" {kaart.toelichting}" if kaart.toelichting else ""
        assert (plain + after in joined) or (dashed + after in joined), first
    assert [bool(c.kaarten[7].toelichting) for c in categories(sources)] == [True] + [False] * 5


def test_interviews_names_and_jobs_in_the_seed(sources):
    joined, _ = seed("002")
    for name, job, _ in INTERVIEWS:
        printed = job.replace(*LINE_END_SLASH)
        assert _squash(f"Naam: {name} Beroep/vakgebied: {printed}") in joined, name


def test_interviews_text_is_verbatim(sources):
    strings = []
    for categorie in categories(sources):
        for kaart in categorie.kaarten:
            strings += [kaart.tekst, *kaart.lijst]
            for paragraph in (kaart.toelichting or "").split("\n\n"):
                for words in PAGE_BREAKS:
                    if words in paragraph:
                        before, after = words.split(" ", 1)
                        head, tail = paragraph.split(words)
                        strings += [head + before, after + tail]
                        break
                else:
                    strings.append(paragraph)
    assert missing_from_seed(strings, "002") == []


def test_interviews_each_answer_follows_its_question(sources):
    joined, _ = seed("002")
    position = 0
    for categorie in categories(sources):
        for kaart in categorie.kaarten[:7]:
            pair = _squash(f"{kaart.tekst} {kaart.toelichting[:60]}")
            found = joined.find(pair, position)
            assert found >= 0, (categorie.naam, kaart.tekst)
            position = found  # in the seed's order: interview after interview, question after question


def test_interviews_source(sources):
    document = doc(sources, "interviews")
    bron = document.bron
    assert bron.onderdeel == "Professional aan het woord"
    assert vars(bron) == {**vars(doc(sources, "oefeningen").bron), "onderdeel": bron.onderdeel}
    assert bron.onderdeel in seed("002")[0]
    assert bron.rechten in seed("002")[0]
    notes = " ".join(document.aantekeningen)
    for word in ("Bronfout overgenomen", "Verlag", "Verstap", "Jarenlang", "~~", "navigatiemenu"):
        assert word in notes, word
