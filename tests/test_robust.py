"""Property-based and concurrency tests: no input crashes deck, and parallel builds stay whole."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from deck.cli import main
from tests.conftest import ROOT
from tests.pdf import tight

SPECIAL = "#$*_<>@\\[]{}/"
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(SPECIAL),
        st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
        st.sampled_from("אבגד مرحبا 😀🎉 é ß ø ĳ ² €"),
    ),
    min_size=1,
    max_size=60,
)
FEW = settings(
    max_examples=int(os.environ.get("DECK_PROPERTY_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def deck_with(text: str) -> dict:
    return {
        "soort": "kaarten",
        "id": "eigen",
        "titel": "Eigen deck",
        "bron": {"publicatie": "x", "uitgever": "y"},
        "categorieen": [{"naam": "Test", "kaarten": [{"tekst": text}]}],
    }


def plain(text: str) -> str:
    return tight(text)


@FEW
@given(text=TEXT)
def test_any_card_text_prints_literally_or_gives_a_clean_error(runner, tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("prop")
    (folder / "src").mkdir()
    (folder / "src" / "eigen.yaml").write_text(yaml.safe_dump(deck_with(text), allow_unicode=True), encoding="utf-8")
    result = runner.invoke(
        main, ["build", "--sources", str(folder / "src"), "--out", str(folder / "uit"), "--mode", "shop"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 0:
        pdf = PdfReader(str(folder / "uit" / "eigen.pdf"))
        assert plain(text) in plain(pdf.pages[0].extract_text())
    else:
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith("Fout: ") for line in lines)
        assert not (folder / "uit").exists()


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), TEXT)
KEYS = st.sampled_from(
    [
        "soort",
        "id",
        "titel",
        "bron",
        "categorieen",
        "kaarten",
        "tekst",
        "naam",
        "kleur",
        "publicatie",
        "uitgever",
        "spanningsvelden",
        "vingers",
        "x",
        "Titel",
        "tekts",
    ]
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=20,
)


@FEW
@given(
    document=st.one_of(
        DOCUMENTS, st.builds(lambda d: {"soort": "kaarten", **d} if isinstance(d, dict) else d, DOCUMENTS)
    )
)
def test_any_document_is_checked_without_a_crash(runner, tmp_path_factory, document):
    folder = tmp_path_factory.mktemp("doc")
    (folder / "x.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(main, ["check", "--sources", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 1:
        assert all(re.match(r"Fout: \S+", line) for line in result.stderr.splitlines())


def test_two_builds_started_together_into_one_folder_both_finish_whole(tmp_path):
    command = [sys.executable, "-m", "deck", "build", "hand", "spanningsvelden", "--out", str(tmp_path)]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        _, error = run.communicate(timeout=120)
        assert run.returncode == 0, error.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hand.pdf", "spanningsvelden.pdf"]
    for name in ("hand.pdf", "spanningsvelden.pdf"):
        assert len(PdfReader(str(tmp_path / name)).pages) > 0


def test_writers_racing_for_one_file_leave_it_whole(tmp_path):
    """The atomic write that lets two builds share a folder, with the writes overlapping for sure:
    two threads write the same file a hundred times each; what is left is one whole version."""
    import threading

    from deck.output import write_file

    path = tmp_path / "deck.pdf"
    versions = [bytes([index]) * 2_000_000 for index in range(2)]
    start = threading.Barrier(2)

    def writer(data: bytes) -> None:
        start.wait()
        for _ in range(100):
            write_file(path, data)

    threads = [threading.Thread(target=writer, args=(data,)) for data in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert path.read_bytes() in versions
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pdf"]


def test_watch_rebuilds_on_change_and_survives_bad_input(tmp_path):
    """`deck watch`: build, rebuild after an edit, report bad input and go on."""
    import shutil
    import threading
    import time

    from deck.build import Inputs
    from deck.render import CardOptions
    from deck.watch import watch

    sources = tmp_path / "src"
    sources.mkdir()
    path = sources / "incheckvragen.yaml"
    shutil.copy(ROOT / "examples" / "eigen-deck" / path.name, path)
    lines: list[str] = []
    problems: list[str] = []

    def edit():
        time.sleep(0.6)
        path.write_text(path.read_text(encoding="utf-8").replace("binnen?", "binnen, vandaag?"), encoding="utf-8")
        time.sleep(0.8)
        path.write_text(path.read_text(encoding="utf-8").replace("titel:", "titl:", 1), encoding="utf-8")

    editor = threading.Thread(target=edit)
    editor.start()
    watch([], tmp_path / "uit", Inputs(sources), CardOptions(), lines.append, problems.append, interval=0.1, rounds=22)
    editor.join()
    assert len(lines) == 2 and all(
        line.startswith("Bijgewerkt") and line.endswith("uit/incheckvragen.pdf") for line in lines
    )
    assert len(problems) == 2 and problems[0].startswith(f"Fout: {path}:") and "titl: onbekend veld" in problems[0]
    assert problems[-1] == "Wacht op een wijziging …"
    assert "vandaag" in PdfReader(str(tmp_path / "uit" / "incheckvragen.pdf")).pages[0].extract_text()


def test_watch_rebuilds_only_the_watched_targets_an_edit_touches(sources):
    from deck.watch import _affected

    emoties, layout = sources.files["emoties"], ROOT / "layouts" / "cards.typ"
    assert _affected(sources, {emoties}, among=["emoties", "spanningsvelden"]) == ["emoties"]
    assert _affected(sources, {layout}, among=["emoties", "spanningsvelden"]) == ["emoties", "spanningsvelden"]
    assert _affected(sources, {sources.files["spanningsvelden"]}, among=["emoties"]) == []
    assert "facilitatorboekje" in _affected(sources, {sources.files["spanningsvelden"]})


# --- the cache of parsed sources ---------------------------------------------------------------------


def _fresh_process(monkeypatch):
    """Forget what this process remembered, as a new `deck` run would; the cache folder stays."""
    import deck.sources as sources

    monkeypatch.setattr(sources, "_read", {})


def test_parsed_sources_are_kept_as_json_and_read_back_without_parsing(tmp_path, monkeypatch):
    import deck.sources as sources
    from deck.sources import load_sources

    monkeypatch.setenv("DECK_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "bronnen"
    folder.mkdir()
    (folder / "eigen.yaml").write_text(yaml.safe_dump(deck_with("Wat zie je?"), allow_unicode=True), encoding="utf-8")
    first = load_sources(folder)
    [entry] = (tmp_path / "cache").glob("bron-*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["data"]["categorieen"][0]["kaarten"] == [
        {"tekst": "Wat zie je?"}
    ]

    _fresh_process(monkeypatch)
    with monkeypatch.context() as patched:
        patched.setattr(sources, "read_yaml", lambda path: pytest.fail(f"{path} was parsed again"))
        again = load_sources(folder)
    assert again.documents == first.documents

    _fresh_process(monkeypatch)
    (folder / "eigen.yaml").write_text(yaml.safe_dump(deck_with("Wat hoor je?"), allow_unicode=True), encoding="utf-8")
    [card] = load_sources(folder).documents["eigen"].categorieen[0].kaarten
    assert card.tekst == "Wat hoor je?"


def test_a_kept_entry_that_is_damaged_or_invalid_gives_way_to_the_file(tmp_path, monkeypatch):
    from deck.sources import load_sources

    monkeypatch.setenv("DECK_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "bronnen"
    folder.mkdir()
    (folder / "eigen.yaml").write_text(yaml.safe_dump(deck_with("Wat zie je?")), encoding="utf-8")
    first = load_sources(folder)
    [entry] = (tmp_path / "cache").glob("bron-*.json")
    kept = json.loads(entry.read_text(encoding="utf-8"))
    invalid = json.dumps({**kept, "data": {**kept["data"], "titel": ["geen", "tekst"]}}).encode()
    for damage in (b"", b"geen json", entry.read_bytes()[:40], b'{"key": 1}', invalid):
        entry.write_bytes(damage)
        _fresh_process(monkeypatch)
        assert load_sources(folder).documents == first.documents


def test_errors_come_back_every_time_and_a_file_that_does_not_parse_is_not_kept(tmp_path, monkeypatch):
    from deck.errors import DeckError
    from deck.sources import load_sources

    monkeypatch.setenv("DECK_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "bronnen"
    folder.mkdir()
    source = folder / "eigen.yaml"
    source.write_text(yaml.safe_dump({**deck_with("Wat zie je?"), "kleuren": "rood"}), encoding="utf-8")
    for _ in range(2):
        _fresh_process(monkeypatch)
        with pytest.raises(DeckError, match="kleuren: onbekend veld"):
            load_sources(folder)
    source.write_text("soort: kaarten\nid: [eigen\n", encoding="utf-8")
    for name in (tmp_path / "cache").glob("bron-*"):
        name.unlink()
    for _ in range(2):
        _fresh_process(monkeypatch)
        with pytest.raises(DeckError, match="lijst met \\[ is niet gesloten"):
            load_sources(folder)
    assert list((tmp_path / "cache").glob("bron-*")) == []


def test_a_cache_folder_others_can_write_to_is_not_used(runner, tmp_path, monkeypatch):
    """The system's cache folder, when others can write in it, is passed by; a DECK_CACHE like
    that, or one that is a file, was asked for: an error."""
    import platformdirs

    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o777)
    folder = tmp_path / "bronnen"
    folder.mkdir()
    (folder / "eigen.yaml").write_text(yaml.safe_dump(deck_with("Wat zie je?")), encoding="utf-8")
    monkeypatch.delenv("DECK_CACHE")
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *args, **kwargs: str(shared))
    result = runner.invoke(main, ["build", "--sources", str(folder), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    assert list(shared.iterdir()) == []
    for setting, message in (
        (shared, f"in {shared} kunnen anderen schrijven; geef een map van uzelf alleen, of 'uit'"),
        (folder / "eigen.yaml", f"{folder / 'eigen.yaml'} is geen map; geef een eigen map, of 'uit'"),
    ):
        monkeypatch.setenv("DECK_CACHE", str(setting))
        result = runner.invoke(main, ["build", "--sources", str(folder), "--out", str(tmp_path / "uit2")])
        assert (result.exit_code, result.stderr) == (1, f"Fout: DECK_CACHE: {message}\n")
    assert list(shared.iterdir()) == [] and not (tmp_path / "uit2").exists()


def test_no_room_for_a_first_pass_is_one_clear_error(runner, tmp_path, monkeypatch):
    """Long cards are placed on the sheets from a first pass, kept in a temporary folder meanwhile."""
    import tempfile

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    result = runner.invoke(main, ["build", "werkkaarten", "--out", str(tmp_path / "uit")])
    assert result.exit_code == 1
    assert result.output == (
        f"Fout: {tempfile.gettempdir()}: werkkaarten: kan geen tijdelijk bestand maken (de schijf is vol)\n"
    )
    assert not (tmp_path / "uit").exists()


def test_watch_scans_past_files_that_dangle_or_vanish_mid_scan(tmp_path, monkeypatch):
    """Editors and git checkout make and remove files while deck watch looks: a link to nothing
    and a file gone between listing and reading are left out of the scan, not a crash."""
    from deck.build import Inputs
    from deck.watch import watched_files

    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "echt.yaml").write_text("soort: kaarten\n", encoding="utf-8")
    (sources / "los.yaml").symlink_to(sources / "weg.yaml")
    (sources / "vluchtig.yaml").write_text("soort: kaarten\n", encoding="utf-8")
    real_stat = Path.stat

    def vanishing(path, *args, **kwargs):
        if path.name == "vluchtig.yaml":
            raise FileNotFoundError(path)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", vanishing)
    seen = watched_files(Inputs(sources))
    assert sources / "echt.yaml" in seen
    assert sources / "los.yaml" not in seen and sources / "vluchtig.yaml" not in seen
