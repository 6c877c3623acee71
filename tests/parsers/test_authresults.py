"""The one trusted Authentication-Results header, read with authres."""

from __future__ import annotations

from parsers.authresults import aligned, trusted_verdict

TRUSTED = ("mx.corp.example",)


def test_only_the_topmost_trusted_header_counts() -> None:
    verdict = trusted_verdict([
        "mx.attacker.example; dmarc=pass header.from=corp.example",
        "mx.corp.example; dmarc=fail policy.dmarc=reject header.from=corp.example",
        "mx.corp.example; dmarc=pass header.from=corp.example",
    ], TRUSTED)
    assert verdict is not None
    assert (verdict.dmarc, verdict.dmarc_policy, verdict.dmarc_from) == (
        "fail", "reject", "corp.example")


def test_dkim_and_spf_results_are_read_with_their_domains() -> None:
    verdict = trusted_verdict([
        "MX.corp.example 1; spf=pass smtp.mailfrom=bounces@lyon.corp.example; "
        "dkim=pass (2048-bit key) header.d=corp.example header.s=mai2026; "
        "dkim=fail header.i=@newsletter.example"], TRUSTED)
    assert verdict is not None
    assert verdict.dkim == (("pass", "corp.example"), ("fail", "newsletter.example"))
    assert verdict.spf == ("pass", "lyon.corp.example")
    assert verdict.aligned_pass("corp.example")


def test_a_trusted_header_that_cannot_be_read_gives_no_verdict() -> None:
    # Not the forged pass below it either.
    assert trusted_verdict(["mx.corp.example; ===;;; ((", "mx.corp.example; dmarc=pass"],
                           TRUSTED) is None


def test_without_trusted_ids_nothing_is_believed() -> None:
    assert trusted_verdict(["mx.corp.example; dmarc=pass"], ()) is None


def test_sibling_domains_do_not_align_but_parents_do() -> None:
    assert aligned("corp.example", "lyon.corp.example")
    assert not aligned("paris.corp.example", "lyon.corp.example")
    assert not aligned("corp.example.attacker.example", "corp.example")
