"""Read the verdict of the one trusted `Authentication-Results` header (RFC 8601).

Only a header added by a host we trust means anything: anyone can write one into
a message, above or below the real one. A verifying MTA prepends its header, so
the trusted verdict is the topmost header whose authserv-id is trusted; every
other one (untrusted ids, and any further header claiming a trusted id below it)
is ignored. Parsing is the `authres` library's; a header it cannot parse counts
as no verdict.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import authres

_MAX_HEADER = 8192


@dataclass(frozen=True)
class AuthVerdict:
    """What one trusted verifier said about a message."""

    authserv_id: str
    # dmarc result (pass, fail, none, temperror, ...) and the policy it reported, if any.
    dmarc: str | None = None
    dmarc_policy: str | None = None
    dmarc_from: str | None = None
    # (result, signing domain) of each DKIM signature; (result, domain) of SPF.
    dkim: tuple[tuple[str, str], ...] = ()
    spf: tuple[str, str] | None = None

    def aligned_pass(self, from_domain: str) -> bool:
        """Whether authentication passed for `from_domain`: DMARC pass; or, unless DMARC
        failed, a DKIM signature or SPF pass of an aligned domain (a domain that publishes
        no DMARC record gets `dmarc=none`, and its aligned signature still proves it)."""
        if self.dmarc in ("pass", "fail"):
            return self.dmarc == "pass"
        if any(result == "pass" and aligned(domain, from_domain) for result, domain in self.dkim):
            return True
        return self.spf is not None and self.spf[0] == "pass" and aligned(self.spf[1], from_domain)

    @property
    def dmarc_failed(self) -> bool:
        return self.dmarc == "fail"


def aligned(domain: str, from_domain: str) -> bool:
    """Relaxed alignment without a public-suffix list: the same domain, or one inside the
    other (`corp.example` signs for `lyon.corp.example`). Siblings do not align."""
    a, b = domain.strip().strip(".").lower(), from_domain.strip().strip(".").lower()
    if not a or not b:
        return False
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _domain(value: str | None) -> str:
    value = (value or "").strip()
    return value.rpartition("@")[2].lower()


def _verdict(header: str) -> AuthVerdict | None:
    try:
        parsed = authres.AuthenticationResultsHeader.parse_value(header[:_MAX_HEADER])
    except Exception:  # authres raises its own errors and, on odd input, others
        return None
    dmarc = policy = dmarc_from = None
    dkim: list[tuple[str, str]] = []
    spf: tuple[str, str] | None = None
    for result in parsed.results:
        props = {(p.type.lower(), p.name.lower()): str(p.value) for p in result.properties}
        method, outcome = str(result.method).lower(), str(result.result).lower()
        if method == "dmarc" and dmarc is None:
            dmarc = outcome
            policy = props.get(("policy", "dmarc"), "").lower() or None
            dmarc_from = _domain(props.get(("header", "from"))) or None
        elif method == "dkim":
            dkim.append((outcome, _domain(props.get(("header", "d"))
                                          or props.get(("header", "i")))))
        elif method == "spf" and spf is None:
            spf = (outcome, _domain(props.get(("smtp", "mailfrom"))
                                    or props.get(("smtp", "helo"))))
    return AuthVerdict(str(parsed.authserv_id).lower(), dmarc, policy, dmarc_from,
                       tuple(dkim), spf)


def trusted_verdict(headers: Sequence[str], trusted: Collection[str]) -> AuthVerdict | None:
    """The verdict of the topmost header whose authserv-id is in `trusted` (headers are
    given topmost first); None when no trusted header is there or it cannot be read."""
    wanted = {t.strip().lower() for t in trusted if t.strip()}
    if not wanted:
        return None
    for header in headers:
        authserv_id = header.split(";", 1)[0].split()
        if authserv_id and authserv_id[0].lower() in wanted:
            return _verdict(header)
    return None
