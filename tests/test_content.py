"""The bundled sources hold every seed item: counts equal the inventory's, and the text is verbatim."""

import re
from functools import cache

from deck.model import Blok
from tests.conftest import DATA

SEEDS = DATA / "seeds"

# 001 splits these words over two lines without a hyphen (inventory §11.4); they are one word.
SPLIT_WORDS_001 = (
    r"\b(veilig|oor|onveilig|samenwerkings|verantwoorde|veiligheids|samen|huis|professio|ervarings|proef|betrouwbaar)"
    r"[ \t]*\n\s*\n\s*(heid|zaken|partners|lijkheid|team|werkingsmodel|houden|naliteit|deskundigen|tuinen)\b"
)


def doc(sources, doc_id):
    return sources.documents[doc_id]


@cache
def seed(prefix: str) -> tuple[str, str]:
    """The seed text normalised two ways: line-break hyphens joined, and kept (for real hyphens)."""
    raw = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    raw = re.sub(r"\*\*|~~|\[([^\]]*)\]\(#\)", r"\1", raw)  # markdown in 002
    raw = re.sub(SPLIT_WORDS_001, r"\1\2", raw)
    joined = re.sub(r"(\w)-[ \t]*\n\s*(?=\w)", r"\1", raw)
    kept = re.sub(r"-[ \t]*\n\s*", "-", raw)
    return _squash(joined), _squash(kept)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def missing_from_seed(strings: list[str], prefix: str) -> list[str]:
    joined, kept = seed(prefix)
    return [s for s in strings if _squash(s) not in joined and _squash(s) not in kept]


def block_strings(blokken: list[Blok]) -> list[str]:
    strings = []
    for blok in blokken:
        strings += blok.lijst or [value for value in (blok.kop, blok.tekst, blok.vraag, blok.citaat) if value]
    return strings


# --- spanningsvelden (003, Bijlage 1) ---------------------------------------------------


def test_spanningsvelden_counts(sources):
    velden = doc(sources, "spanningsvelden").spanningsvelden
    assert [v.nummer for v in velden] == [1, 2, 3, 4, 5, 6]
    assert [len(v.vragen) for v in velden] == [7, 6, 5, 11, 6, 8]
    assert [len(v.reflectievragen) for v in velden] == [1, 1, 1, 2, 1, 2]
    assert [len(v.citaten) for v in velden] == [5, 4, 4, 3, 2, 3]
    assert len(doc(sources, "spanningsvelden").algemene_reflectievragen.vragen) == 9


def test_spanningsvelden_poles(sources):
    velden = doc(sources, "spanningsvelden").spanningsvelden
    assert velden[0].polen == ["het bewezen maakbare", "het nog ongrijpbare"]
    assert velden[4].polen == ["jij-en-ik", "wij²"]
    for veld in velden:
        assert all(pool in veld.titel for pool in veld.polen)


def test_spanningsvelden_questions_and_quotes_are_verbatim(sources):
    document = doc(sources, "spanningsvelden")
    strings = [q for v in document.spanningsvelden for q in v.vragen]
    strings += document.algemene_reflectievragen.vragen
    strings += [c.tekst for v in document.spanningsvelden for c in v.citaten]
    # SV3's last quote: the source closes it before the full stop ("hoofdkennis’.").
    assert missing_from_seed(strings, "003") == [document.spanningsvelden[2].citaten[3].tekst]
    assert document.spanningsvelden[2].citaten[3].tekst.endswith("hoofdkennis.")


def test_spanningsveld_samples_match_seed_words(sources):
    veld4 = doc(sources, "spanningsvelden").spanningsvelden[3]
    assert veld4.vragen[5] == "Wat houdt je tegen om te vertragen?"
    assert veld4.citaten[0].tekst.startswith("Ik kom er niet aan toe om de kern van het probleem te doorgronden")


# --- werkkaarten (003, Bijlage 2) ---------------------------------------------------------


def test_werkkaarten_counts(sources):
    kaarten = doc(sources, "werkkaarten").werkkaarten
    assert [k.nummer for k in kaarten] == list(range(1, 9))
    assert [len(k.citaten) for k in kaarten] == [7, 1, 1, 1, 1, 1, 1, 0]
    assert kaarten[4].titel == "Een perspectiefwissel uitvoeren"


def test_werkkaart_8_phases_and_quotes(sources):
    kaart8 = doc(sources, "werkkaarten").werkkaarten[7]
    assert [len(f.subcategorieen) for f in kaart8.fasen] == [3, 5, 4]
    per_sub = [len(s.citaten) for f in kaart8.fasen for s in f.subcategorieen]
    assert per_sub == [6, 12, 3, 6, 9, 16, 11, 8, 2, 12, 8, 11]
    assert len(kaart8.fasecitaten) == 104
    dialogen = [d for f in kaart8.fasen for s in f.subcategorieen for d in s.dialogen]
    assert len(dialogen) == 1 and len(dialogen[0].stemmen) == 4


def test_werkkaart_1_helpende_vragen(sources):
    kaart1 = doc(sources, "werkkaarten").werkkaarten[0]
    vragen = [b.vraag for b in kaart1.inhoud if b.vraag]
    assert vragen[:3] == [
        "Wat zijn belangrijke waarden waaraan ik trouw wil blijven in mijn rol?",
        "Hoe draag ik als facilitator bij aan het gezamenlijk leren?",
        "Hoe kan ik mij als facilitator verder voorbereiden?",
    ]


def test_werkkaarten_quotes_are_verbatim(sources):
    kaarten = doc(sources, "werkkaarten").werkkaarten
    quotes = [c for k in kaarten for c in k.citaten]
    assert missing_from_seed(quotes, "003") == []


def test_werkkaart_1_agrees_with_helpende_vragen(sources):
    """Werkkaart 1's questions appear twice (werkkaart and deck): both copies must say the same."""
    kaart1 = doc(sources, "werkkaarten").werkkaarten[0]
    groep = next(g for g in doc(sources, "helpende-vragen").vraaggroepen if g.id == "facilitator")
    werkkaart_text = set(block_strings(kaart1.inhoud))
    for vraag in groep.vragen:
        assert vraag.vraag in werkkaart_text
        assert set(vraag.lijst) <= werkkaart_text


# --- helpende vragen (001 leersessies; 003) -------------------------------------------------


def test_leersessies_counts(sources):
    sessies = doc(sources, "helpende-vragen").leersessies
    assert [s.nummer for s in sessies] == [1, 2, 3, 4, 5, 6]
    assert [len(s.inzichten) for s in sessies] == [3, 0, 3, 4, 4, 4]
    # LS2's fourth item is the prose paragraph the inventory counts as "+1".
    assert [len(s.helpende_vragen) for s in sessies] == [2, 4, 3, 4, 5, 5]
    assert [len(s.citaten) for s in sessies] == [6, 4, 5, 4, 5, 5]
    assert [len(s.hulpbronnen) for s in sessies] == [5, 2, 4, 9, 3, 5]
    urls = [h.url for s in sessies for h in s.hulpbronnen]
    assert len(set(urls)) == 28


def test_vraaggroepen_counts(sources):
    groepen = {g.id: g for g in doc(sources, "helpende-vragen").vraaggroepen}
    assert [len(v.lijst) for v in groepen["facilitator"].vragen] == [8, 5, 9]
    assert len(groepen["open-vragen"].vragen) == 9
    assert len(groepen["droom-kind"].vragen) == 8
    assert len(groepen["droom-professional"].vragen) == 4


def test_helpende_vragen_are_verbatim(sources):
    document = doc(sources, "helpende-vragen")
    questions = [v.vraag for s in document.leersessies for v in s.helpende_vragen]
    assert missing_from_seed(questions, "001") == []
    from_003 = [v.vraag for g in document.vraaggroepen for v in g.vragen]
    from_003 += [item for g in document.vraaggroepen for v in g.vragen for item in v.lijst]
    assert missing_from_seed(from_003, "003") == []


def test_leersessie_1_equals_seed_000(sources):
    sessie = doc(sources, "helpende-vragen").leersessies[0]
    assert missing_from_seed([v.vraag for v in sessie.helpende_vragen] + sessie.citaten, "000") == []


# --- oefeningen (002) -------------------------------------------------------------------


def test_oefeningen_counts(sources):
    document = doc(sources, "oefeningen")
    assert [o.id for o in document.oefeningen] == [
        "g1",
        "g2",
        "r1",
        "r2",
        "e1",
        "e2",
        "h1",
        "h2",
        "m1",
        "m2",
        "l1",
        "l2",
    ]
    assert [len(o.stappen) for o in document.oefeningen] == [4, 4, 4, 4, 3, 4, 4, 4, 4, 2, 7, 7]
    assert len(document.basisprincipes) == 6


def lists_in(oefening) -> list[list[str]]:
    return [b.lijst for stap in oefening.stappen for b in stap.inhoud if b.lijst]


def test_oefening_question_lists(sources):
    oefeningen = {o.id: o for o in doc(sources, "oefeningen").oefeningen}
    assert 14 in [len(lijst) for lijst in lists_in(oefeningen["r2"])]
    assert len(oefeningen["l2"].stappen[4].inhoud[-1].lijst) == 9
    verandertaal = [lijst for lijst in lists_in(oefeningen["h1"])]
    assert sum(len(lijst) for lijst in verandertaal) == 17 + 4


def test_feiten_of_interpretaties_steps_in_order(sources):
    l2 = next(o for o in doc(sources, "oefeningen").oefeningen if o.id == "l2")
    assert [s.titel for s in l2.stappen][:3] == [
        "Lastige situatie",
        "Reflectie op de dialoog",
        "Gevoelens en gedachten",
    ]
    assert [s.minuten for s in l2.stappen] == [5, 10, 5, 10, None, 5, 5]
    assert l2.duur_minuten == 35  # stated; the steps add up to 40: both are kept


def test_oefeningen_text_is_verbatim(sources):
    strings = []
    for oefening in doc(sources, "oefeningen").oefeningen:
        strings += block_strings(oefening.doel)
        for stap in oefening.stappen:
            strings += block_strings(stap.inhoud)
    assert missing_from_seed(strings, "002") == []


# --- hand and emoties ---------------------------------------------------------------------


def test_hand_fingers_and_options(sources):
    hand = doc(sources, "hand")
    assert [v.vinger for v in hand.vingers] == ["Duim", "Wijsvinger", "Middelvinger", "Ringvinger", "Pink"]
    assert [len(v.opties) for v in hand.vingers] == [2, 3, 3, 3, 3]
    assert hand.vingers[0].opties[0] == "waar je goed in bent"
    assert missing_from_seed([v.tekst for v in hand.vingers] + [hand.tip], "002") == []


def test_emoties_deck(sources):
    emoties = doc(sources, "emoties")
    woorden = [w.woord for w in emoties.woorden]
    assert len(woorden) >= 40
    assert {"positief", "negatief"} == {f.lading for f in emoties.families}
    named_in_seeds = [
        "opgetogen",
        "radeloos",
        "perplex",
        "verslagen",
        "opgelucht",
        "verbaasd",
        "tevreden",
        "blij",
        "boos",
        "bang",
        "verdrietig",
    ]
    assert set(named_in_seeds) <= set(woorden)


def test_emotion_words_with_a_source_occur_in_the_seeds(sources):
    for woord in doc(sources, "emoties").woorden:
        if woord.bron:
            assert any(
                re.search(rf"\b{re.escape(woord.woord)}\b", seed(p)[0], re.IGNORECASE)
                for p in ("000", "001", "002", "003", "004")
            ), woord.woord


# --- every item carries its source ---------------------------------------------------------


def test_every_document_names_its_source(sources):
    """A publication and its publisher; where a seed names no publisher (004), the publication is a
    description marked as derived, and the aantekeningen say why."""
    for document in sources.documents.values():
        bron = document.bron
        assert bron.publicatie and (bron.uitgever or bron.titel_afgeleid), document.id
        if bron.titel_afgeleid:
            assert any("afgeleid" in note or "beschrijving" in note for note in document.aantekeningen), document.id


def test_the_rights_notice_of_kom_verder_is_quoted_verbatim_where_its_text_is_used(sources):
    notice = sources.documents["oefeningen"].bron.rechten
    assert missing_from_seed([notice], "002") == []
    for doc_id in ("oefeningen", "hand"):
        assert sources.documents[doc_id].bron.rechten == notice
    kom_verder = [
        w.bron for w in sources.documents["emoties"].woorden if w.bron and w.bron.publicatie.startswith("Kom verder")
    ]
    assert kom_verder and all(bron.rechten == notice for bron in kom_verder)
