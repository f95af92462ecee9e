"""What `check` says where the schema refuses a value: the kind of limit, the kind of value, and where it stops."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_clinic import clinic

from generator.findings import Finding, NoticeError
from generator.notice.load import MAX_FINDINGS
from generator.notice.read import read_notice_text
from support import PROJECT


def refused(data: dict[str, Any]) -> list[Finding]:
    with pytest.raises(NoticeError) as caught:
        read_notice_text(json.dumps(data, ensure_ascii=False, indent=1), "notice.json", PROJECT.schema)
    return list(caught.value.findings)


def messages(data: dict[str, Any]) -> list[str]:
    return [str(finding.message) for finding in refused(data)]


def test_a_text_too_long_names_its_limit() -> None:
    data = clinic()
    data["controller"]["name"] = "x" * 301
    assert any(message.endswith(": is too long (at most 300)") for message in messages(data)), messages(data)


def test_a_mapping_where_text_belongs_is_called_a_mapping() -> None:
    data = clinic()
    data["controller"]["name"] = {"a": 1}
    assert any("got a mapping" in message for message in messages(data)), messages(data)


def test_a_list_where_text_belongs_is_called_a_list() -> None:
    data = clinic()
    data["controller"]["name"] = ["a"]
    assert any("got a list" in message for message in messages(data)), messages(data)


def test_the_schema_stops_at_its_limit_and_says_so_last() -> None:
    data = clinic()
    data["purposes"] = [{"id": f"P{index}"} for index in range(MAX_FINDINGS + 20)]
    found = refused(data)
    assert len(found) == MAX_FINDINGS
    assert str(found[-1].message) == f"more than {MAX_FINDINGS} problems; fix these first"
    assert found[-1].position >= max(finding.position for finding in found[:-1])
    assert all("more than" not in str(finding.message) for finding in found[:-1])
