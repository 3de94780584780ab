"""House style: a branded build carries the logo, the font and the colours; every bad brand input
gives its own error line, before anything is printed."""

import base64
import io
import re
import shutil
import time
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader

from deck.cli import main
from deck.geometry import CARD_SIZES, office_grid
from deck.style import print_colour, screen_colour
from tests.conftest import ROOT
from tests.pdf import cmyk_colours, colour_operators, fonts_in, paints_in_cmyk

KIT = ROOT / "examples" / "huisstijl"


@pytest.fixture
def kit(tmp_path) -> Path:
    """A copy of the example brand kit to break."""
    folder = tmp_path / "huisstijl"
    shutil.copytree(KIT, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def build(runner, out: Path, brand: Path, *args: str):
    return runner.invoke(main, ["build", *args, "--brand", str(brand), "--out", str(out)])


def pixel(pdf: Path, page: int, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    """The colour at a point of a page (mm from the top-left of the media box)."""
    image = pypdfium2.PdfDocument(str(pdf))[page].render(scale=150 / 72).to_pil().convert("RGB")
    return image.getpixel((round(x_mm / 25.4 * 150), round(y_mm / 25.4 * 150)))


def darkest(pdf: Path, page: int, box_mm: tuple[float, float, float, float]) -> tuple[int, int, int]:
    """The darkest colour in a box (left, top, right, bottom in mm from the media box's top-left)."""
    image = pypdfium2.PdfDocument(str(pdf))[page].render(scale=300 / 72).to_pil().convert("RGB")
    left, top, right, bottom = (round(v / 25.4 * 300) for v in box_mm)
    data = image.crop((left, top, right, bottom)).tobytes()
    return min((tuple(data[i : i + 3]) for i in range(0, len(data), 3)), key=sum)


def close(colour: tuple[int, int, int], hex_colour: str) -> bool:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= 3 for a, b in zip(colour, target, strict=True))


def test_branded_deck_has_logo_font_and_colours(runner, tmp_path):
    result = build(runner, tmp_path, KIT / "brand.yaml", "spanningsvelden", "--mode", "shop", "--cards", "2")
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "spanningsvelden-kaart-2.pdf"
    assert {name.split("+")[1] for name in fonts_in(pdf)} == {"SourceSans3-Roman"}
    # the category band on the front and the back in the brand's colour, in CMYK for the print shop
    assert paints_in_cmyk(pdf, 0, "#7a2f5e")
    assert paints_in_cmyk(pdf, 1, "#7a2f5e")
    assert colour_operators(pdf) <= {"k", "K"}  # CMYK only, nothing in RGB or grey
    back = PdfReader(str(pdf)).pages[1]
    images = [x for x in back["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
    assert images, "the logo is on the back"
    text = back.extract_text()
    assert "© Jeugdbescherming Noord" in text


def test_branded_werkblad_and_booklet(runner, tmp_path):
    result = build(runner, tmp_path, KIT / "brand.yaml", "tijdlijn", "facilitatorboekje")
    assert result.exit_code == 0, result.stderr
    for name in ("tijdlijn.pdf", "facilitatorboekje.pdf"):
        assert {font.split("+")[1] for font in fonts_in(tmp_path / name)} == {"SourceSans3-Roman"}
    cover = PdfReader(str(tmp_path / "facilitatorboekje.pdf")).pages[0]
    assert "Jeugdbescherming Noord" in cover.extract_text()
    assert close(pixel(tmp_path / "facilitatorboekje.pdf", 0, 20, 20), "#7a2f5e")


def test_cmyk_colours_are_kept_for_the_print_shop(runner, tmp_path, kit):
    edit(kit / "brand.yaml", '    - "#7a2f5e"\n    - "#2f6f7a"', '    - "cmyk(100%, 44%, 0%, 30%)"\n    - "#2f6f7a"')
    assert build(runner, tmp_path, kit / "brand.yaml", "hand", "--mode", "shop", "--cards", "1").exit_code == 0
    content = PdfReader(str(tmp_path / "hand-kaart-1.pdf")).pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r"\b1 0\.4[34]\d* 0 0\.30?\d* k\b", content)  # DeviceCMYK, 8-bit precision


def test_a_cmyk_brand_colour_prints_in_its_own_values_everywhere(runner, tmp_path, kit):
    """Band, pole dots and line, back fill and back pattern: one brand colour, one set of inks,
    never its screen colour converted back (which would print it two ways)."""
    brand = "cmyk(30%, 80%, 50%, 40%)"
    given, converted = [30, 80, 50, 40], print_colour(screen_colour(brand))
    assert max(abs(a - b) for a, b in zip(converted, given, strict=True)) > 10
    edit(kit / "brand.yaml", '    - "#7a2f5e"\n    - "#2f6f7a"', f'    - "{brand}"\n    - "#2f6f7a"')
    edit(kit / "brand.yaml", '  kleur: "#7a2f5e"', f'  kleur: "{brand}"')
    result = build(runner, tmp_path, kit / "brand.yaml", "spanningsvelden", "--mode", "shop", "--cards", "1,2")
    assert result.exit_code == 0, result.stderr
    [pdf] = tmp_path.glob("spanningsvelden-*.pdf")

    def used(page, values):
        return any(all(abs(a - b) <= 0.6 for a, b in zip(c, values, strict=True)) for c in cmyk_colours(pdf, page))

    assert used(0, given) and used(1, given)  # the front (band, poles) and the back
    assert not any(used(page, converted) for page in range(4))
    assert used(1, [v * 0.86 for v in given])  # the back's pattern, mixed in the brand's own inks


def test_without_brand_the_calm_default_style(runner, tmp_path):
    assert runner.invoke(main, ["build", "hand", "--mode", "shop", "--out", str(tmp_path)]).exit_code == 0
    assert paints_in_cmyk(tmp_path / "hand.pdf", 1, "#1f3f4f")
    assert runner.invoke(main, ["build", "hand", "--out", str(tmp_path / "kantoor")]).exit_code == 0
    back = office_grid("a4", CARD_SIZES["poker"]).slots[2]  # behind the first card, long-edge flip
    assert close(pixel(tmp_path / "kantoor" / "hand.pdf", 1, back.x + 2, back.y + 2), "#1f3f4f")


# --- bad brand input: one error line each ---------------------------------------------------------


def test_missing_logo(runner, tmp_path, kit):
    (kit / "logo.png").unlink()
    result = build(runner, tmp_path / "out", kit / "brand.yaml", "hand")
    line = line_of(kit / "brand.yaml", "logo:")
    assert result.stderr == f"Fout: {kit / 'brand.yaml'}:{line}: logo: {kit / 'logo.png'}: bestand bestaat niet\n"
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


def test_corrupt_logo(runner, tmp_path, kit):
    (kit / "logo.png").write_bytes(b"dit is geen plaatje")
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    assert result.stderr.endswith("logo.png: geen afbeelding die deck kan lezen (gebruik PNG, JPEG of SVG)\n")
    assert result.stderr.count("Fout:") == 1


def test_truncated_logo(runner, tmp_path, kit):
    data = (kit / "logo.png").read_bytes()
    (kit / "logo.png").write_bytes(data[: len(data) // 2])
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    assert result.exit_code == 1
    assert "logo.png: afbeelding is beschadigd of onvolledig" in result.stderr
    assert result.stderr.count("Fout:") == 1


def test_decompression_bomb_is_refused(runner, tmp_path, kit):
    Image.new("1", (10_000, 5_000)).save(kit / "logo.png")
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    assert result.stderr.endswith("logo.png: afbeelding is te groot (10000×5000 pixels)\n")


def test_coarse_logo_is_an_error_for_the_print_shop_and_a_note_for_the_office(runner, tmp_path, kit):
    Image.new("RGBA", (120, 40), (122, 47, 94, 255)).save(kit / "logo.png")
    shop = build(runner, tmp_path / "shop", kit / "brand.yaml", "hand", "--mode", "shop")
    assert shop.stderr == (
        "Fout: --brand: logo: het logo heeft 139 ppi op de kaart; de drukker heeft minstens "
        "300 ppi nodig: lever een groter logo of een SVG\n"
    )
    office = build(runner, tmp_path / "office", kit / "brand.yaml", "hand")
    assert office.exit_code == 0
    assert office.stderr.startswith("Let op: logo ") and "139 ppi op 22 mm breed" in office.stderr
    assert "Let op" not in office.stdout


def test_svg_and_jpeg_logos_are_accepted(runner, tmp_path, kit):
    (kit / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#7a2f5e"/></svg>',
        encoding="utf-8",
    )
    edit(kit / "brand.yaml", "logo: logo.png", "logo: logo.svg")
    assert build(runner, tmp_path / "svg", kit / "brand.yaml", "hand").exit_code == 0
    Image.new("RGB", (1200, 600), (122, 47, 94)).save(kit / "logo.jpg")
    edit(kit / "brand.yaml", "logo: logo.svg", "logo: logo.jpg")
    assert build(runner, tmp_path / "jpg", kit / "brand.yaml", "hand").exit_code == 0


def test_transparent_border_is_trimmed(tmp_path):
    from deck.brand import load_brand

    brand = load_brand(KIT / "brand.yaml")
    with Image.open(KIT / "logo.png") as original, Image.open(brand.logo) as trimmed:
        assert trimmed.width < original.width - 200 and trimmed.height < original.height - 200


def test_a_light_category_colour_gets_dark_text_and_a_mid_grey_is_refused(runner, tmp_path, kit):
    edit(kit / "brand.yaml", '    - "#2f6f7a"', '    - "#ffd700"')
    result = build(runner, tmp_path, kit / "brand.yaml", "hand", "--mode", "shop", "--cards", "2")
    assert result.exit_code == 0, result.stderr
    # the band, and its label in black ink
    assert paints_in_cmyk(tmp_path / "hand-kaart-2.pdf", 0, "#ffd700")
    assert paints_in_cmyk(tmp_path / "hand-kaart-2.pdf", 0, "#1d2327")
    result = build(runner, tmp_path / "kantoor", kit / "brand.yaml", "hand", "--cards", "2")
    sheet, slot = tmp_path / "kantoor" / "hand-kaart-2.pdf", office_grid("a4", CARD_SIZES["poker"]).slots[0]
    assert close(pixel(sheet, 0, slot.x + 2, slot.y + 2), "#ffd700")
    assert close(darkest(sheet, 0, (slot.x + 5.5, slot.y + 5.5, slot.x + 30, slot.y + 9)), "#1d2327")
    edit(kit / "brand.yaml", '    - "#ffd700"', '    - "#808080"')
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    line = line_of(kit / "brand.yaml", '    - "#808080"')
    assert result.stderr == (
        f"Fout: {kit / 'brand.yaml'}:{line}: kleuren.categorieen[2]: op #808080 is geen tekst goed leesbaar: "
        f"wit haalt een contrast van 3.9:1, zwart 4.0:1, "
        "nodig is 4.5:1 (WCAG AA); kies een lichtere of donkerdere kleur\n"
    )


def test_bad_colour_value(runner, tmp_path, kit):
    edit(kit / "brand.yaml", 'primair: "#7a2f5e"', 'primair: "paars"')
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    line = line_of(kit / "brand.yaml", "  primair:")
    assert result.stderr == (
        f"Fout: {kit / 'brand.yaml'}:{line}: kleuren.primair: moet een kleur zijn als '#1f6f8b' "
        "of 'cmyk(100%, 44%, 0%, 0%)'\n"
    )


def test_unknown_font_family(runner, tmp_path, kit):
    edit(kit / "brand.yaml", 'tekst: "Source Sans 3"', 'tekst: "Comic Sans"')
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    line = line_of(kit / "brand.yaml", "  tekst:")
    assert result.stderr == (
        f"Fout: {kit / 'brand.yaml'}:{line}: lettertype.tekst: lettertype 'Comic Sans' staat niet "
        f"in {kit / 'fonts'} (wel: Source Sans 3)\n"
    )


def test_missing_font_folder(runner, tmp_path, kit):
    shutil.rmtree(kit / "fonts")
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    line = line_of(kit / "brand.yaml", "  map:")
    assert result.stderr == f"Fout: {kit / 'brand.yaml'}:{line}: lettertype.map: map {kit / 'fonts'} bestaat niet\n"


def test_glyph_missing_from_the_font_is_an_error(runner, tmp_path, kit):
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "k.yaml").write_text(
        'soort: kaarten\nid: k\ntitel: "K"\nbron: {publicatie: "x", uitgever: "y"}\n'
        'categorieen:\n  - naam: "A"\n    kaarten:\n      - tekst: "Oud schrift: ꙮ"\n',
        encoding="utf-8",
    )
    for brand in ([], ["--brand", str(kit / "brand.yaml")]):
        font = "Source Sans 3" if brand else "Atkinson Hyperlegible"
        expected = (
            f"Fout: {sources / 'k.yaml'}:8: categorieen[1].kaarten[1].tekst: het lettertype {font} kan 'ꙮ' (U+A66E) "
            "niet zetten; laat dit teken weg, of gebruik een huisstijl met een lettertype dat het heeft\n"
        )
        for command in (["check"], ["build", "--out", str(tmp_path / "out")]):
            result = runner.invoke(main, [*command, "--sources", str(sources), *brand])
            assert (result.exit_code, result.stderr) == (1, expected)
    assert not (tmp_path / "out").exists()


def test_unknown_brand_key(runner, tmp_path, kit):
    edit(kit / "brand.yaml", "voettekst:", "voetekst:")
    result = build(runner, tmp_path, kit / "brand.yaml", "hand")
    assert "voetekst: onbekend veld; bedoelt u 'voettekst'?" in result.stderr
    assert result.stderr.count("Fout:") == 1


def test_check_accepts_the_example_brand(runner):
    result = runner.invoke(main, ["check", "--brand", str(KIT / "brand.yaml")])
    assert result.exit_code == 0, result.stderr


def test_bundled_font_coverage_file_matches_the_fonts():
    """layouts/fonts/dekking.json spares reading the fonts on every build; it must not drift."""
    import json

    from deck.fonts import coverage_ranges
    from deck.paths import bundled

    folder = bundled("layouts") / "fonts"
    assert json.loads((folder / "dekking.json").read_text(encoding="utf-8")) == coverage_ranges(folder)


# --- logos are only what they claim ------------------------------------------------------------


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels: its header is all Pillow reads before the size check."""
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: (  # noqa: E731
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def svg_with(inner: str, prolog: str = "") -> str:
    return f'{prolog}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">{inner}</svg>'


def small_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#1f6f8b").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "logo.png",
            b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n",
            "geen afbeelding die deck kan lezen (gebruik PNG, JPEG of SVG)",
        ),
        ("logo.png", png_header(30_000, 30_000), "afbeelding is te groot (mogelijk een decompressiebom)"),
        (
            "logo.svg",
            svg_with(
                f'<image width="10" height="10" href="data:image/png;base64,{base64.b64encode(png_header(60_000, 60_000)).decode()}"/>'
            ),
            "een afbeelding in de SVG: afbeelding is te groot (mogelijk een decompressiebom)",
        ),
        (
            "logo.svg",
            svg_with('<image width="10" height="10" xlink:href="/etc/passwd"/>'),
            "een SVG-logo mag niet naar een ander bestand of adres verwijzen; sluit het in",
        ),
        (
            "logo.svg",
            svg_with('<use href="andere.svg#x"/>'),
            "een SVG-logo mag niet naar een ander bestand of adres verwijzen; sluit het in",
        ),
        (
            "logo.svg",
            svg_with("<text>&lol;</text>", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">]>'),
            "een SVG met <!DOCTYPE> of <!ENTITY> wordt niet gelezen; bewaar het logo opnieuw als gewone SVG",
        ),
        ("logo.svg", "<svg><rect", "geen geldige SVG (de XML is beschadigd)"),
    ],
)
def test_a_logo_is_only_what_it_claims(runner, tmp_path, kit, name, content, message):
    """Pillow opens only PNG and JPEG (an EPS would start Ghostscript); an SVG may hold pictures
    only as PNG or JPEG that pass the same checks, and nothing that reaches outside it."""
    path = kit / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    edit(kit / "brand.yaml", "logo: logo.png", f"logo: {name}")
    started = time.monotonic()
    result = runner.invoke(main, ["check", "--brand", str(kit / "brand.yaml")])
    assert time.monotonic() - started < 20
    line = line_of(kit / "brand.yaml", "logo:")
    assert (result.exit_code, result.stderr) == (1, f"Fout: {kit / 'brand.yaml'}:{line}: logo: {path}: {message}\n")


def test_an_svg_logo_with_an_embedded_png_is_fine(runner, tmp_path, kit):
    picture = base64.b64encode(small_png()).decode()
    (kit / "logo.svg").write_text(svg_with(f'<image width="10" height="10" href="data:image/png;base64,{picture}"/>'))
    edit(kit / "brand.yaml", "logo: logo.png", "logo: logo.svg")
    result = build(runner, tmp_path / "uit", kit / "brand.yaml", "hand")
    assert result.exit_code == 0, result.stderr
