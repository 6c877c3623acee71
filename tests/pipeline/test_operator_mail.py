"""Mail to postmaster@: an operator address that leads back to Mailwall does not make a loop."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from gateway.pipeline import Pipeline
from tests.pipeline.conftest import DOMAIN, Gateway, mail, make_settings, populate
from wall_store.blobs import get_blob
from wall_store.reasons import Reason


def test_our_own_forward_coming_back_to_postmaster_is_kept_not_sent_again(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        populate(session)
    # The operators' address is postmaster@ itself: what is forwarded comes back here.
    gateway = Gateway(sessions, Pipeline(sessions, make_settings(
        operators=(f"postmaster@{DOMAIN}",))))
    original = mail(sender="Jean Dupont <jean.dupont@fournisseur.example>",
                    to=f"postmaster@{DOMAIN}", subject="Adresse disparue")
    gateway.deliver(original, f"postmaster@{DOMAIN}")
    [first] = gateway.run()
    assert first.reason is Reason.OPERATOR_MAIL_FORWARDED
    [forward] = gateway.outbox()
    with sessions() as session:
        sent = get_blob(session, forward.blob_sha256)
    assert sent is not None
    gateway.deliver(sent, f"postmaster@{DOMAIN}", mail_from="")
    [second] = gateway.run()
    assert second.reason is Reason.OPERATOR_MAIL_KEPT
    assert len(gateway.outbox()) == 1
