"""Is the sender who the `From:` says? Judged from what intake recorded, without I/O.

Three grounds, in the two deployments the README describes:
- the connection came from a trusted relay (`policy.trusted_relays`, CIDR, like
  Postfix's `mynetworks`): internal servers that neither sign nor publish SPF;
- the topmost `Authentication-Results` of a trusted verifier (`policy.trusted_authserv_ids`)
  says DMARC passed, or (where it checked no DMARC) an aligned DKIM or SPF passed;
- the message is history (an import) or was read from an IMAP mailbox with no trusted
  verdict on it: the mailbox server received it, Mailwall saw no connection to judge.

A trusted DMARC `fail` is reported apart, with the policy the verifier named: the
policy table refuses `p=reject` and holds the rest, authenticated or not.
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.authresults import trusted_verdict
from wall_store.models import MessageSource

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# 127.0.0.1 and ::1, not all of 127/8: the tests (and a local MTA bound to another 127 address)
# send from 127.0.0.2 and 127.0.0.3 as strangers.
LOOPBACK: tuple[Network, ...] = (ipaddress.ip_network("127.0.0.1/32"),
                                 ipaddress.ip_network("::1/128"))


class DmarcFailure(enum.Enum):
    NONE = "none"
    REJECT = "reject"  # the domain asks receivers to refuse what fails
    QUARANTINE = "quarantine"  # p=quarantine, or a failure whose policy was not stated


@dataclass(frozen=True)
class Authenticity:
    authenticated: bool
    dmarc: DmarcFailure
    # Why, in a few words, for `mailwall queue show` and the log.
    basis: str


def relay_networks(relays: str | Iterable[str], authserv_ids: Sequence[str]) -> tuple[Network, ...]:
    """The trusted relays from the configuration. Empty means: loopback when no trusted
    authserv-id is set (Mailwall on its own, the quick start's swaks on the same host),
    nothing when one is (behind a local MTA every mail comes from 127.0.0.1).
    Raises ValueError naming a value that is no network."""
    items = [r.strip() for r in (relays.split(",") if isinstance(relays, str) else relays)]
    items = [r for r in items if r]
    if not items:
        return () if any(a.strip() for a in authserv_ids) else LOOPBACK
    networks: list[Network] = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not a network (e.g. 10.0.0.0/8 or 192.0.2.25)") \
                from None
    return tuple(networks)


def from_relay(peer_ip: str | None, relays: Sequence[Network]) -> bool:
    if not peer_ip:
        return False
    try:
        address = ipaddress.ip_address(peer_ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in relays)


def judge(
    *,
    source: MessageSource,
    peer_ip: str | None,
    from_address: str,
    results: Sequence[str],
    authserv_ids: Sequence[str],
    relays: Sequence[Network],
    own_verdict: str | None = None,
) -> Authenticity:
    """`results` are the message's Authentication-Results values, topmost first.

    `peer_ip` None on SMTP/LMTP mail means it was stored before intake recorded the
    connecting address (migration 0012): there is no connection to judge, so it is taken
    as it was then (authenticated unless a trusted verdict says otherwise).

    `own_verdict` is what Mailwall itself verified at intake (gateway.verify): read first,
    above the message's headers, under the authserv-id it names. A header in the message
    claiming that id is never read on its own: only the verdict intake recorded is."""
    if source is MessageSource.IMPORT:
        return Authenticity(True, DmarcFailure.NONE, "imported history")
    from_domain = from_address.rpartition("@")[2].lower()
    if own_verdict:
        results = [own_verdict, *results]
        authserv_ids = [*authserv_ids, own_verdict.split(";", 1)[0].strip()]
    verdict = trusted_verdict(results, authserv_ids)
    dmarc = DmarcFailure.NONE
    if verdict is not None and verdict.dmarc_failed:
        dmarc = {"reject": DmarcFailure.REJECT, "none": DmarcFailure.NONE}.get(
            verdict.dmarc_policy or "", DmarcFailure.QUARANTINE)
    if from_relay(peer_ip, relays):
        return Authenticity(True, dmarc, f"trusted relay {peer_ip}")
    if verdict is not None:
        passed = verdict.aligned_pass(from_domain)
        summary = f"dmarc={verdict.dmarc}" if verdict.dmarc else "no dmarc result"
        return Authenticity(passed, dmarc, f"{verdict.authserv_id}: {summary}")
    if source is MessageSource.IMAP:
        return Authenticity(True, dmarc, "read from a mapped IMAP mailbox")
    if peer_ip is None:
        return Authenticity(True, dmarc, "stored before connections were recorded")
    return Authenticity(False, dmarc, f"no trusted verdict, {peer_ip} is no trusted relay")
