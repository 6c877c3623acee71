"""Mailwall as the receiving MX: SPF, DKIM, ARC and DMARC verified at intake.

The checks are the maintained libraries' (measured, see the README): pyspf for SPF,
dkimpy through authheaders for DKIM and ARC, authheaders for the DMARC policy lookup
and alignment, authres to write the result. Every DNS query goes to the configured
resolver (`policy.dns_resolver`, default the system's) with a short timeout
(`policy.dns_timeout_seconds`); a DNS failure is a `temperror`, which authenticates
nothing. authheaders' own SPF check takes no resolver and no timeout, so SPF is run here
with pyspf directly.

The result is an `Authentication-Results` header with Mailwall's authserv-id, prepended
to the stored bytes: the pipeline reads it like an upstream MTA's, and `mailwall queue
show` shows it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import authheaders
import dns.exception
import dns.resolver
import spf
from authres import AuthenticationResultsHeader
from authres.arc import ARCAuthenticationResult
from authres.core import DKIMAuthenticationResult, SPFAuthenticationResult
from authres.dmarc import DMARCAuthenticationResult

from wall_store.config import Config, ConfigError

log = logging.getLogger("mailwall.verify")


@dataclass(frozen=True)
class VerifySettings:
    authserv_id: str
    # "" for the system's resolver, else "HOST" or "HOST:PORT" ("[::1]:53" for IPv6).
    resolver: str = ""
    timeout: float = 2.0

    @property
    def budget(self) -> float:
        """The longest a verification may hold back `250`: SPF's own bound plus DKIM,
        ARC and DMARC lookups, each at most one timeout."""
        return self.timeout * 6


def _resolver(address: str, timeout: float) -> dns.resolver.Resolver:
    if not address.strip():
        resolver = dns.resolver.Resolver()
    else:
        resolver = dns.resolver.Resolver(configure=False)
        host, port = address.strip(), 53
        if host.startswith("["):
            host, _, rest = host[1:].partition("]")
            port = int(rest.lstrip(":") or 53)
        elif host.count(":") == 1:
            host, _, given = host.partition(":")
            port = int(given)
        resolver.nameservers = [host]
        resolver.port = port
    resolver.timeout = timeout
    resolver.lifetime = timeout
    return resolver


def _domain_part(address: str | bytes) -> str:
    """authheaders' own reads the domain with [a-z0-9.]+, which cuts `lumiere-sa.fr` to
    `lumiere` (measured: every hyphenated domain failed DMARC alignment); it raises
    IndexError where there is no `@`, as authheaders expects."""
    text = address.decode("utf-8", "replace") if isinstance(address, bytes) else address
    local, at, domain = text.strip().strip("<>").rpartition("@")
    if not at or not domain:
        raise IndexError(address)
    return domain.strip().rstrip(">").lower()


authheaders.get_domain_part = _domain_part

# pyspf looks its DNS function up as a module global at each query. It is set once to a
# function that asks the verifier running in this thread (each SPF check runs in one
# thread), so concurrent checks neither share a resolver nor wait for each other.
_SPF_THREAD = threading.local()
_SPF_DEFAULT = spf.DNSLookup


def _spf_dns_lookup(name: str, qtype: str, strict: bool = True, timeout: float = 0) -> Any:
    verifier: Verifier | None = getattr(_SPF_THREAD, "verifier", None)
    if verifier is None:
        return _SPF_DEFAULT(name, qtype, strict, timeout)
    return verifier._spf_lookup(name, qtype, strict, timeout)


spf.DNSLookup = _spf_dns_lookup


class Verifier:
    def __init__(self, settings: VerifySettings) -> None:
        self.settings = settings
        self.resolver = _resolver(settings.resolver, settings.timeout)
        # Within one verification, after one query timed out the DNS is taken as down:
        # the next ones fail at once, so DNS down costs one timeout, not one per check.
        self._call = threading.local()

    def _resolve(self, name: str, qtype: str) -> dns.resolver.Answer | None:
        if getattr(self._call, "dns_down", False):
            raise dns.exception.Timeout()
        try:
            return self.resolver.resolve(name, qtype, raise_on_no_answer=False)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return None
        except dns.exception.DNSException:
            self._call.dns_down = True
            raise

    # --- DNS, in the shapes each library wants ------------------------------------

    def _txt(self, name: str) -> list[str] | None:
        """TXT strings of `name`, each record's strings joined; None when there is none.
        Timeouts and unreachable servers raise dns.exception.DNSException."""
        answer = self._resolve(name, "TXT")
        if answer is None or answer.rrset is None:
            return None
        return [b"".join(r.strings).decode("utf-8", "replace") for r in answer]

    def dnsfunc(self, name: Any, timeout: float | None = None) -> Any:
        """dkimpy asks with bytes and wants the record as bytes; authheaders' DMARC lookup
        asks with str and wants one record as str."""
        if isinstance(name, bytes):
            found = self._txt(name.decode("ascii", "replace"))
            return found[0].encode() if found else None
        found = self._txt(str(name))
        dmarc = [r for r in found or [] if r.startswith("v=DMARC1")]
        return dmarc[0] if len(dmarc) == 1 else None

    def _spf_lookup(self, name: str, qtype: str, strict: bool = True,
                    timeout: float = 0) -> list[tuple[tuple[str, str], Any]]:
        try:
            answer = self._resolve(name, qtype)
        except dns.exception.DNSException as exc:
            raise spf.TempError(f"DNS {exc}") from None
        found: list[tuple[tuple[str, str], Any]] = []
        for rdata in answer if answer is not None and answer.rrset is not None else []:
            if qtype in ("A", "AAAA"):
                found.append(((name, qtype), rdata.address))
            elif qtype == "MX":
                found.append(((name, qtype), (rdata.preference, rdata.exchange)))
            elif qtype == "PTR":
                found.append(((name, qtype), rdata.target.to_text(True)))
            elif qtype in ("TXT", "SPF"):
                found.append(((name, qtype), rdata.strings))
        return found

    @contextmanager
    def _spf_dns(self) -> Iterator[None]:
        previous = getattr(_SPF_THREAD, "verifier", None)
        _SPF_THREAD.verifier = self
        try:
            yield
        finally:
            _SPF_THREAD.verifier = previous

    # --- the checks ---------------------------------------------------------------

    def _spf(self, ip: str, mail_from: str, helo: str) -> SPFAuthenticationResult:
        try:
            with self._spf_dns():
                query = spf.query(i=ip, s=mail_from or f"postmaster@{helo}", h=helo or "unknown",
                                  timeout=self.settings.timeout,
                                  querytime=self.settings.timeout * 2)
                result, _code, _explanation = query.check()
        except Exception as exc:  # noqa: BLE001 - any failure of the check is a temperror
            log.info("SPF check for %s failed: %s", ip, exc)
            result = "temperror"
        return SPFAuthenticationResult(result=result or "none",
                                       smtp_mailfrom=mail_from or None,
                                       smtp_helo=None if mail_from else helo or None)

    def _dmarc(self, raw: bytes, spf_result: SPFAuthenticationResult,
               dkim_result: DKIMAuthenticationResult) -> DMARCAuthenticationResult:
        try:
            result: DMARCAuthenticationResult = authheaders.check_dmarc(
                raw, spf_result, dkim_result, dnsfunc=self.dnsfunc)
            return result
        except dns.exception.DNSException as exc:
            log.info("DMARC lookup failed: %s", exc)
            return DMARCAuthenticationResult(result="temperror")
        except Exception as exc:  # noqa: BLE001 - a record or message it cannot read
            log.info("DMARC check failed: %s", exc)
            return DMARCAuthenticationResult(result="permerror")

    def authenticate(self, raw: bytes, *, ip: str, mail_from: str, helo: str) -> str:
        """The `Authentication-Results` value (without the field name) for one delivery."""
        self._call.dns_down = False
        spf_result = self._spf(ip, mail_from, helo)
        results: list[Any] = [spf_result]
        dkim_result = authheaders.check_dkim(raw, dnsfunc=self.dnsfunc)
        results.append(dkim_result)
        if b"\narc-seal:" in raw.lower()[:200_000] or raw.lower().startswith(b"arc-seal:"):
            results.append(self._arc(raw))
        results.append(self._dmarc(raw, spf_result, dkim_result))
        return str(AuthenticationResultsHeader(authserv_id=self.settings.authserv_id,
                                               results=results)).split(":", 1)[1].strip()

    def _arc(self, raw: bytes) -> ARCAuthenticationResult:
        try:
            result: ARCAuthenticationResult = authheaders.check_arc(raw, dnsfunc=self.dnsfunc)
            return result
        except Exception as exc:  # noqa: BLE001
            log.info("ARC check failed: %s", exc)
            return ARCAuthenticationResult(result="temperror")

    def temperror(self, why: str) -> str:
        """The verdict recorded when the verification could not finish (too slow, or a
        library's fault): nothing is authenticated."""
        return str(AuthenticationResultsHeader(
            authserv_id=self.settings.authserv_id,
            results=[SPFAuthenticationResult(result="temperror", result_comment=why),
                     DKIMAuthenticationResult(result="temperror"),
                     DMARCAuthenticationResult(result="temperror")],
        )).split(":", 1)[1].strip()


def verifier_from_config(config: Config) -> Verifier | None:
    """Mailwall verifies senders when it is the MX: `policy.verify_senders` on and no
    trusted authserv-id (behind an MTA, the MTA verifies and Mailwall reads its verdict)."""
    policy = config.policy
    if not policy.verify_senders or policy.trusted_authserv_ids.strip():
        return None
    try:
        return Verifier(VerifySettings(
            authserv_id=policy.authserv_id.strip() or config.smtp.domain,
            resolver=policy.dns_resolver,
            timeout=max(0.1, policy.dns_timeout_seconds),
        ))
    except ValueError as exc:
        raise ConfigError(f"[policy] dns_resolver {policy.dns_resolver!r} is not HOST or "
                          f"HOST:PORT ({exc})") from None
