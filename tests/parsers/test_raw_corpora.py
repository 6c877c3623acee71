"""Real-world raw mail from shared/corpora parses without raising, and matches what is known.

The corpora live outside the repository (``MAILWALL_CORPORA`` overrides the location); each
folder's SOURCE.md says where the mail comes from. Nothing is copied into the repository.
"""

from __future__ import annotations

import json
import mailbox
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from parsers import ParsedMail, parse
from parsers.subjects import strip_subject

CORPORA = Path(
    os.environ.get(
        "MAILWALL_CORPORA", Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
    )
)
if not CORPORA.is_dir():
    pytest.skip(f"corpora folder {CORPORA} is absent", allow_module_level=True)

RAW_FOLDERS = [
    "cpython_email_data",
    "spamscope_mail_parser",
    "notmuch_test_corpora",
    "perceval_mbox",
    "enron_sample",
    "zulip_email_fixtures",
]
PIPERMAIL_SAMPLE_EVERY = {"berlios_linux_uvc_devel": 20, "berlios_mutt_ng": 3}


def _cases(folder: str) -> list[dict]:
    path = CORPORA / folder / "cases.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _raw_messages(folder: str) -> Iterator[tuple[str, bytes]]:
    for case in _cases(folder):
        path = CORPORA / folder / case["input"]
        if case["kind"] in ("subject", "json-message") or not path.is_file():
            continue
        if case["kind"] == "mbox":
            box = mailbox.mbox(path, create=False)
            for key in box.iterkeys():
                yield f"{case['id']}#{key}", box.get_bytes(key)
        else:
            yield case["id"], path.read_bytes()


def _check(mail: ParsedMail) -> None:
    assert mail.message_id
    assert not any(d.startswith("parser gave up") for d in mail.defects)
    assert mail.date is None or mail.date.tzinfo is not None
    for attachment in mail.attachments:
        assert attachment.size == len(attachment.data)


@pytest.mark.parametrize("folder", RAW_FOLDERS)
def test_every_raw_message_parses_without_raising(folder: str) -> None:
    if not (CORPORA / folder).is_dir():
        pytest.skip(f"{folder} is absent")
    count = 0
    for case_id, raw in _raw_messages(folder):
        try:
            _check(parse(raw))
        except Exception as exc:  # name the failing file in the report
            raise AssertionError(f"{folder}/{case_id}: {exc!r}") from exc
        count += 1
    assert count > 0


def _pipermail(folder: str) -> Iterator[tuple[dict, bytes]]:
    case = _cases(folder)[0]
    data = (CORPORA / folder / case["input"]).read_bytes()
    index = (CORPORA / folder / case["index"]).read_text(encoding="utf-8").splitlines()
    every = PIPERMAIL_SAMPLE_EVERY[folder]
    for line in index[::every]:
        row = json.loads(line)
        yield row, data[row["offset"] : row["offset"] + row["length"]]


@pytest.mark.parametrize("folder", sorted(PIPERMAIL_SAMPLE_EVERY))
def test_pipermail_sample_matches_the_archive_index(folder: str) -> None:
    if not (CORPORA / folder).is_dir():
        pytest.skip(f"{folder} is absent")
    for row, raw in _pipermail(folder):
        mail = parse(raw)
        _check(mail)
        where = f"{folder} message {row['n']}"
        assert mail.sender is not None, where
        if row["message_id"]:
            assert mail.message_id == row["message_id"].strip().strip("<>"), where
        if row["in_reply_to"]:
            assert mail.in_reply_to == tuple(re.findall(r"<([^<>]+)>", row["in_reply_to"])), where
        # The index keeps subjects raw (encoded words, replaced bytes): compare plain ones only.
        if row["subject"] is not None and "=?" not in row["subject"] and row["subject"].isascii():
            assert mail.subject == " ".join(row["subject"].split()), where


ZULIP_SUBJECTS = [c for c in _cases("zulip_email_fixtures") if c["kind"] == "subject"]


@pytest.mark.parametrize("case", ZULIP_SUBJECTS, ids=[c["id"] for c in ZULIP_SUBJECTS])
def test_zulip_subject_pairs_strip_like_zulip(case: dict) -> None:
    assert strip_subject(case["input_value"]) == case["expected_value"]


def test_spamscope_outlook_msg_file_is_not_mail_but_does_not_raise() -> None:
    path = CORPORA / "spamscope_mail_parser" / "mails" / "mail_outlook_1"
    if not path.is_file():
        pytest.skip("mail_outlook_1 is absent")
    assert parse(path.read_bytes()).message_id_derived
