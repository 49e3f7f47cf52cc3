"""`--period` and `--evidence` need each other: the period is read by the evidence check alone
(facts carry their own years), so `--period` without `--evidence` would be silently ignored. It
is a usage error, exit 2, worded as the opposite one is."""

from __future__ import annotations

import pytest

from check_helpers import BASE, FIXTURES, PARENT
from responsibility.cli.main import main


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args, "--policies", str(PARENT)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("period", ["2018", "2018..2019"])
def test_period_without_evidence_is_a_usage_error(capsys: pytest.CaptureFixture[str], period: str) -> None:
    code, out, err = cli(capsys, str(BASE), "--period", period)
    assert (code, out) == (2, "")
    assert (
        err == "responsibility: error: --period needs --evidence (e.g. --evidence evidence/ --period 2018)\n"
    )


def test_the_two_errors_are_worded_alike(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, period = cli(capsys, str(BASE), "--period", "2018")
    _, _, evidence = cli(capsys, str(BASE), "--evidence", str(FIXTURES / "evidence" / "complete"))
    assert period.startswith("responsibility: error: --period needs --evidence (e.g. ")
    assert evidence.startswith("responsibility: error: --evidence needs --period (e.g. ")


def test_period_with_evidence_still_checks_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys, str(BASE), "--evidence", str(FIXTURES / "evidence" / "complete"), "--period", "2018"
    )
    assert code in (0, 1) and err == "" and out


def test_an_invalid_period_is_still_named_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, str(BASE), "--period", "2018-Q5")
    assert code == 2 and "--period: " in err and "not a period" in err
