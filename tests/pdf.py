"""What the tests read from a PDF: pages, sizes, text as a reader extracts it, fonts. Shared by
every test module that looks into the files deck makes."""

import re
from pathlib import Path

from pypdf import PdfReader

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def reader(path: Path) -> PdfReader:
    return PdfReader(str(path))


def size_of(box) -> tuple[float, float]:
    return float(box.width), float(box.height)


def normalise(text: str) -> str:
    text = text.replace("\u00ad\n", "").replace("\u00ad", "").replace("\u200b", "")
    return re.sub(r"\s+", " ", text)


def tight(text: str) -> str:
    """Text without spaces, line breaks, hyphens and hyphenation points, and with straight quotes,
    so a source string can be found in what a PDF reader extracts: Typst breaks lines at
    hyphenation points (extracted as U+00AD) and sets Dutch curly quotes."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"[\s\u00ad\u200b-]+", "", text)


def printed(items: list[str], path: Path) -> list[str]:
    """The items whose text is not in the PDF."""
    text = tight(" ".join(page.extract_text() for page in reader(path).pages))
    return [item for item in items if tight(item) not in text]


def hyphenated_words(path: Path) -> list[str]:
    """The words broken over two lines at a hyphenation point (Typst's soft hyphen, as extracted);
    a word broken over two pages only as far as the first page has it."""
    return [
        first + rest
        for page in reader(path).pages
        for first, rest in re.findall(r"(\w+)\u00ad\s*(\w*)", page.extract_text())
    ]


def pdf_text(path: Path) -> str:
    return normalise(" ".join(page.extract_text() for page in reader(path).pages))


def fonts_in(path: Path) -> set[str]:
    """Every font name used anywhere in the PDF, including inside placed card pages."""
    names: set[str] = set()

    def walk(resources, seen):
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"), seen)

    for page in reader(path).pages:
        walk(page.get("/Resources"), set())
    return names


def running_text(path: Path, band_mm: float = 12, footer_mm: float = 9.5) -> str:
    """The text between the band and the footer of every side, pages joined: what a reader reads."""
    parts = []
    for page in reader(path).pages:
        top, height = float(page.trimbox.top), float(page.trimbox.height) / MM

        def keep(text, cm, tm, font, size, top=top, height=height):
            from_top = (top - (tm[5] * cm[3] + cm[5])) / MM
            if band_mm < from_top < height - footer_mm:
                parts.append(text)

        page.extract_text(visitor_text=keep)
    return tight("".join(parts))


def text_boxes(path: Path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Per page, each run of text with its box (left, bottom, right, top in points), as PDFium finds it."""
    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(str(path))
    for page in document:
        textpage = page.get_textpage()
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        pages.append([(textpage.get_text_bounded(*rect), rect) for rect in rects])
    return pages


def overlapping(
    boxes: list[tuple[str, tuple[float, float, float, float]]], slack: float = 0.5
) -> list[tuple[str, str]]:
    """Pairs of text runs whose boxes overlap by more than `slack` points both ways: text over text."""
    found = []
    for i, (text, a) in enumerate(boxes):
        for other, b in boxes[i + 1 :]:
            if min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack:
                found.append((text, other))
    return found


# --- colours ------------------------------------------------------------------------------------------


def pixel(path: Path, page: int, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    """The colour at a point of a page rendered at 150 ppi (mm from the top-left of the media box)."""
    import pypdfium2

    image = pypdfium2.PdfDocument(str(path))[page].render(scale=150 / 72).to_pil().convert("RGB")
    return image.getpixel((round(x_mm / 25.4 * 150), round(y_mm / 25.4 * 150)))


def near(colour: tuple[int, int, int], hex_colour: str, tolerance: int = 4) -> bool:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target, strict=True))


def streams(path: Path, page_number: int | None = None):
    """Every content stream of the PDF (or of one page), as text: pages, form XObjects and tiling patterns."""
    seen: set[int] = set()

    def walk(obj):
        obj = obj.get_object()
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if hasattr(obj, "get_data") and obj.get("/Subtype") != "/Image":
            yield obj.get_data().decode("latin-1")
        resources = obj.get("/Resources")
        if resources is not None:
            resources = resources.get_object()
            for kind in ("/XObject", "/Pattern"):
                for child in (resources.get(kind) or {}).values():
                    yield from walk(child)

    pages = reader(path).pages
    for page in pages if page_number is None else [pages[page_number]]:
        contents = page.get_contents()
        if contents is not None:
            yield contents.get_data().decode("latin-1")
        seen.add(id(page))
        resources = page.get("/Resources")
        if resources is not None:
            for kind in ("/XObject", "/Pattern"):
                for child in (resources.get_object().get(kind) or {}).values():
                    yield from walk(child)


def cmyk_colours(path: Path, page: int | None = None) -> set[tuple[float, float, float, float]]:
    """Every CMYK colour (fill or stroke, in percent) the PDF (or one page) paints with."""
    found = set()
    for stream in streams(path, page):
        for values in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) [kK]\b", stream):
            found.add(tuple(float(v) * 100 for v in values))
    return found


def paints_in_cmyk(path: Path, page: int, colour: str) -> bool:
    """Whether the page paints with the CMYK values deck gives this colour for a print shop
    (within the 1/255 steps in which Typst writes them)."""
    target = in_cmyk(colour)
    return any(all(abs(a - b) <= 0.6 for a, b in zip(found, target, strict=True)) for found in cmyk_colours(path, page))


def colour_operators(path: Path) -> set[str]:
    """The colour operators the PDF's content paints with: k/K (CMYK), rg/RG (RGB), g/G (grey),
    sc/scn (colour values in another space, such as Typst's sRGB); a pattern chosen with scn is not
    a colour of its own."""
    found = set()
    for stream in streams(path):
        found |= set(re.findall(r"(?<![\w/.])[\d.]+ (k|K|rg|RG|g|G|sc|scn|SC|SCN)(?![\w/])", stream))
    return found


def in_cmyk(colour: str) -> tuple[float, float, float, float]:
    """How deck prints a colour for a print shop, in percent."""
    from deck.style import print_colour

    return tuple(print_colour(colour))


def text_colours(path: Path) -> set[tuple[float, ...]]:
    """The CMYK colours (percent, rounded) text is set in: the fill chosen just before each text object."""
    found = set()
    for stream in streams(path):
        for values in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k\s*BT\b", stream):
            found.add(tuple(round(float(v) * 100) for v in values))
    return found
