from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from schemas.errors import NewsInputError
from streams.cli_service import publish_command, tail_command
from streams.publishing import Record, raw_records, validated_records


def test_formats_and_problems_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "title": "A"}))
    (tmp_path / "b.json").write_text(json.dumps([{"id": "b1", "title": "B"}, {"id": "b2", "title": "C"}]))
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "title": "x"}\n{broken\n{"title": "no id"}\n')
    (tmp_path / "d.txt").write_text("\nHeadline here\nBody text.\n")
    out = list(validated_records([str(tmp_path)]))
    ids = [r.key for r in out if isinstance(r, Record)]
    assert ids == [b"a", b"b1", b"b2", b"c1", b"d"]
    problems = [str(p) for p in out if isinstance(p, NewsInputError)]
    assert any("c.jsonl:2" in p for p in problems) and any("c.jsonl:3" in p for p in problems)


def test_raw_sends_bytes_unvalidated(tmp_path: Path) -> None:
    (tmp_path / "bad.bin").write_bytes(b"\xff\xfe")
    (tmp_path / "bad.jsonl").write_bytes(b"{x\n\n[1]\n")
    assert [r.value for r in raw_records([str(tmp_path)])] == [b"\xff\xfe", b"{x", b"[1]"]
    assert [r.value for r in raw_records(["-"], io.BytesIO(b"a\nb\n"))] == [b"a", b"b"]


def test_missing_path_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(publish_command, [str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [publish_command, tail_command])
def test_unreachable_broker_is_one_line_exit_2(tmp_path: Path, command: object) -> None:
    news = tmp_path / "a.json"
    news.write_text(json.dumps({"id": "a", "title": "A"}))
    args = [str(news)] if command is publish_command else ["--timeout", "1"]
    result = CliRunner().invoke(command, [*args, "--broker", "127.0.0.1:1"])  # type: ignore[arg-type]
    assert result.exit_code == 2, result.output
    assert "cannot connect" in result.output or "cannot create" in result.output
    assert "Traceback" not in result.output
