"""A small authoritative DNS server on loopback (dnslib), for sender authentication tests.

It answers TXT (SPF, DKIM keys, DMARC policies) and A records from a dict that a test
fills, and NXDOMAIN for the rest. `stop()` closes the socket: a resolver pointed at it
then gets no answer at all, as when the company's DNS is down.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from dataclasses import dataclass, field

from dnslib import QTYPE, RCODE, RR, TXT, A, DNSRecord
from dnslib.server import BaseResolver, DNSHandler, DNSLogger, DNSServer


class _Resolver(BaseResolver):
    def __init__(self, zone: Zone) -> None:
        self.zone = zone

    def resolve(self, request: DNSRecord, handler: DNSHandler) -> DNSRecord:
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        records = self.zone.records.get(name)
        if not records:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for kind, value in records:
            if kind == qtype == "TXT":
                # Long values (DKIM keys) go out as several strings of at most 255 bytes.
                chunks = [value[i:i + 255] for i in range(0, len(value), 255)]
                reply.add_answer(RR(name, QTYPE.TXT, rdata=TXT([c.encode() for c in chunks]),
                                    ttl=60))
            elif kind == qtype == "A":
                reply.add_answer(RR(name, QTYPE.A, rdata=A(value), ttl=60))
        return reply


@dataclass
class Zone:
    records: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    server: DNSServer | None = None

    def txt(self, name: str, value: str) -> None:
        self.records[name.lower()].append(("TXT", value))

    def dkim_key(self, selector: str, domain: str, public_der: bytes) -> None:
        self.txt(f"{selector}._domainkey.{domain}",
                 "v=DKIM1; k=rsa; p=" + base64.b64encode(public_der).decode())

    @property
    def address(self) -> str:
        assert self.server is not None
        host, port = self.server.server.server_address[:2]
        return f"{host}:{port}"

    def start(self) -> None:
        quiet = DNSLogger("-request,-reply,-truncated,-error,-recv,-send,-data")
        self.server = DNSServer(_Resolver(self), port=0, address="127.0.0.1", logger=quiet)
        self.server.start_thread()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server.server.server_close()
