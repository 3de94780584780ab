"""Which cards a deck holds: one item of content per card, with its category and source."""

from __future__ import annotations

import re
from typing import NamedTuple

from deck.errors import DeckError, Problem
from deck.geometry import CARD_SIZES
from deck.model import (
    Blok,
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
from deck.style import category_colours, with_back


class Card(NamedTuple):
    """One card's content. `vorm` tells the layout what kind of card it is."""

    vorm: str  # vraag | polen | woord | vinger | flow (werkkaart, oefening: text over several sides)
    categorie: str
    tekst: str
    titel: str | None = None
    toelichting: str | None = None
    lijst: list[str] = []
    bron: Bron | None = None
    meta: list[str] = []  # flow cards: lines under the title
    blokken: list[dict] = []  # flow cards: the running text (cards are never changed: shared defaults are safe)
    herkomst: str | None = None  # without a bron: what the back says about where the card comes from

    def words(self) -> list[str]:
        """Every word on the card, for checking that none is wider than its line."""
        texts = [self.tekst, self.titel or "", self.toelichting or "", *self.lijst, *self.meta]
        texts += [b.get("tekst", "") for b in self.blokken] + [i for b in self.blokken for i in b.get("items", [])]
        return [word for text in texts for word in text.split()]


def deck_cards(document: Document) -> list[Card]:
    """The cards of a deck, in deck order."""
    builder = _BUILDERS.get(type(document))
    if builder is None:
        raise ValueError(f"no card deck for soort {document.soort}")
    return builder(document)


SPLIT_LISTS_LONGER_THAN = 3
LARGE_CARD_KINDS = ("werkkaarten", "oefeningen")  # text over several sides: A6 by default


def default_size(document: Document) -> tuple[float, float]:
    """The deck's own size if it names one, else poker, or A6 for the long cards of werkkaarten and oefeningen."""
    if isinstance(document, Kaarten) and document.maat:
        return CARD_SIZES[document.maat]
    long = document.soort in LARGE_CARD_KINDS or (isinstance(document, Kaarten) and document.vorm == "lang")
    return CARD_SIZES["a6" if long else "poker"]


def selected_cards(
    document: Document, selection: str | None, palette: list[str]
) -> tuple[list[Card], list[str], dict[str, str]]:
    """The cards to print, their labels ('7/52') and the colour of every category. Without a
    selection that is the whole deck and its credits card; labels and colours always come from
    the whole deck, so a reprinted card matches the rest."""
    cards = deck_cards(document)
    colours = _colours(document, cards, palette)
    labels = [f"{number}/{len(cards)}" for number in range(1, len(cards) + 1)]
    if not selection:
        credits = credits_cards(cards, document)
        return cards + credits, labels + [""] * len(credits), colours
    picked = [number - 1 for number in parse_selection(selection, document.id, len(cards))]
    return [cards[i] for i in picked], [labels[i] for i in picked], colours


def _colours(document: Document, cards: list[Card], palette: list[str]) -> dict[str, str]:
    """A colour per category: an own deck's as it gives them (or its deck colour), the others in
    turn from the palette."""
    given = {}
    if isinstance(document, Kaarten):
        given = {c.naam: c.kleur or document.kleur for c in document.categorieen if c.kleur or document.kleur}
    rest = category_colours([card.categorie for card in cards if card.categorie not in given], palette)
    return {**rest, **given}


def deck_style(document: Document, style: dict) -> dict:
    """The style of a deck's cards: an own deck with a colour of its own has its backs in it."""
    if isinstance(document, Kaarten) and document.kleur:
        return with_back(style, document.kleur)
    return style


def parse_selection(text: str, deck_id: str, count: int) -> list[int]:
    """'3,7-9' -> [3, 7, 8, 9]: card numbers of the deck, in deck order; a range may be written
    either way round ('9-7')."""
    chosen: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not match:
            message = f"'{part.strip()}' is geen kaartnummer of reeks (bijvoorbeeld 3,7-9)"
            raise DeckError([Problem("--cards", None, "", message)])
        first, last = sorted((int(match.group(1)), int(match.group(2) or match.group(1))))
        if not 1 <= first <= last <= count:
            message = f"'{part.strip()}' valt buiten de kaarten van {deck_id}: dat heeft kaart 1 tot en met {count}"
            raise DeckError([Problem("--cards", None, "", message)])
        chosen.update(range(first, last + 1))
    return sorted(chosen)


def selection_name(numbers: list[int]) -> str:
    """[3, 7, 8, 9] -> 'kaarten-3,7-9' and [3] -> 'kaart-3': what a file of those cards is called."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    spans = ",".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
    return f"kaart-{spans}" if len(numbers) == 1 else f"kaarten-{spans}"


def credits_cards(cards: list[Card], doc: Document) -> list[Card]:
    """The last cards of a deck: where the text comes from. A published source's words are
    transcribed word for word, and the card says so, with the publications' makers, year and web
    address; a publication's rights notice gets a card of its own, so that it is read. An own
    deck's card says only what its maker wrote as its source; a deck without a source has none."""
    if doc.bron is None:
        return []
    with_source = [card.bron or doc.bron for card in cards if card.herkomst is None]
    brons = list({_credit_line(b, doc.bron): b for b in with_source}.items())
    lines = [line for line, _ in brons] + list(dict.fromkeys(b.url for _, b in brons if b.url))
    added = sum(1 for card in cards if card.herkomst is not None)
    if added:
        lines.append(f"{added} kaarten: {ADDED.lower()}")
    if isinstance(doc, Kaarten) and not doc.aantekeningen:
        return [Card("bronnen", "Bronnen", "Deze kaarten komen uit:", lijst=lines, bron=doc.bron)]
    note = (
        "Alleen fouten van het omzetten naar tekst zijn hersteld, en enkele kennelijke drukfouten; wat is "
        f"hersteld of afgeleid, staat in de aantekeningen van het bronbestand '{doc.id}'. Gemaakt met deck."
    )
    rights = list(dict.fromkeys(b.permission for _, b in brons if b.permission))
    source = Card("bronnen", "Bronnen", "De tekst op deze kaarten komt woordelijk uit:", lijst=lines, bron=doc.bron)
    if not rights:
        return [source._replace(toelichting=note)]
    permission = Card("bronnen", "Bronnen", "Toestemming", toelichting=note, lijst=rights, bron=doc.bron)
    return [source, permission]


def _credit_line(bron: Bron, own: Bron) -> str:
    """Publication, publisher, makers and year; the section only for the deck's own source, to keep it short."""
    head = ", ".join(part for part in (bron.title, bron.uitgever, bron.onderdeel if bron == own else None) if part)
    return "; ".join(part for part in (head, bron.makers, bron.jaar) if part)


def _vraag_cards(vraag: Vraag, categorie: str, bron: Bron) -> list[Card]:
    """One card per helpende vraag; a long list of sub-questions gets a card per sub-question,
    with the main question above it, since nine questions never fit one card."""
    if len(vraag.lijst) > SPLIT_LISTS_LONGER_THAN and all(item.rstrip().endswith("?") for item in vraag.lijst):
        return [Card("vraag", categorie, item, titel=vraag.vraag, bron=bron) for item in vraag.lijst]
    return [Card("vraag", categorie, vraag.vraag, toelichting=vraag.toelichting, lijst=list(vraag.lijst), bron=bron)]


def _helpende_vragen(doc: HelpendeVragen) -> list[Card]:
    cards = []
    for sessie in doc.leersessies:
        categorie = f"Leersessie {sessie.nummer}: {sessie.titel}"
        for vraag in sessie.helpende_vragen:
            cards += _vraag_cards(vraag, categorie, doc.bron)
    for groep in doc.vraaggroepen:
        for vraag in groep.vragen:
            cards += _vraag_cards(vraag, groep.titel, groep.bron or doc.bron)
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


ADDED = "Aangevuld, niet uit de bronnen"


def _emoties(doc: Emoties) -> list[Card]:
    return [
        Card("woord", familie.naam, woord.woord, bron=woord.bron, herkomst=None if woord.bron else ADDED)
        for familie in doc.families
        for woord in familie.woorden
    ]


def _hand(doc: Hand) -> list[Card]:
    hint = _sentences_about_choosing(doc)
    return [
        Card(
            "vinger",
            vinger.vinger,
            vinger.tekst,
            titel=vinger.vinger,
            toelichting=hint,
            lijst=list(vinger.opties),
            bron=doc.bron,
        )
        for vinger in doc.vingers
    ]


def _sentences_about_choosing(doc: Hand) -> str | None:
    """The introduction's own sentences on choosing an option, quoted on every finger card."""
    text = " ".join(b.tekst for b in doc.inleiding if b.tekst)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    chosen = [s for s in sentences if s.startswith("Kies er") or "veiligste" in s]
    return " ".join(chosen) or None


def _werkkaarten(doc: Werkkaarten) -> list[Card]:
    return [
        Card("flow", f"Werkkaart {kaart.nummer}", kaart.titel, bron=doc.bron, blokken=werkkaart_blocks(kaart))
        for kaart in doc.werkkaarten
    ]


def werkkaart_blocks(kaart) -> list[dict]:
    """A werkkaart's running text, with werkkaart 8's phases, sub-categories and quotes."""
    blokken = flow_blocks(kaart.inhoud)
    for fase in kaart.fasen:
        blokken.append({"soort": "kop", "tekst": f"{fase.nummer}. {fase.titel}"})
        for sub in fase.subcategorieen:
            blokken.append({"soort": "subkop", "tekst": sub.titel})
            blokken += [{"soort": "citaat", "tekst": quote, "wie": None} for quote in sub.citaten]
            for dialoog in sub.dialogen:
                if dialoog.inleiding:
                    blokken.append({"soort": "tekst", "tekst": dialoog.inleiding})
                blokken += [{"soort": "citaat", "tekst": stem.tekst, "wie": stem.wie} for stem in dialoog.stemmen]
    return blokken


def _oefeningen(doc: Oefeningen) -> list[Card]:
    names = {principe.id: principe.naam for principe in doc.basisprincipes}
    cards = []
    for oefening in doc.oefeningen:
        principe = names.get(oefening.basisprincipe, oefening.basisprincipe)
        blokken = oefening_blocks(oefening)
        categorie = f"{principe} · oefening {oefening.nummer}"
        cards.append(
            Card("flow", categorie, oefening.titel, bron=doc.bron, meta=oefening_meta(oefening), blokken=blokken)
        )
    return cards


def oefening_blocks(oefening) -> list[dict]:
    """An oefening's running text: its aim, then every step with its minutes as the source gives them."""
    blokken = flow_blocks(oefening.doel)
    for stap in oefening.stappen:
        time = f" ({stap.time})" if stap.time else ""
        blokken.append({"soort": "kop", "tekst": f"Stap {stap.nummer}. {stap.titel}{time}"})
        blokken += flow_blocks(stap.inhoud)
    return blokken


def oefening_meta(oefening) -> list[str]:
    """Group size and duration as stated, and the steps' own minutes added up: both, when they differ."""
    stated = " · ".join(part for part in (oefening.groepsgrootte, oefening.duur) if part)
    total = oefening.step_minutes
    summed = f"Stappen samen: {total} (minuten zoals de bron ze geeft)" if total else ""
    return [line for line in (stated, summed) if line]


def flow_blocks(blokken: list[Blok]) -> list[dict]:
    """Blocks of running text as plain dicts for the layout."""
    result = []
    for blok in blokken:
        if blok.lijst is not None:
            result.append({"soort": "lijst", "items": list(blok.lijst), "genummerd": blok.genummerd})
        elif blok.link is not None:
            result.append({"soort": "link", "titel": blok.link.titel, "url": blok.link.url})
        elif blok.citaat is not None:
            result.append({"soort": "citaat", "tekst": blok.citaat, "wie": blok.wie})
        else:
            result.append({"soort": blok.soort, "tekst": getattr(blok, blok.soort)})
    return result


def _kaarten(doc: Kaarten) -> list[Card]:
    if doc.vorm == "lang":
        return [
            Card("flow", categorie.naam, kaart.tekst, bron=categorie.bron or doc.bron, blokken=_long_blocks(kaart))
            for categorie in doc.categorieen
            for kaart in categorie.kaarten
        ]
    return [
        Card(
            "vraag",
            categorie.naam,
            kaart.tekst,
            toelichting=kaart.toelichting,
            lijst=kaart.lijst,
            bron=categorie.bron or doc.bron,
        )
        for categorie in doc.categorieen
        for kaart in categorie.kaarten
    ]


def _long_blocks(kaart) -> list[dict]:
    """A long card's toelichting and points as running text."""
    blokken = [{"soort": "tekst", "tekst": kaart.toelichting}] if kaart.toelichting else []
    if kaart.lijst:
        blokken.append({"soort": "lijst", "items": list(kaart.lijst), "genummerd": False})
    return blokken


_BUILDERS = {
    HelpendeVragen: _helpende_vragen,
    Spanningsvelden: _spanningsvelden,
    Emoties: _emoties,
    Hand: _hand,
    Werkkaarten: _werkkaarten,
    Oefeningen: _oefeningen,
    Kaarten: _kaarten,
}
