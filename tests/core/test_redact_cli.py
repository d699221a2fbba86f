"""``netraven redact FILE --platform P``: the stored text and what was removed, never a secret."""

from __future__ import annotations

import json

import pytest

from netraven_core.cli import main
from netraven_core.configtext.redact import MARKER

from ..support.redaction_cases import FIXTURES, PLATFORMS, fixture_secrets


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("platform", PLATFORMS)
def test_redact_prints_the_stored_text_and_the_findings(capsys, platform: str) -> None:
    code, out, err = run(capsys, "redact", str(FIXTURES / f"{platform}.cfg"), "--platform", platform)
    assert code == 0
    secrets = fixture_secrets(platform)
    assert MARKER in out and "value(s) removed by" in err
    assert [s for s in secrets if s in out or s in err] == []
    assert all(line.startswith("# ") for line in err.strip().splitlines())


def test_redact_json_lists_rule_line_and_masked_line(capsys, tmp_path) -> None:
    config = tmp_path / "r1.cfg"
    config.write_text("hostname r1\r\nusername a secret 0 Plain-Pw-1\r\n"
                      "archive\r\n path scp://bk:Url-Pw-2@10.0.0.9/r1\r\nend\r\n")
    code, out, _ = run(capsys, "redact", str(config), "-p", "cisco_ios", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["text"] == (f"hostname r1\nusername a secret 0 {MARKER}\narchive\n"
                            f" path scp://bk:{MARKER}@10.0.0.9/r1\nend\n")
    assert [(f["rule"], f["line"], f["text"]) for f in data["findings"]] == [
        ("ios-username", 2, f"username a secret 0 {MARKER}"),
        ("url-credentials", 4, f" path scp://bk:{MARKER}@10.0.0.9/r1"),
    ]
    assert "Plain-Pw-1" not in out and "Url-Pw-2" not in out


def test_unknown_platform_and_unreadable_file_exit_2(capsys, tmp_path) -> None:
    config = tmp_path / "r1.cfg"
    config.write_text("hostname r1\n")
    code, _, err = run(capsys, "redact", str(config), "--platform", "no_such_os")
    assert code == 2 and "unknown platform 'no_such_os'" in err and "cisco_ios" in err
    code, _, err = run(capsys, "redact", str(tmp_path / "missing.cfg"), "--platform", "cisco_ios")
    assert code == 2 and "cannot read" in err and "missing.cfg" in err
    code, _, err = run(capsys, "redact", str(tmp_path), "--platform", "cisco_ios")
    assert code == 2 and "cannot read" in err
