"""The same data gives byte-identical documents, so built reports can be committed."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
import zipfile

import docx

from conftest import PP
from raportti.build import build

NAMES = ("valikysely-2019.md", "valikysely-2019.docx")


def test_two_builds_give_identical_bytes(tmp_path):
    first, second = tmp_path / "first", tmp_path / "elsewhere" / "second"
    build(PP, out_dir=first)
    # The second build runs in a fresh interpreter with another hash seed, so nothing may
    # depend on set or dict order that varies between runs, or on the output folder.
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-m", "raportti", "build", str(PP), "-o", str(second)],
                   check=True, capture_output=True, env=env)
    for name in NAMES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_docx_has_fixed_timestamps_and_properties_from_the_data(pp_build):
    data = (pp_build / "valikysely-2019.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(data)).core_properties
    moment = datetime.datetime(2019, 9, 30, 12, 0, tzinfo=datetime.timezone.utc)  # report_date
    assert (props.created, props.modified) == (moment, moment)
    assert props.author == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"
    assert props.revision == 1
