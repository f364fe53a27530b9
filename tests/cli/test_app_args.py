"""The app's own start is read without building every command's parser: what that fast read
gives must be exactly what the whole parser would, and anything else goes to the whole parser."""

from __future__ import annotations

import pytest

from parishclerk import cli


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--read-only"],
        ["--data-dir", "/tmp/Siân's council"],
        ["--data-dir=/tmp/x"],
        ["--data-dir", "a", "--data-dir", "b", "--read-only"],
        ["--read-only", "--data-dir", "~/councils/[bold]x[/]"],
        ["--data-dir", ""],
    ],
)
def test_the_fast_read_is_what_the_whole_parser_reads(argv: list[str]) -> None:
    fast = cli.the_app_alone(argv)
    assert fast is not None
    assert vars(fast) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["due"],
        ["--help"],
        ["-V"],
        ["--data"],  # an abbreviation: the whole parser decides
        ["--data-dir"],  # no value: the whole parser's message
        ["--data-dir", "--read-only"],
        ["--read-only", "demo"],
        ["--readonly"],
        ["-x"],
    ],
)
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert cli.the_app_alone(argv) is None


def test_tab_completion_always_builds_the_whole_parser(monkeypatch) -> None:
    monkeypatch.setenv("_ARGCOMPLETE", "1")
    assert cli.the_app_alone([]) is None
