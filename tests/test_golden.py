"""Every file of a fixed set of builds is byte for byte what tests/data/golden.json records
(see tests/golden.py; `python -m tests.golden --update` after a deliberate change of the output)."""

import json

import pytest

from tests.golden import RECORD, outputs, typst_version


def test_every_output_is_byte_identical_to_the_record():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    if record["typst"] != typst_version():
        pytest.skip(f"the record was made with Typst {record['typst']}, this is {typst_version()}")
    found = outputs()
    assert sorted(found) == sorted(record["files"]), "other files than recorded"
    changed = [name for name in found if found[name] != record["files"][name]]
    assert changed == [], "changed since the record: " + ", ".join(changed)
