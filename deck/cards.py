"""Which cards a deck holds: one item of content per card, with its category and source."""

from __future__ import annotations

from dataclasses import dataclass, field

from deck.model import (
    Bron,
    Document,
    Emoties,
    Hand,
    HelpendeVragen,
    Kaarten,
    Oefeningen,
    Spanningsvelden,
    Vraag,
    Werkkaarten,
)


@dataclass
class Card:
    """One card's content. `vorm` tells the layout what kind of card it is."""

    vorm: str  # vraag | polen | woord | vinger | werkkaart | oefening
    categorie: str
    tekst: str
    titel: str | None = None
    toelichting: str | None = None
    lijst: list[str] = field(default_factory=list)
    bron: Bron | None = None
    ref: int | None = None  # index of the werkkaart or oefening the card shows


def deck_cards(document: Document) -> list[Card]:
    """The cards of a deck, in deck order."""
    builder = _BUILDERS.get(type(document))
    if builder is None:
        raise ValueError(f"no card deck for soort {document.soort}")
    return builder(document)


def _vraag_card(vraag: Vraag, categorie: str, bron: Bron) -> Card:
    return Card("vraag", categorie, vraag.vraag, toelichting=vraag.toelichting, lijst=list(vraag.lijst), bron=bron)


def _helpende_vragen(doc: HelpendeVragen) -> list[Card]:
    cards = []
    for sessie in doc.leersessies:
        categorie = f"Leersessie {sessie.nummer}: {sessie.titel}"
        cards += [_vraag_card(vraag, categorie, doc.bron) for vraag in sessie.helpende_vragen]
    for groep in doc.vraaggroepen:
        cards += [_vraag_card(vraag, groep.titel, groep.bron or doc.bron) for vraag in groep.vragen]
    return cards


def _spanningsvelden(doc: Spanningsvelden) -> list[Card]:
    cards = []
    for veld in doc.spanningsvelden:
        categorie = f"Spanningsveld {veld.nummer}"
        cards.append(Card("polen", categorie, veld.titel, lijst=list(veld.polen), bron=doc.bron))
        cards += [Card("vraag", categorie, vraag, titel=veld.titel, bron=doc.bron) for vraag in veld.vragen]
    if doc.algemene_reflectievragen:
        categorie = doc.algemene_reflectievragen.kop or "Algemene reflectievragen"
        cards += [Card("vraag", categorie, vraag, bron=doc.bron) for vraag in doc.algemene_reflectievragen.vragen]
    return cards


def _emoties(doc: Emoties) -> list[Card]:
    return [
        Card("woord", familie.naam, woord.woord, bron=woord.bron or doc.bron)
        for familie in doc.families
        for woord in familie.woorden
    ]


def _hand(doc: Hand) -> list[Card]:
    return [
        Card("vinger", vinger.vinger, vinger.tekst, titel=vinger.vinger, lijst=list(vinger.opties), bron=doc.bron)
        for vinger in doc.vingers
    ]


def _werkkaarten(doc: Werkkaarten) -> list[Card]:
    return [
        Card("werkkaart", f"Werkkaart {kaart.nummer}", kaart.titel, bron=doc.bron, ref=index)
        for index, kaart in enumerate(doc.werkkaarten)
    ]


def _oefeningen(doc: Oefeningen) -> list[Card]:
    names = {principe.id: principe.naam for principe in doc.basisprincipes}
    return [
        Card("oefening", names.get(oefening.basisprincipe, oefening.basisprincipe), oefening.titel, bron=doc.bron, ref=index)
        for index, oefening in enumerate(doc.oefeningen)
    ]


def _kaarten(doc: Kaarten) -> list[Card]:
    return [
        Card("vraag", categorie.naam, kaart.tekst, toelichting=kaart.toelichting, bron=doc.bron)
        for categorie in doc.categorieen
        for kaart in categorie.kaarten
    ]


_BUILDERS = {
    HelpendeVragen: _helpende_vragen,
    Spanningsvelden: _spanningsvelden,
    Emoties: _emoties,
    Hand: _hand,
    Werkkaarten: _werkkaarten,
    Oefeningen: _oefeningen,
    Kaarten: _kaarten,
}
