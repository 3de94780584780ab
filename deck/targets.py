"""What `deck` can build from a set of sources: card decks, werkbladen and booklets."""

from __future__ import annotations

from dataclasses import dataclass

from deck.cards import deck_cards
from deck.model import Emoties, Hand, HelpendeVragen, Oefeningen, Spanningsvelden, Werkkaarten
from deck.sources import Sources


@dataclass(frozen=True)
class Target:
    id: str
    soort: str  # kaarten | werkblad | boekje
    titel: str
    aantal: int
    eenheid: str
    inhoud: str
    bouwbaar: bool  # False: listed with its content, rendered by a later release

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "soort": self.soort,
            "titel": self.titel,
            "aantal": self.aantal,
            "eenheid": self.eenheid,
            "inhoud": self.inhoud,
            "bouwbaar": self.bouwbaar,
        }


def list_targets(sources: Sources) -> list[Target]:
    """Every target the sources allow: one deck per source file, then werkbladen and booklets."""
    targets = [_deck_target(doc) for doc in sources.documents.values()]
    targets += _werkbladen(sources)
    targets += _boekjes(sources)
    return targets


def _deck_target(doc) -> Target:
    cards = deck_cards(doc)
    unit = {"werkkaarten": "werkkaarten", "oefeningen": "oefeningen"}.get(doc.soort, "kaarten")
    return Target(doc.id, "kaarten", doc.titel, len(cards), unit, summarize(doc), bouwbaar=True)


def summarize(doc) -> str:
    """The content of a source document in counts, as `deck list` shows it."""
    if isinstance(doc, Spanningsvelden):
        vragen = sum(len(v.vragen) for v in doc.spanningsvelden)
        citaten = sum(len(v.citaten) for v in doc.spanningsvelden)
        algemeen = len(doc.algemene_reflectievragen.vragen) if doc.algemene_reflectievragen else 0
        return (
            f"{len(doc.spanningsvelden)} spanningsvelden met {vragen} reflectievragen en {citaten} citaten; "
            f"{algemeen} algemene reflectievragen"
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
            f"{len(sessies)} leersessies met {sum(len(s.inzichten) for s in sessies)} inzichten, "
            f"{sum(len(s.helpende_vragen) for s in sessies)} helpende vragen, "
            f"{sum(len(s.citaten) for s in sessies)} citaten en "
            f"{sum(len(s.hulpbronnen) for s in sessies)} hulpbronnen"
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
    return f"{len(deck_cards(doc))} kaarten"


def _werkkaart(sources: Sources, nummer: int):
    for doc in sources.of_kind("werkkaarten"):
        for kaart in doc.werkkaarten:
            if kaart.nummer == nummer:
                return kaart
    return None


def _oefening(sources: Sources, oefening_id: str):
    for doc in sources.of_kind("oefeningen"):
        for oefening in doc.oefeningen:
            if oefening.id == oefening_id:
                return oefening
    return None


def _werkbladen(sources: Sources) -> list[Target]:
    targets = []
    feiten = _oefening(sources, "l2")
    if feiten:
        targets.append(Target("feiten-of-interpretaties", "werkblad", feiten.titel, len(feiten.stappen), "stappen",
                              "A4: instructie, twee kolommen (wat ik dacht en voelde | wat er gezegd werd), analysevragen", False))
    tijdlijn = _werkkaart(sources, 3)
    if tijdlijn:
        targets.append(Target("tijdlijn", "werkblad", tijdlijn.titel, 1, "vel",
                              "A4 liggend: professionals boven de lijn, gezin eronder; 'Wat zien we? En wat doet dit met ons?'", False))
    wissel = _werkkaart(sources, 5)
    if wissel:
        targets.append(Target("perspectiefwissel", "werkblad", wissel.titel, 1, "vel",
                              "A4: tabel met de betrokkenen, hun grootste dilemma of angst en hun gevoel", False))
    for doc in sources.of_kind("spanningsvelden"):
        targets.append(Target("spanningsveld-lijn", "werkblad", "Waar sta ik?", len(doc.spanningsvelden), "lijnen",
                              "A4: elk spanningsveld als lijn tussen zijn twee polen, met de reflectievraag", False))
    for doc in sources.of_kind("hand"):
        targets.append(Target("hand-werkblad", "werkblad", doc.titel, len(doc.vingers), "vingers",
                              "A4: getekende hand met de vragen bij elke vinger (de kaarten heten 'hand')", False))
    incident = _oefening(sources, "l1")
    if incident:
        targets.append(Target("incidentmethode", "werkblad", incident.titel, len(incident.stappen), "stappen",
                              "A4: de stappen met hun minuten als sessieblad", False))
    return targets


def _boekjes(sources: Sources) -> list[Target]:
    werkkaarten = sources.of_kind("werkkaarten")
    if not werkkaarten:
        return []
    velden = sum(len(doc.spanningsvelden) for doc in sources.of_kind("spanningsvelden"))
    bronnen = sum(len(s.hulpbronnen) for doc in sources.of_kind("helpende-vragen") for s in doc.leersessies)
    kaarten = sum(len(doc.werkkaarten) for doc in werkkaarten)
    inhoud = f"A5 en A4 gevouwen: {kaarten} werkkaarten, {velden} spanningsvelden, {bronnen} hulpbronnen met QR-code"
    return [Target("facilitatorboekje", "boekje", "Facilitatorboekje", kaarten, "werkkaarten", inhoud, False)]
