"""The file system as coordinators leave it: links, loops, pipes and odd output paths.

Only regular files inside the project are data. Each case is one plain error naming the
file, never an "Internal error", a hang, or the content of a file outside the project.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from raportti.cli.app import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "pohjois-pohjanmaa"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="links and named pipes as on POSIX")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.fixture
def watchdog():
    """Fail a test that hangs instead of hanging the suite."""
    def expire(*_):
        raise TimeoutError("raportti hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Internal error" not in result.output and "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def both(project, tmp_path):
    """validate and build of the project; build must write nothing."""
    validate = run("validate", project)
    out = tmp_path / "out"
    build = run("build", project, "-o", out)
    assert not out.exists()
    return validate, build


@posix_only
def test_a_file_linked_to_itself_is_one_error_naming_it(project, tmp_path):
    (project / "2019" / "plans.yaml").unlink()
    os.symlink("plans.yaml", project / "2019" / "plans.yaml")
    for result in both(project, tmp_path):
        assert result.exit_code == 1
        assert "2019/plans.yaml:1:1: error: 'plans.yaml' is a link that leads back to itself" in result.output


@posix_only
def test_two_files_linked_to_each_other(project, tmp_path):
    year = project / "2019"
    (year / "plans.yaml").unlink()
    (year / "goals.yaml").unlink()
    os.symlink("goals.yaml", year / "plans.yaml")
    os.symlink("plans.yaml", year / "goals.yaml")
    for result in both(project, tmp_path):
        assert result.exit_code == 1
        assert "2019/plans.yaml:1:1" in result.output and "2019/goals.yaml:1:1" in result.output
        assert "link loop" in result.output


@posix_only
def test_a_link_out_of_the_project_is_refused_and_never_read(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SALAINEN\n")
    (project / "2019" / "plans.yaml").unlink()
    os.symlink(secret, project / "2019" / "plans.yaml")
    for result in both(project, tmp_path):
        assert result.exit_code == 1
        assert "2019/plans.yaml:1:1: error: 'plans.yaml' is a link to a file outside the project folder" \
            in result.output
        assert "SALAINEN" not in result.output and "root:x" not in result.output


@posix_only
def test_project_yaml_linked_out_of_the_project(project, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(project / "project.yaml", outside)
    (project / "project.yaml").unlink()
    os.symlink(outside, project / "project.yaml")
    result = run("validate", project)
    assert result.exit_code == 1
    assert "outside the project folder" in result.output


@posix_only
def test_a_link_inside_the_project_is_followed(project, tmp_path):
    year = project / "2019"
    shutil.move(year / "plans.yaml", project / "shared-plans.yaml")
    os.symlink("../shared-plans.yaml", year / "plans.yaml")
    assert run("validate", project).exit_code == 0


@posix_only
def test_a_named_pipe_is_refused_without_waiting(project, tmp_path, watchdog):
    (project / "2019" / "year.yaml").unlink()
    os.mkfifo(project / "2019" / "year.yaml")
    for result in both(project, tmp_path):
        assert result.exit_code == 1
        assert "2019/year.yaml:1:1: error: 'year.yaml' is a named pipe (FIFO), not an ordinary file" \
            in result.output


@posix_only
def test_a_year_folder_linked_nowhere(project, tmp_path):
    os.symlink("2031", project / "2031")
    result = run("validate", project)
    assert result.exit_code == 1
    assert "The year folder '2031' is a link that leads nowhere" in result.output


@posix_only
def test_a_template_linked_out_of_its_folder_is_refused(project, tmp_path):
    secret = tmp_path / "secret.j2"
    secret.write_text("SALAINEN\n")
    form = project / "templates" / "oma"
    form.mkdir(parents=True)
    (form / "form.yaml").write_text("name: oma\ntitle: Oma\nsections:\n  - heading: A\n    questions:\n"
                                    "      - number: 1\n        text: Kysymys\n        template: a.md.j2\n")
    os.symlink(secret, form / "a.md.j2")
    out = tmp_path / "out"
    result = run("build", project, "--report", "oma", "-o", out)
    assert result.exit_code == 1
    assert "is a link to a file outside its folder" in result.output
    assert "SALAINEN" not in result.output and not out.exists()


def test_an_output_folder_below_a_file_is_wrong_use(project, tmp_path):
    (tmp_path / "out.txt").write_text("x")
    result = run("build", project, "-o", tmp_path / "out.txt" / "sub")
    assert result.exit_code == 2
    assert "'out.txt' is a file, not a folder" in result.output.replace(str(tmp_path) + os.sep, "")


def test_a_folder_where_a_document_goes_is_wrong_use(project, tmp_path):
    (tmp_path / "out" / "valikysely-2019.md").mkdir(parents=True)
    result = run("build", project, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "a folder of that name is in the way. Nothing was written." in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["valikysely-2019.md"]


@pytest.mark.parametrize("command", ["validate", "build", "fmt"])
def test_an_empty_project_path_is_wrong_use_for_every_command(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(command, "")
    assert result.exit_code == 2
    assert "the path is empty" in result.output


def test_any_command_told_to_write_below_a_file_says_so(tmp_path):
    (tmp_path / "out.txt").write_text("x")
    result = run("init", "--name", "x", "--organisation", "y", tmp_path / "out.txt" / "sub")
    assert result.exit_code == 2
    assert "a file is in the way where a folder should be" in result.output


_KILLED_BETWEEN_RENAMES = r"""
import os, signal, sys
from pathlib import Path
import raportti.writers.output as output
from raportti.build import build

real_replace = os.replace
moved = []

def replace(src, dst):
    real_replace(src, dst)
    if not str(dst).endswith(".json"):
        moved.append(dst)
        if len(moved) == 1:  # killed outright right after the first document is in place
            os.kill(os.getpid(), signal.SIGKILL)

output.os.replace = replace
build(Path(sys.argv[1]), out_dir=Path(sys.argv[2]), formats=("md", "docx", "html"))
"""


def test_a_build_killed_between_its_renames_is_told_at_the_next_build(project, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    first = run("build", project, "-o", out, "-f", "md", "-f", "docx", "-f", "html")
    assert first.exit_code == 0, first.output
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    save = project / "2019" / "activities.yaml"
    save.write_text(save.read_text(encoding="utf-8").replace("{value: 63,", "{value: 64,", 1), encoding="utf-8")
    child = subprocess.run([sys.executable, "-c", _KILLED_BETWEEN_RENAMES, str(project), str(out)],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -9, child.stderr
    now = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    changed = sorted(name for name in now if now[name] != old[name])
    assert len(changed) == 1  # one new document beside two old ones: a mixed set
    again = run("build", project, "-o", out, "-f", "md", "-f", "docx")
    assert again.exit_code == 0, again.output
    assert f"{changed[0]} is from that build" in again.output
    assert "from an earlier one" in again.output
    assert "This build does not write valikysely-2019.html" in again.output or changed[0].endswith(".html")
    assert sorted(p.name for p in out.iterdir()) == ["valikysely-2019.docx", "valikysely-2019.html",
                                                      "valikysely-2019.md"]


_FULL_DISK = r"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
from raportti.cli.app import run
sys.argv = ["raportti", "build", sys.argv[1], "-o", sys.argv[2]]
run()
"""


def test_a_build_that_cannot_write_its_files_leaves_nothing_and_keeps_the_old_documents(project, tmp_path):
    """As on a full disk: the first write that fails stops the build, and no temporary
    file, marker or output folder it made stays behind."""
    import subprocess
    import sys

    def build(out):
        return subprocess.run([sys.executable, "-c", _FULL_DISK, str(project), str(out)],
                              capture_output=True, text=True, timeout=120)

    new = tmp_path / "new" / "out"
    result = build(new)
    assert result.returncode in (1, 2), result.stderr
    assert "Nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()
    old = tmp_path / "old"
    assert run("build", project, "-o", old).exit_code == 0
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    for _ in range(3):  # retries leave nothing either
        assert build(old).returncode in (1, 2)
    assert {p.name: p.read_bytes() for p in old.iterdir()} == before
