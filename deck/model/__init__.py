"""Stage 2: the content model. Each source file has a `soort` that picks its record class; the
classes live in a module per soort, on the shared parts in common.py.

Records are checked by deck/schema.py: strictly (YAML's own types, no silent conversion), with
unknown keys refused and every problem a Dutch line naming file, line and field.
"""

from deck.errors import Problem
from deck.load import YamlFile
from deck.model.common import Blok, Bron, Document, Link
from deck.model.emoties import Emoties
from deck.model.hand import Hand
from deck.model.helpende_vragen import HelpendeVragen, Vraag
from deck.model.kaarten import Kaarten
from deck.model.oefeningen import Oefening, Oefeningen, Stap
from deck.model.spanningsvelden import Spanningsvelden
from deck.model.werkkaarten import Werkkaart, Werkkaarten
from deck.schema import check_file

__all__ = [
    "Blok",
    "Bron",
    "Document",
    "Emoties",
    "Hand",
    "HelpendeVragen",
    "Kaarten",
    "Link",
    "Oefening",
    "Oefeningen",
    "Spanningsvelden",
    "Stap",
    "Vraag",
    "Werkkaart",
    "Werkkaarten",
    "validate_document",
]

SCHEMAS: dict[str, type[Document]] = {
    "kaarten": Kaarten,
    "spanningsvelden": Spanningsvelden,
    "werkkaarten": Werkkaarten,
    "helpende-vragen": HelpendeVragen,
    "oefeningen": Oefeningen,
    "hand": Hand,
    "emoties": Emoties,
}


def validate_document(file: YamlFile) -> tuple[Document | None, list[Problem]]:
    """Turn parsed YAML into a document of its `soort`, or the problems that stop it."""
    data = file.data
    if not isinstance(data, dict):
        return None, [Problem(file.shown, 1, "", "het bestand moet velden bevatten (soort, id, titel, bron, ...)")]
    soort = data.get("soort")
    if not isinstance(soort, str) or soort not in SCHEMAS:
        message = "ontbreekt" if soort is None else f"onbekende soort '{soort}'"
        return None, [file.problem(("soort",), f"{message} (toegestaan: {', '.join(SCHEMAS)})")]
    return check_file(file, SCHEMAS[soort])
