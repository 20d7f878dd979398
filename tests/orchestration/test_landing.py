"""The landing folder is the boundary: every entry a candidate or skipped with its reason, nothing outside read."""

import os

from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.resources import LandingFolder


def _folder(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (tmp_path / "secret.txt").write_text("机密 outside the folder")
    (landing / "filing.txt").write_text(MINI_FILING)
    (landing / "inside_link.txt").symlink_to("filing.txt")
    (landing / "passwd.txt").symlink_to("/etc/passwd")
    (landing / "up.txt").symlink_to("../secret.txt")
    (landing / "absolute_up.txt").symlink_to(tmp_path / "secret.txt")
    (landing / "loop_a.txt").symlink_to("loop_b.txt")
    (landing / "loop_b.txt").symlink_to("loop_a.txt")
    (landing / "broken.txt").symlink_to("nowhere.txt")
    (landing / "sub").mkdir()
    (landing / "sub" / "deep.txt").write_text(MINI_FILING)
    (landing / "into_sub.txt").symlink_to("sub/deep.txt")
    (landing / "x.txt").mkdir()
    os.mkfifo(landing / "pipe.txt")
    for name in (".hidden.txt", "~$draft.txt", "a.txt.part", "b.crdownload", "c.tmp", "d.txt~", "tab\tname.txt"):
        (landing / name).write_text(MINI_FILING)
    return landing


def test_every_entry_is_a_candidate_or_skipped_with_its_reason(tmp_path):
    landing = LandingFolder(path=str(_folder(tmp_path)))

    assert landing.file_names() == ["filing.txt", "inside_link.txt"]
    skipped = landing.skipped()
    assert set(skipped) | set(landing.file_names()) == set(os.listdir(landing.path))
    expected = {
        "passwd.txt": "outside the landing folder", "up.txt": "outside the landing folder",
        "absolute_up.txt": "outside the landing folder", "loop_a.txt": "symlink loop", "loop_b.txt": "symlink loop",
        "broken.txt": "broken symlink", "into_sub.txt": "subfolder", "sub": "directory", "x.txt": "directory",
        "pipe.txt": "not a regular file", ".hidden.txt": "hidden", "~$draft.txt": "temporary",
        "a.txt.part": "temporary", "b.crdownload": "temporary", "c.tmp": "temporary", "d.txt~": "temporary",
        "tab\tname.txt": "control characters",
    }
    assert {name: next(w for w in [expected[name]] if w in reason) for name, reason in skipped.items()} == expected


def test_a_link_inside_the_folder_is_read_through_its_target_and_nothing_outside_ever_is(tmp_path):
    landing = LandingFolder(path=str(_folder(tmp_path)))
    assert landing.file_path("inside_link.txt") == (tmp_path / "landing" / "filing.txt").resolve()
    for name in ("passwd.txt", "up.txt", "absolute_up.txt"):
        try:
            landing.file_path(name)
        except FileNotFoundError as refused:
            assert "outside the landing folder" in str(refused)
        else:
            raise AssertionError(f"{name} was given a path to read")
    assert set(landing.fingerprints()) == {"filing.txt", "inside_link.txt"}
