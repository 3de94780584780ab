"""What `deck` can build from a set of sources: card decks, werkbladen and booklets."""

from __future__ import annotations

from typing import NamedTuple

from deck.cards import credits_cards, deck_cards
from deck.errors import DeckError
from deck.model import Emoties, Hand, HelpendeVragen, Kaarten, Oefeningen, Spanningsvelden, Werkkaarten
from deck.sources import Sources
from deck.werkbladen import SESSIEPLAN, SHEETS, Missing


class Target(NamedTuple):
    """Something `deck build` can make, as `deck list` shows it."""

    id: str
    soort: str  # kaarten | werkblad | boekje
    titel: str
    aantal: int
    eenheid: str
    inhoud: str
    missing: str = ""  # what the sources lack to make it ('' when they hold all it needs)

    @property
    def bouwbaar(self) -> bool:
        return not self.missing

    def as_json(self) -> dict:
        found = {
            "id": self.id,
            "soort": self.soort,
            "titel": self.titel,
            "aantal": self.aantal,
            "eenheid": self.eenheid,
            "inhoud": self.inhoud,
            "bouwbaar": self.bouwbaar,
        }
        return found | ({"ontbreekt": self.missing} if self.missing else {})


# The names of everything deck makes besides the decks: a deck may not take one, or one file
# would overwrite another in the output folder.
BOOKLET = "facilitatorboekje"
BUILT_IN = {
    **{sheet.id: f"het werkblad '{sheet.id}'" for sheet in SHEETS},
    SESSIEPLAN: "het werkblad 'sessieplan'",
    BOOKLET: "het facilitatorboekje",
    f"{BOOKLET}-a4-drukvel": "het facilitatorboekje op A4 (facilitatorboekje-a4-drukvel.pdf)",
    f"{BOOKLET}-letter-drukvel": "het facilitatorboekje op Letter (facilitatorboekje-letter-drukvel.pdf)",
    "uitlijntest": "de uitlijntest (uitlijntest.pdf)",
}


def list_targets(sources: Sources) -> list[Target]:
    """Every target the sources allow: one deck per source file, then werkbladen and booklets."""
    clashes = [
        sources.read[doc_id].problem(("id",), f"'{doc_id}' is ook de naam van {BUILT_IN[doc_id]}: kies een andere id")
        for doc_id in sources.documents
        if doc_id in BUILT_IN
    ]
    if clashes:
        raise DeckError(clashes)
    targets = [_deck_target(doc) for doc in sources.documents.values()]
    targets += _werkbladen(sources)
    targets += _boekjes(sources)
    return targets


def _deck_target(doc) -> Target:
    """A deck, counted as printed: its cards and, when it names its source, the credits cards."""
    cards = deck_cards(doc)
    credits = credits_cards(cards, doc)
    unit = {"werkkaarten": "werkkaarten", "oefeningen": "oefeningen"}.get(doc.soort, "kaarten")
    printed = len(cards) + len(credits)
    extra = {0: "", 1: "; en een kaart met de bronnen", 2: "; en twee kaarten met de bronnen en de toestemming"}
    inhoud = summarize(doc) + extra[len(credits)]
    return Target(doc.id, "kaarten", doc.titel, printed, unit, inhoud)


def summarize(doc) -> str:
    """The content of a source document in counts, as `deck list` shows it."""
    if isinstance(doc, Spanningsvelden):
        vragen = sum(len(v.vragen) for v in doc.spanningsvelden)
        citaten = sum(len(v.citaten) for v in doc.spanningsvelden)
        algemeen = len(doc.algemene_reflectievragen.vragen) if doc.algemene_reflectievragen else 0
        return (
            f"{len(doc.spanningsvelden)} spanningsvelden (hun polen) met {vragen} reflectievragen; "
            f"{algemeen} algemene reflectievragen (de {citaten} citaten staan in het facilitatorboekje)"
        )
    if isinstance(doc, Werkkaarten):
        citaten = sum(len(k.citaten) for k in doc.werkkaarten)
        text = f"{len(doc.werkkaarten)} werkkaarten met {citaten} citaten"
        for kaart in doc.werkkaarten:
            if kaart.fasen:
                subs = sum(len(f.subcategorieen) for f in kaart.fasen)
                text += (
                    f"; werkkaart {kaart.nummer}: {len(kaart.fasen)} fasen, {subs} subcategorieën, "
                    f"{len(kaart.fasecitaten)} citaten"
                )
        return text
    if isinstance(doc, HelpendeVragen):
        sessies = doc.leersessies
        parts = [
            f"{sum(len(s.helpende_vragen) for s in sessies)} helpende vragen uit {len(sessies)} leersessies (hun "
            f"{sum(len(s.inzichten) for s in sessies)} inzichten, {sum(len(s.citaten) for s in sessies)} citaten en "
            f"{sum(len(s.hulpbronnen) for s in sessies)} hulpbronnen staan in het facilitatorboekje)"
        ]
        parts += [f"{groep.titel}: {len(groep.vragen)}" for groep in doc.vraaggroepen]
        return "; ".join(parts)
    if isinstance(doc, Oefeningen):
        stappen = sum(len(o.stappen) for o in doc.oefeningen)
        return f"{len(doc.oefeningen)} oefeningen bij {len(doc.basisprincipes)} basisprincipes, {stappen} stappen"
    if isinstance(doc, Hand):
        opties = sum(len(v.opties) for v in doc.vingers)
        return f"{len(doc.vingers)} vingers met {opties} opties"
    if isinstance(doc, Emoties):
        positief = sum(len(f.woorden) for f in doc.families if f.lading == "positief")
        negatief = sum(len(f.woorden) for f in doc.families if f.lading == "negatief")
        return f"{len(doc.woorden)} woorden in {len(doc.families)} families ({positief} positief, {negatief} negatief)"
    if isinstance(doc, Kaarten):
        namen = ", ".join(c.naam for c in doc.categorieen[:4]) + (", …" if len(doc.categorieen) > 4 else "")
        aantal = len(doc.categorieen)
        return f"{len(deck_cards(doc))} kaarten in {aantal} {'categorie' if aantal == 1 else 'categorieën'} ({namen})"
    return f"{len(deck_cards(doc))} kaarten"


def _werkbladen(sources: Sources) -> list[Target]:
    """The werkbladen made from the soorten of source (or the decks, by id) there are; one whose part
    is missing is listed with what is missing."""
    targets = []
    for sheet in SHEETS:
        if not (sources.of_kind(sheet.reads) or sheet.reads in sources.documents):
            continue
        try:
            title, missing = sheet.build(sources, None)["title"], ""
        except Missing as error:
            title, missing = sheet.id, str(error)
        targets.append(Target(sheet.id, "werkblad", title, 1, "werkblad", sheet.summary, missing))
    if sources.of_kind("oefeningen"):
        targets.append(
            Target(
                SESSIEPLAN,
                "werkblad",
                "Sessieplan",
                1,
                "werkblad",
                "A4: de agenda van een bijeenkomst met begin- en eindtijden; alleen met --plan plan.yaml",
            )
        )
    return targets


def _boekjes(sources: Sources) -> list[Target]:
    werkkaarten = sources.of_kind("werkkaarten")
    if not werkkaarten:
        return []
    velden = sum(len(doc.spanningsvelden) for doc in sources.of_kind("spanningsvelden"))
    bronnen = sum(len(s.hulpbronnen) for doc in sources.of_kind("helpende-vragen") for s in doc.leersessies)
    kaarten = sum(len(doc.werkkaarten) for doc in werkkaarten)
    inhoud = (
        f"A5 om te lezen en A4 om te vouwen: {kaarten} werkkaarten, {velden} spanningsvelden, {bronnen} "
        "hulpbronnen met QR-code, met --plan ook de agenda"
    )
    return [Target(BOOKLET, "boekje", "Facilitatorboekje", kaarten, "werkkaarten", inhoud)]


def plannable(sources: Sources, soort: str) -> list[dict]:
    """What a session plan can name, as `deck list oefeningen` (or `werkkaarten`) shows it: the id
    or number, the minutes (an oefening's steps added up; a werkvorm takes the plan's minutes), the title."""
    if soort == "oefeningen":
        return [
            {"id": o.id, "minuten": o.step_minutes or "", "titel": o.titel}
            for doc in sources.of_kind("oefeningen")
            for o in doc.oefeningen
        ]
    return [
        {"id": str(k.nummer), "minuten": "", "titel": k.titel}
        for doc in sources.of_kind("werkkaarten")
        for k in doc.werkkaarten
    ]
