"""What composing and sending mail needs from the configuration, as one value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from wall_store.config import AdoptionSection, Config


@dataclass(frozen=True)
class MailSettings:
    domain: str
    secret: bytes
    base_url: str
    from_address: str
    default_frequency: str = "weekly"
    default_locale: str = "fr"
    hour: int = 7
    weekday: int = 1
    batch: timedelta = timedelta(seconds=300)
    adoption: AdoptionSection = AdoptionSection()
    site_name: str = "Mailwall"

    @classmethod
    def from_config(cls, config: Config) -> MailSettings:
        domain = config.smtp.domain.lower()
        return cls(
            domain=domain,
            secret=config.secret(),
            base_url=config.web.base_url,
            from_address=config.outbound.from_address or f"mailwall@{domain}",
            default_frequency=config.digests.default_frequency,
            default_locale=config.digests.default_locale,
            hour=config.digests.hour,
            weekday=config.digests.weekday,
            batch=timedelta(seconds=config.notifications.batch_seconds),
            adoption=config.adoption,
        )
