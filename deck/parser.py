"""The YAML side of loading: text into plain Python data and the line of every value, with every
problem the parser finds in Dutch, on the line where the writer has to look.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from deck.errors import Loc, Problem, describe_loc, line_of, text_problem

MAX_DEPTH = 30
_STAR_BEFORE_A_NAME = re.compile(r"\*(?=[^\s,\[\]{}])")

_LIST_HERE = "een lijstregel ('- ') mag hier niet: het veld erboven heeft al een waarde, of de regel springt te ver in"
_YAML_PROBLEMS = [
    (r"found character '\\t'", "tab gevonden: spring in met spaties, niet met tabs"),
    (r"mapping values are not allowed", "onverwachte dubbele punt: zet tekst met ': ' tussen aanhalingstekens"),
    (r"could not find expected ':'", "dubbele punt ontbreekt na een veldnaam, of een regel springt verkeerd in"),
    (r"expected ',' or '\]'", "lijst met [ is niet gesloten met ]"),
    (r"expected ',' or '}'", "velden met { zijn niet gesloten met }"),
    (
        r"found unexpected end of stream|found '<stream end>'",
        "bestand houdt op midden in een waarde (aanhalingsteken of haakje niet gesloten?)",
    ),
    (r"found '<block sequence start>'|sequence entries are not allowed", _LIST_HERE),
    (r"did not find expected key", "verkeerde inspringing: deze regel past niet bij de regels erboven"),
    (r"did not find expected '-' indicator", "verkeerde inspringing in een lijst"),
    (r"expected <block end>", "verkeerde inspringing: deze regel past niet bij de regels erboven"),
    (r"expected <document start>", "verkeerde inspringing: deze regel past niet bij de regels erboven"),
    (r"found another document", "'---' begint een tweede document; een bestand heeft er één: haal die regel weg"),
    (r"special characters are not allowed", "bevat een onzichtbaar stuurteken; verwijder het"),
    (r"found undefined tag handle|could not determine a constructor", "YAML-tags (!...) worden niet ondersteund"),
    (
        r"found unknown escape character",
        "onbekende code na \\ in tekst tussen aanhalingstekens; schrijf een \\ als \\\\",
    ),
]
_MERGE = "samenvoegen met << wordt niet ondersteund; schrijf de velden uit"
_TAGS = "YAML leest een ! aan het begin als tag, en tags worden niet ondersteund: zet de tekst tussen aanhalingstekens"
_INVALID = "deze regel is geen geldige YAML: kijk naar de inspringing, de aanhalingstekens en de haakjes"


def parse(text: str, shown: str) -> tuple[Any, dict[Loc, int], list[Problem], list[Problem]]:
    """The data in text, the line of every value by its location, the problems and the warnings;
    shown is the file's name in those."""
    deep = _too_deep(text)
    if deep:
        return None, {}, [Problem(shown, deep, "", f"te diep genest (meer dan {MAX_DEPTH} niveaus)")], []
    try:
        node, loader = _compose(text, shown, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except _Refused as refused:
        return None, {}, refused.problems, []
    except yaml.YAMLError:
        # libyaml is 25 times faster, but stricter in places and worded differently: the
        # pure-Python parser decides, and its errors are the ones our Dutch translations know.
        try:
            node, loader = _compose(text, shown, yaml.SafeLoader)
        except (_Refused, yaml.YAMLError):
            return None, {}, _slow_problems(text, shown), []
    if node is None:
        return None, {}, [Problem(shown, 1, "", "bestand is leeg")], []
    converter = _Converter(loader, shown, text.split("\n"))
    data = converter.convert(node, (), 0)
    return data, converter.lines, converter.problems, converter.warnings


_BLOCK_PREFIX = re.compile(r"[ \t\-?:]*")


def _too_deep(text: str) -> int | None:
    """The line where nesting goes far past MAX_DEPTH, found before any parsing: the YAML parsers
    recurse once per level, and thousands of levels ([[[[…, or '- - - -…') overflow their stack.
    Brackets inside quotes count too: a guard may be strict, as no real file comes near."""
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        if len(_BLOCK_PREFIX.match(line).group()) > 8 * MAX_DEPTH:
            return number
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > 4 * MAX_DEPTH:
                return number
    return None


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _compose(text: str, shown: str, loader_class) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    aliases = _alias_problems(text, shown, loader_class)
    if aliases:
        raise _Refused(aliases)
    loader = loader_class(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def _slow_problems(text: str, shown: str) -> list[Problem]:
    try:
        yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return [Problem(shown, line, "", f"bevat een onzichtbaar stuurteken (U+{error.character:04X}); verwijder het")]
    try:
        _compose(text, shown, yaml.SafeLoader)
    except _Refused as refused:
        return refused.problems
    except yaml.MarkedYAMLError as error:
        return [_yaml_problem(shown, error, text)]
    except yaml.YAMLError:
        return [Problem(shown, None, "", _INVALID)]
    return [Problem(shown, None, "", _INVALID)]


def _alias_problems(text: str, shown: str, loader_class) -> list[Problem]:
    """Anchors and aliases are refused before composing: that is where alias bombs explode."""
    if not _maybe_alias(text):
        return []
    lines = [
        event.start_mark.line + 1
        for event in yaml.parse(text, Loader=loader_class)
        if isinstance(event, yaml.AliasEvent)
    ]
    if not lines:
        return []
    times = f" ({len(lines)} keer in dit bestand)" if len(lines) > 1 else ""
    return [Problem(shown, lines[0], "", f"aliassen (*naam) worden niet ondersteund{times}; schrijf de waarde uit")]


def _maybe_alias(text: str) -> bool:
    """Whether text holds something written like an alias: *name after a space, a line start or one
    of [ { , :. Some plain text looks like that too; then the parser decides."""
    return any(
        match.start() == 0 or text[match.start() - 1] in " \t\r\n[{,:" for match in _STAR_BEFORE_A_NAME.finditer(text)
    )


_UNCLOSED_QUOTE = "aanhalingsteken niet gesloten: sluit de tekst af met hetzelfde aanhalingsteken als aan het begin"


def _yaml_problem(shown: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        return Problem(shown, error.context_mark.line + 1, "", _UNCLOSED_QUOTE)  # the mark where it was opened
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    opened = _unclosed_quote(text, line) if line else None
    if opened:
        return Problem(shown, opened, "", _UNCLOSED_QUOTE)
    inside = _quote_inside(text, line) if line else None
    if inside:
        return Problem(shown, line, "", inside)
    said = f"{error.context or ''} {error.problem or ''}"
    start = re.search(r"found character '(.)' that cannot start any token", said)
    if start:
        message = f"een waarde mag niet met {start.group(1)} beginnen; zet de tekst tussen aanhalingstekens"
        return Problem(shown, line, "", message)
    for pattern, message in _YAML_PROBLEMS:
        if re.search(pattern, said):
            return Problem(shown, line, "", message)
    return Problem(shown, line, "", _INVALID)


def _quote_inside(text: str, line: int) -> str | None:
    """A quoted text on this line with more text after its closing quote: a quote inside the text
    that ends it early, as in tekst: "Hij zei "ja" en ging"."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    if re.search(r'(:|^\s*-)\s+"(?:[^"\\]|\\.)*"[ \t]*[^\s#,\]}]', lines[line - 1]):
        return (
            'een " binnen de tekst sluit de tekst af: schrijf het als \\" of zet de tekst tussen enkele '
            "aanhalingstekens ('...')"
        )
    if re.search(r"(:|^\s*-)\s+'(?:[^']|'')*'[ \t]*[^\s#,\]}]", lines[line - 1]):
        return (
            "een ' binnen de tekst sluit de tekst af: schrijf het twee keer ('') of zet de tekst tussen dubbele "
            "aanhalingstekens"
        )
    return None


def _unclosed_quote(text: str, line: int) -> int | None:
    """The line, just before the one the parser stumbled on or that one itself, where a double
    quote is opened and not closed. The parser reads on into the next line as if the text went
    on, and only stumbles there, so its own line and wording point at the wrong place."""
    lines = text.split("\n")
    for number in (line - 1, line):
        if 1 <= number <= len(lines) and lines[number - 1].replace('\\"', "").count('"') % 2 == 1:
            return number
    return None


class _Converter:
    """Turns a composed YAML node tree into dicts, lists and scalars, collecting problems."""

    def __init__(self, loader: yaml.SafeLoader, shown: str, text_lines: list[str]):
        self.loader = loader
        self.shown = shown
        self.text_lines = text_lines
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.seen: set[int] = set()

    def problem(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(self.shown, line_of(self.lines, loc), describe_loc(loc), message))

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if id(node) in self.seen:
            self.problem(loc, "ankers en aliassen (& en *) worden niet ondersteund; schrijf de waarde uit")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(loc, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
            return None
        if self.tagged(node):
            self.lines.setdefault(loc, node.start_mark.line + 1)
            self.problem(loc, _TAGS)
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, loc, depth)
        return self.scalar(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.shown, line, describe_loc(loc), _MERGE))
                continue
            if self.tagged(key_node):
                self.problems.append(Problem(self.shown, line, describe_loc(loc), _TAGS))
                continue
            key = _construct(self.loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                shown = f"'{key_node.value}'" if isinstance(key_node, yaml.ScalarNode) else "een lijst of velden"
                message = f"een veldnaam moet tekst zijn, niet {shown}"
                self.problems.append(Problem(self.shown, line, describe_loc(loc), message))
                continue
            self.lines[loc + (key,)] = key_node.start_mark.line + 1
            if re.fullmatch(r"-[^\s-].*", key):
                self.problem(loc + (key,), f"na het streepje hoort een spatie: schrijf - {key[1:]}:")
                continue
            if key in result:
                self.problem(loc + (key,), "veld staat twee keer op dezelfde plaats")
                continue
            result[key] = self.convert(value_node, loc + (key,), depth + 1)
        return result

    def tagged(self, node: yaml.Node) -> bool:
        """Whether the node carries a tag (!!str, !!python/object:…) in the text: refused on any node."""
        mark = node.start_mark
        return self.text_lines[mark.line][mark.column :].startswith("!")

    def sequence(self, node: yaml.SequenceNode, loc: Loc, depth: int) -> list:
        items = []
        for index, item in enumerate(node.value):
            self.lines[loc + (index,)] = item.start_mark.line + 1
            items.append(self.convert(item, loc + (index,), depth + 1))
        return items

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        try:
            value = _construct(self.loader, node)
        except (yaml.YAMLError, ValueError):
            if node.tag == "tag:yaml.org,2002:timestamp":
                message = "lijkt een datum maar die bestaat niet; schrijf een datum als 2026-11-23"
            else:
                message = "onleesbare waarde"
            self.problem(loc, f"{message}, of zet de tekst tussen aanhalingstekens")
            return None
        if isinstance(value, str):
            self.check_text(value, loc)
        if not node.style and (value is None or isinstance(value, str)):  # plain, unquoted text
            self.check_comment_after(node, value, loc)
        return value

    def check_comment_after(self, node: yaml.ScalarNode, value: str | None, loc: Loc) -> None:
        """YAML reads ' #' as the start of a comment, so '#trots' or '#8b4a1f' after unquoted text
        is silently dropped. A # followed straight by more than a space looks like text that was
        meant to be printed: an empty value that lost it is an error, a text a warning."""
        rest = self.text_lines[node.end_mark.line][node.end_mark.column :]
        if not re.match(r"\s+#\S", rest):
            return
        advice = "zet de tekst tussen aanhalingstekens"
        if not value:
            self.problem(loc, f'leeg: alles na # is commentaar; {advice}, bijvoorbeeld "{rest.strip()}"')
        else:
            message = f"alles na # is commentaar en komt niet op papier ({rest.strip()}); {advice}"
            self.warnings.append(Problem(self.shown, node.start_mark.line + 1, describe_loc(loc), message))

    def check_text(self, value: str, loc: Loc) -> None:
        problem = text_problem(value)
        if problem:
            self.problem(loc, problem)


_STRING_TAG = "tag:yaml.org,2002:str"


def _construct(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A scalar's value. A string is its node's text, as the safe loader's own constructor has it;
    that shortcut halves the time to convert a file, which is mostly strings."""
    return node.value if node.tag == _STRING_TAG else loader.construct_object(node)
