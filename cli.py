"""The `mailwall` command: parses options, calls the packages, prints the result.

Every command takes `--json` for scripts; bad input gets one sentence on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy.orm import Session, sessionmaker

from wall_store import communities, mappings, migrate, people
from wall_store import config as config_mod
from wall_store.db import make_engine, session_factory
from wall_store.errors import ServiceStartError, StoreError

USAGE_ERROR = 2


class App:
    """What a command needs, loaded on first use so that `--help` needs no database."""

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._config: config_mod.Config | None = None
        self._sessions: sessionmaker[Session] | None = None

    @property
    def config(self) -> config_mod.Config:
        if self._config is None:
            self._config = config_mod.load(self.config_path)
        return self._config

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            engine = make_engine(self.config.database.url)
            current, head = migrate.current_revision(engine), migrate.head_revision()
            if current != head:
                raise config_mod.ConfigError(
                    f"the database is at revision {current or 'none'} and this Mailwall needs "
                    f"{head}: run `mailwall db upgrade` (or `mailwall init`)"
                )
            self._sessions = session_factory(engine)
        return self._sessions

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.sessions() as session, session.begin():
            yield session


def fail(message: str) -> NoReturn:
    click.echo(f"mailwall: {message}", err=True)
    sys.exit(USAGE_ERROR)


def emit(data: Any, as_json: bool, human: Callable[[Any], None]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        human(data)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], empty: str) -> None:
    if not rows:
        click.echo(empty)
        return

    def cell(value: Any) -> str:
        if value is None:
            return "-"
        if isinstance(value, list | tuple):
            return ", ".join(map(str, value)) or "-"
        return str(value)

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
pass_app = click.make_pass_decorator(App)


class Group(click.Group):
    """Turns the errors ops can cause into one sentence and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (StoreError, config_mod.ConfigError, ServiceStartError) as exc:
            fail(str(exc))


@click.group(cls=Group)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: $MAILWALL_CONFIG, ./mailwall.toml, ./data/mailwall.toml).",
)
@click.version_option(package_name="mailwall")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Mailwall: mail to the enterprise social network's walls."""
    ctx.obj = App(config_path)


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Folder for the configuration, the SQLite database and the outbox.",
)
@json_option
def init(data_dir: Path, as_json: bool) -> None:
    """Create the data folder, its configuration and the database (harmless to rerun)."""
    from wall_store.setup import initialise

    report = initialise(data_dir)
    data = {
        "data_dir": str(report.data_dir),
        "config": str(report.config_path),
        "created": report.created,
        "revision_before": report.revision_before,
        "revision": report.revision_after,
        "changed": report.changed,
    }

    def human(_: Any) -> None:
        if not report.changed:
            click.echo(
                f"{report.data_dir} is already initialised; nothing changed "
                f"(database at revision {report.revision_after})."
            )
            return
        for item in report.created:
            click.echo(f"created {item}")
        if report.revision_before != report.revision_after:
            click.echo(
                f"database migrated from {report.revision_before or 'empty'} "
                f"to {report.revision_after}"
            )
        default = Path("data").resolve() / "mailwall.toml"
        if report.config_path != default:
            click.echo(f"next: export MAILWALL_CONFIG={report.config_path}")

    emit(data, as_json, human)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@json_option
@pass_app
def db_upgrade(app: App, as_json: bool) -> None:
    """Apply the migrations that the database lacks."""
    engine = make_engine(app.config.database.url)
    try:
        before, after = migrate.upgrade(engine)
    finally:
        engine.dispose()
    data = {"revision_before": before, "revision": after, "changed": before != after}

    def human(_: Any) -> None:
        if before == after:
            click.echo(f"database already at revision {after}; nothing to do.")
        else:
            click.echo(f"database migrated from {before or 'empty'} to {after}")

    emit(data, as_json, human)


# --- communities -------------------------------------------------------------------


@main.group()
def community() -> None:
    """Create and inspect communities."""


KINDS = ("team", "project", "support", "watch")
POLICIES = ("accept", "moderate", "reject")
ROLES = ("manager", "member", "external")


Callback = Callable[[click.Context, click.Parameter, Any], Any]


def _choice_callback(allowed: Sequence[str]) -> Callback:
    # click's own Choice error is a usage screen; ops get one sentence instead.
    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None and value not in allowed:
            fail(f"{value!r} is not a valid {param.name}: choose one of {', '.join(allowed)}")
        return value

    return check


@community.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="Display name, e.g. 'Projet Atlas'.")
@click.option("--kind", required=True, callback=_choice_callback(KINDS),
              help="team, project, support or watch.")
@click.option("--private", is_flag=True, help="Visible to members only.")
@click.option("--policy", default="moderate", show_default=True,
              callback=_choice_callback(POLICIES),
              help="What happens to mail from non-members: accept, moderate or reject.")
@click.option("--unauthenticated", default="moderate", show_default=True,
              callback=_choice_callback(POLICIES),
              help="What happens to mail that claims a member's address without passing "
                   "authentication (SPF, DKIM, DMARC, trusted relay): accept, moderate or reject.")
@json_option
@pass_app
def community_create(
    app: App, slug: str, name: str, kind: str, private: bool, policy: str,
    unauthenticated: str, as_json: bool,
) -> None:
    """Create a community."""
    with app.transaction() as session:
        row = communities.create_community(
            session, slug, name=name, kind=kind, private=private, policy=policy,
            unauthenticated=unauthenticated,
        )
        data = communities.community_summary(session, row)
    emit(data, as_json, lambda d: click.echo(
        f"created {d['visibility']} {d['kind']} community {d['slug']} ({d['name']}), "
        f"non-member policy: {d['policy']}, unauthenticated mail: {d['unauthenticated']}"))


@community.command("set")
@click.argument("slug")
@click.option("--policy", default=None, callback=_choice_callback(POLICIES),
              help="What happens to mail from non-members: accept, moderate or reject.")
@click.option("--unauthenticated", default=None, callback=_choice_callback(POLICIES),
              help="What happens to mail that claims a member's address without passing "
                   "authentication: accept, moderate or reject.")
@json_option
@pass_app
def community_set(app: App, slug: str, policy: str | None, unauthenticated: str | None,
                  as_json: bool) -> None:
    """Change a community's policies."""
    if policy is None and unauthenticated is None:
        fail("nothing to change: give --policy and/or --unauthenticated")
    with app.transaction() as session:
        row = communities.set_policies(session, slug, policy=policy,
                                       unauthenticated=unauthenticated)
        data = communities.community_summary(session, row)
    emit(data, as_json, lambda d: click.echo(
        f"{d['slug']}: non-member policy: {d['policy']}, "
        f"unauthenticated mail: {d['unauthenticated']}"))


@community.command("list")
@json_option
@pass_app
def community_list(app: App, as_json: bool) -> None:
    """List communities."""
    with app.transaction() as session:
        data = [
            communities.community_summary(session, c)
            for c in communities.list_communities(session)
        ]
    emit(data, as_json, lambda d: table(
        d, ["slug", "name", "kind", "visibility", "policy", "archived", "members", "threads"],
        "no communities yet: `mailwall community create SLUG --name NAME --kind team`"))


@community.command("show")
@click.argument("slug")
@json_option
@pass_app
def community_show(app: App, slug: str, as_json: bool) -> None:
    """Show one community."""
    with app.transaction() as session:
        data = communities.community_summary(session, communities.get_community(session, slug))

    def human(d: dict[str, Any]) -> None:
        for key, value in d.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            click.echo(f"{key + ':':<12} {shown if shown not in ('', None) else '-'}")

    emit(data, as_json, human)


@community.command("archive")
@click.argument("slug")
@json_option
@pass_app
def community_archive(app: App, slug: str, as_json: bool) -> None:
    """Archive a community: its wall stays readable, it takes no more mail."""
    with app.transaction() as session:
        row, changed = communities.archive_community(session, slug)
        data = {"slug": row.slug, "archived": True, "changed": changed}
    emit(data, as_json, lambda d: click.echo(
        f"archived {slug}" if changed else f"{slug} was already archived; nothing changed"))


# --- channels ----------------------------------------------------------------------


@main.group()
def channel() -> None:
    """Sub-streams of a community."""


@channel.command("add")
@click.argument("slug")
@click.argument("channel_name", metavar="CHANNEL")
@click.option("--name", default=None, help="Display name (default: CHANNEL).")
@json_option
@pass_app
def channel_add(app: App, slug: str, channel_name: str, name: str | None, as_json: bool) -> None:
    """Add a channel to a community; mail to SLUG+CHANNEL@domain lands there."""
    with app.transaction() as session:
        row = communities.add_channel(session, slug, channel_name, name)
        data = {"community": slug, "channel": row.slug, "name": row.name,
                "address": f"{slug}+{row.slug}@{app.config.smtp.domain}"}
    emit(data, as_json, lambda d: click.echo(
        f"added channel {d['channel']} to {slug}"))


# --- members -----------------------------------------------------------------------


@main.group()
def member() -> None:
    """Members of a community and their roles."""


@member.command("add")
@click.argument("slug")
@click.argument("email")
@click.option("--name", default="", help="Display name, e.g. 'Élodie Martin'.")
@click.option("--role", default="member", show_default=True,
              callback=_choice_callback(ROLES), help="manager, member or external.")
@json_option
@pass_app
def member_add(app: App, slug: str, email: str, name: str, role: str, as_json: bool) -> None:
    """Add a member (or change a member's role)."""
    with app.transaction() as session:
        membership, created = people.add_member(session, slug, email, name=name, role=role)
        data = {"community": slug, "email": membership.person.primary_address,
                "name": membership.person.display_name, "role": membership.role.value,
                "created": created}
    emit(data, as_json, lambda d: click.echo(
        f"{'added' if created else 'updated'} {d['email']} as {d['role']} of {slug}"))


@member.command("remove")
@click.argument("slug")
@click.argument("email")
@json_option
@pass_app
def member_remove(app: App, slug: str, email: str, as_json: bool) -> None:
    """Remove a member from a community."""
    with app.transaction() as session:
        people.remove_member(session, slug, email)
    emit({"community": slug, "email": email, "removed": True}, as_json,
         lambda d: click.echo(f"removed {email} from {slug}"))


@member.command("list")
@click.argument("slug")
@json_option
@pass_app
def member_list(app: App, slug: str, as_json: bool) -> None:
    """List a community's members."""
    with app.transaction() as session:
        data = people.list_members(session, slug)
    emit(data, as_json, lambda d: table(
        d, ["email", "name", "role", "stage"], f"{slug} has no members yet"))


# --- mappings ----------------------------------------------------------------------


@main.group("map")
def map_group() -> None:
    """Addresses and IMAP mailboxes that feed communities."""


@map_group.command("add")
@click.argument("slug")
@click.option("--address", default=None, help="An address at the SMTP domain.")
@click.option("--imap", "imap_url", default=None, help="imaps://user@host[:port]/Folder")
@click.option("--password-env", default=None, help="Variable that holds the IMAP password.")
@click.option("--password-file", default=None, help="File that holds the IMAP password.")
@click.option("--channel", "channel_name", default=None, help="Land in this channel.")
@click.option("--move-to", default=None,
              help="IMAP: move handled mail to this folder (default: flag it \\Seen).")
@json_option
@pass_app
def map_add(
    app: App,
    slug: str,
    address: str | None,
    imap_url: str | None,
    password_env: str | None,
    password_file: str | None,
    channel_name: str | None,
    move_to: str | None,
    as_json: bool,
) -> None:
    """Map an SMTP address or an IMAP mailbox to a community."""
    if bool(address) == bool(imap_url):
        fail("give exactly one of --address ADDRESS or --imap URL")
    with app.transaction() as session:
        if address:
            if password_env or password_file or move_to:
                fail("--password-env, --password-file and --move-to go with --imap, "
                     "not --address")
            row = mappings.add_address(session, slug, address, channel_name)
        else:
            row = mappings.add_imap(session, slug, imap_url or "", password_env=password_env,
                                    password_file=password_file, channel=channel_name,
                                    move_to=move_to)
        data = mappings.mapping_view(row)
    emit(data, as_json, lambda d: click.echo(
        f"mapping {d['id']}: {d['target']} -> {d['community']}"
        + (f" (channel {d['channel']})" if d["channel"] else "")))


@map_group.command("list")
@json_option
@pass_app
def map_list(app: App, as_json: bool) -> None:
    """List mappings, with each IMAP mailbox's last success and last error."""
    with app.transaction() as session:
        data = [mappings.mapping_view(m) for m in mappings.list_mappings(session)]
    emit(data, as_json, lambda d: table(
        d, ["id", "community", "channel", "kind", "target", "password_from", "last_success_at",
            "last_error", "last_error_at"],
        "no mappings yet: `mailwall map add SLUG --address ADDRESS`"))


@map_group.command("remove")
@click.argument("mapping_id", metavar="ID", type=int)
@json_option
@pass_app
def map_remove(app: App, mapping_id: int, as_json: bool) -> None:
    """Remove a mapping."""
    with app.transaction() as session:
        data = mappings.mapping_view(mappings.remove_mapping(session, mapping_id))
    emit(data, as_json, lambda d: click.echo(f"removed mapping {d['id']} ({d['target']})"))


@map_group.command("test")
@click.argument("mapping_id", metavar="ID", type=int)
@json_option
@pass_app
def map_test(app: App, mapping_id: int, as_json: bool) -> None:
    """Connect to an IMAP mailbox, log in, look at its folder; change nothing."""
    from dataclasses import asdict

    from gateway.imap import check_mapping

    report = check_mapping(app.sessions, mapping_id)
    data = {**asdict(report), "ok": report.ok}

    def human(d: dict[str, Any]) -> None:
        click.echo(f"mapping {d['mapping_id']}: {d['url']}")
        if d["tls"]:
            click.echo("  connection: logged in, " + {
                "imaps": "TLS", "starttls": "TLS (STARTTLS)",
                "none": "NOT ENCRYPTED (the server offers no STARTTLS)"}[d["tls"]])
        if d["messages"] is not None:
            click.echo(f"  folder {d['folder']}: {d['messages']} message(s), {d['unseen']} unseen, "
                       f"UIDVALIDITY {d['uidvalidity']}")
            click.echo(f"  waiting to be read: {d['new_messages']}")
        if d["idle"] is not None:
            click.echo("  new mail: " + ("seen at once (IDLE)" if d["idle"]
                                         else "polled (the server offers no IDLE)"))
        if d["move_to"]:
            click.echo(f"  handled mail: moved to {d['move_to']}"
                       + ("" if d["move_to_exists"] in (True, None) else " (created on first use)"))
        else:
            click.echo("  handled mail: flagged \\Seen")
        if d["error"]:
            click.echo(f"  FAILED: {d['error']}")

    emit(data, as_json, human)
    if not report.ok:
        sys.exit(1)


# --- gateway -------------------------------------------------------------------


@main.command()
@click.option("--log-level", default="INFO", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False))
@pass_app
def serve(app: App, log_level: str) -> None:
    """Run the gateway: SMTP (and LMTP) intake, pipeline workers, outbox sender."""
    import logging

    from gateway.server import serve as run_gateway

    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.basicConfig(level=log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app.sessions  # noqa: B018 - refuses to start on an unmigrated database
    smtp = app.config.smtp

    def ready(_: object) -> None:
        click.echo(f"Mailwall gateway: SMTP on {smtp.host}:{smtp.port}"
                   + (f", LMTP on {smtp.host}:{smtp.lmtp_port}" if smtp.lmtp_port else "")
                   + f"; mail for @{smtp.domain}; the wall on {app.config.web.base_url}"
                   + ". Ctrl-C stops.", err=True)

    from digests.service import Scheduler
    from digests.settings import MailSettings
    from gateway.server import LoopService
    from web.service import WebService

    engine = make_engine(app.config.database.url)
    scheduler = Scheduler(engine, session_factory(engine), MailSettings.from_config(app.config))
    run_gateway(app.config, ready, services=[
        WebService(app.config), LoopService("digests", scheduler.step, idle=10.0)])


def _pipeline(app: App):  # type: ignore[no-untyped-def]
    from gateway.pipeline import Pipeline, Settings

    return Pipeline(app.sessions, Settings.from_config(app.config))


@main.group("queue")
def queue_group() -> None:
    """Received messages: their state, their reason, retry, moderation."""


STATES = ("received", "processing", "done", "held", "rejected", "dropped", "failed",
          "quarantined")


@queue_group.command("list")
@click.option("--state", default=None, callback=_choice_callback(STATES),
              help="Only messages in this state.")
@click.option("--limit", default=100, show_default=True)
@json_option
@pass_app
def queue_list(app: App, state: str | None, limit: int, as_json: bool) -> None:
    """List received messages, newest first."""
    from wall_store import queue
    from wall_store.models import MessageStatus
    from wall_store.views import raw_message_row

    with app.transaction() as session:
        rows = queue.list_raw(session, status=MessageStatus(state) if state else None,
                              limit=limit)
        data = [raw_message_row(session, r) for r in rows]
    emit(data, as_json, lambda d: table(
        d, ["id", "state", "reason", "source", "from", "community", "subject", "received_at"],
        "no messages" + (f" in state {state}" if state else "")))


@queue_group.command("show")
@click.argument("raw_id", metavar="ID", type=int)
@json_option
@pass_app
def queue_show(app: App, raw_id: int, as_json: bool) -> None:
    """Headers, state, reason, and what a message became."""
    from wall_store import queue
    from wall_store.views import raw_message_detail

    with app.transaction() as session:
        data = raw_message_detail(session, queue.get_raw(session, raw_id))

    def human(d: dict[str, Any]) -> None:
        for key in ("id", "state", "reason", "sentence", "source", "from", "envelope_to",
                    "community", "subject", "message_id", "peer_ip",
                    "authentication_results", "received_at", "processed_at",
                    "attempts", "last_error", "decision", "decided_by", "decided_via",
                    "decided_at", "outcome"):
            value = d.get(key)
            if value not in (None, "", [], {}):
                click.echo(f"{key + ':':<14} {value}")
        click.echo("headers:")
        for name, value in d["headers"]:
            click.echo(f"  {name}: {value}")

    emit(data, as_json, human)


@queue_group.command("retry")
@click.argument("raw_id", metavar="ID", type=int, required=False)
@click.option("--failed", "all_failed", is_flag=True, help="Retry every failed or quarantined.")
@json_option
@pass_app
def queue_retry(app: App, raw_id: int | None, all_failed: bool, as_json: bool) -> None:
    """Put a failed or quarantined message (or all, with --failed) back in line."""
    from wall_store import queue

    if (raw_id is None) == (not all_failed):
        fail("give a message ID or --failed")
    with app.transaction() as session:
        count = queue.requeue_failed(session) if all_failed else (
            queue.requeue(session, raw_id or 0) and 1)
    emit({"requeued": count}, as_json, lambda d: click.echo(
        f"{count} message(s) back in the queue; `mailwall serve` processes them"))


def _decide_held(app: App, raw_id: int, decision_name: str, by_address: str | None,
                 as_json: bool) -> None:
    """`queue release` and `queue reject`: the same path as the web and mail decisions."""
    import getpass

    from gateway.pipeline import take_decision
    from wall_store.errors import NotFound
    from wall_store.models import Decision, DecisionChannel
    from wall_store.people import find_person

    by, by_person_id = f"{getpass.getuser()} (CLI)", None
    if by_address:
        with app.transaction() as session:
            person = find_person(session, by_address)
            if person is None:
                raise NotFound(f"nobody is known by the address {by_address!r}")
            by, by_person_id = person.primary_address, person.id
    result = take_decision(_pipeline(app), raw_id, Decision(decision_name),
                           via=DecisionChannel.CLI, by=by, by_person_id=by_person_id)
    if result is None:
        data = {"id": raw_id, "decision": decision_name, "by": by, "reason": None}
        emit(data, as_json, lambda d: click.echo(
            f"message {raw_id}: decision recorded; a running `mailwall serve` finishes it"))
        return
    data = {"id": raw_id, "decision": decision_name, "by": by, "reason": result.reason.code,
            **result.outcome}
    emit(data, as_json, lambda d: click.echo(f"message {raw_id}: {result.reason.sentence()}"))


by_option = click.option(
    "--by", "by_address", default=None, metavar="EMAIL",
    help="Record the decision as this person's (default: your login, as operator).")


@queue_group.command("release")
@click.argument("raw_id", metavar="ID", type=int)
@by_option
@json_option
@pass_app
def queue_release(app: App, raw_id: int, by_address: str | None, as_json: bool) -> None:
    """Approve a held message: it is posted."""
    _decide_held(app, raw_id, "approve", by_address, as_json)


@queue_group.command("reject")
@click.argument("raw_id", metavar="ID", type=int)
@by_option
@json_option
@pass_app
def queue_reject(app: App, raw_id: int, by_address: str | None, as_json: bool) -> None:
    """Decline a held message; the sender gets a notice."""
    _decide_held(app, raw_id, "reject", by_address, as_json)


@main.command("wall")
@click.argument("slug")
@click.option("--limit", default=50, show_default=True, help="Most recent threads.")
@json_option
@pass_app
def wall_command(app: App, slug: str, limit: int, as_json: bool) -> None:
    """A community's threads and posts, for ops and scripts."""
    from wall_store.wall import wall_view

    with app.transaction() as session:
        data = wall_view(session, slug, limit=limit)

    def human(d: dict[str, Any]) -> None:
        if not d["threads"]:
            click.echo(f"the wall of {slug} is empty")
        for thread in d["threads"]:
            channel = f" [{thread['channel']}]" if thread["channel"] else ""
            click.echo(f"#{thread['id']}{channel} {thread['subject']}")
            for post in thread["posts"]:
                extra = f"  ♥ {post['likes']}" if post["likes"] else ""
                click.echo(f"  {post['created_at'][:16]}  {post['author_name'] or post['author']}"
                           f" ({post['source']}){extra}")
                for line in post["text"].splitlines()[:6]:
                    click.echo(f"      {line}")
            click.echo()

    emit(data, as_json, human)


@main.group("outbox")
def outbox_group() -> None:
    """Mail Mailwall sends (notices, notifications, digests)."""


OUTBOX_STATES = ("queued", "sending", "sent", "failed", "undeliverable", "suppressed", "dropped")


@outbox_group.command("list")
@click.option("--state", default=None, callback=_choice_callback(OUTBOX_STATES),
              help="Only mail in this state.")
@click.option("--limit", default=100, show_default=True)
@json_option
@pass_app
def outbox_list(app: App, state: str | None, limit: int, as_json: bool) -> None:
    """Outgoing mail, newest first."""
    from wall_store import outbox
    from wall_store.models import OutboxStatus

    with app.transaction() as session:
        rows = outbox.list_outbox(session, status=OutboxStatus(state) if state else None,
                                  limit=limit)
        data = [{"id": r.id, "kind": r.kind, "to": r.recipient, "subject": r.subject,
                 "status": r.status.value, "attempts": r.attempts, "code": r.last_code,
                 "created_at": r.created_at.isoformat(timespec="seconds"),
                 "last_error": r.last_error} for r in rows]
    emit(data, as_json, lambda d: table(
        d, ["id", "kind", "to", "subject", "status", "attempts", "code", "created_at"],
        "no outgoing mail" + (f" in state {state}" if state else "")))


@outbox_group.command("retry")
@click.argument("outbox_id", metavar="ID", type=int, required=False)
@click.option("--failed", "all_failed", is_flag=True,
              help="Retry every failed or undeliverable mail.")
@json_option
@pass_app
def outbox_retry(app: App, outbox_id: int | None, all_failed: bool, as_json: bool) -> None:
    """Put a mail that was not sent (or all failed ones, with --failed) back in line."""
    from wall_store import outbox

    if (outbox_id is None) == (not all_failed):
        fail("give an outgoing mail ID or --failed")
    with app.transaction() as session:
        count = outbox.requeue_failed(session) if all_failed else (
            outbox.requeue(session, outbox_id or 0) and 1)
    emit({"requeued": count}, as_json, lambda d: click.echo(
        f"{count} mail(s) back in the outbox; `mailwall serve` sends them"))


@outbox_group.command("drop")
@click.argument("outbox_id", metavar="ID", type=int)
@json_option
@pass_app
def outbox_drop(app: App, outbox_id: int, as_json: bool) -> None:
    """Take a mail out of the outbox for good (it stays listed, `dropped`)."""
    from wall_store import outbox

    with app.transaction() as session:
        row = outbox.drop(session, outbox_id)
        data = {"id": row.id, "to": row.recipient, "status": row.status.value}
    emit(data, as_json, lambda d: click.echo(f"outgoing mail {d['id']} to {d['to']} dropped"))


class DocsGroup(Group):
    """`mailwall docs SLUG` lists; `mailwall docs get SLUG NAME` fetches."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@main.group("docs", cls=DocsGroup)
def docs_group() -> None:
    """A community's documents: `mailwall docs SLUG`, `mailwall docs get SLUG NAME -o FILE`."""


@docs_group.command("list")
@click.argument("slug")
@json_option
@pass_app
def docs_list(app: App, slug: str, as_json: bool) -> None:
    """Documents and their versions."""
    from wall_store import documents

    with app.transaction() as session:
        data = documents.library(session, slug)

    def human(d: list[dict[str, Any]]) -> None:
        if not d:
            click.echo(f"{slug} has no documents yet")
        for doc in d:
            latest = doc["versions"][-1]
            click.echo(f"{doc['name']}  (v{latest['number']}, {latest['size']} bytes, "
                       f"{latest['by'] or '?'}, {latest['at']})")
            for v in doc["versions"][:-1]:
                click.echo(f"    v{v['number']}  {v['size']} bytes  {v['by'] or '?'}  {v['at']}")

    emit(data, as_json, human)


@docs_group.command("get")
@click.argument("slug")
@click.argument("name")
@click.option("--version", "version", type=int, default=None, help="Default: the latest.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="File to write ('-' for standard output).")
@pass_app
def docs_get(app: App, slug: str, name: str, version: int | None, output: str) -> None:
    """Write one version of a document to a file."""
    from wall_store import documents

    with app.transaction() as session:
        row, data = documents.fetch(session, slug, name, version)
        number = row.number
    if output == "-":
        click.get_binary_stream("stdout").write(data)
    else:
        Path(output).write_bytes(data)
        click.echo(f"wrote {name} v{number} ({len(data)} bytes) to {output}", err=True)


# --- archive import ----------------------------------------------------------------


@main.group("import")
def import_group() -> None:
    """Bring an archive (mbox, maildir, IMAP folder) into a community; reruns resume."""


def _import_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed((
        click.option("--community", "slug", required=True, help="The community to fill."),
        click.option("--channel", "channel_name", default=None, help="Land in this channel."),
        # Small batches make an interruption test quick; ops keep the default.
        click.option("--batch-size", default=200, hidden=True, type=click.IntRange(1)),
        json_option,
    )):
        command = option(command)
    return command


def _run_import(app: App, kind: str, path: str, slug: str, channel_name: str | None,
                batch_size: int, as_json: bool) -> None:
    from gateway.importer import check_target, import_archive, import_pipeline, open_archive

    archive = open_archive(kind, path)
    check_target(app.sessions, slug, channel_name)
    pipeline = import_pipeline(app.config)
    # click draws the bar only on a terminal; elsewhere it prints the label once.
    with click.progressbar(length=archive.total, label=f"importing {archive.path.name}",
                           file=sys.stderr) as bar:
        summary = import_archive(pipeline, archive, community=slug, channel=channel_name,
                                 batch_size=batch_size, progress=bar.update)
    data = summary.as_dict()

    def human(d: dict[str, Any]) -> None:
        where = slug + (f" (channel {channel_name})" if channel_name else "")
        click.echo(f"imported {d['imported']} message(s) into {where} from {d['source']}")
        if d["resumed_at"]:
            click.echo(f"  resumed where the previous run stopped ({kind} position "
                       f"{d['resumed_at']})")
        if d["liked"]:
            click.echo(f"  likes: {d['liked']}")
        click.echo(f"  already there: {d['already_there']}")
        from wall_store.reasons import Reason

        for code, count in d["not_posted"].items():
            click.echo(f"  {code}: {count} ({Reason.from_code(code).sentence()})")

    emit(data, as_json, human)


@import_group.command("mbox")
@click.argument("path", metavar="FILE")
@_import_options
@pass_app
def import_mbox(app: App, path: str, slug: str, channel_name: str | None, batch_size: int,
                as_json: bool) -> None:
    """Import an mbox file (pipermail archives included)."""
    _run_import(app, "mbox", path, slug, channel_name, batch_size, as_json)


@import_group.command("maildir")
@click.argument("path", metavar="DIR")
@_import_options
@pass_app
def import_maildir(app: App, path: str, slug: str, channel_name: str | None, batch_size: int,
                   as_json: bool) -> None:
    """Import a maildir folder (its cur/ and new/ messages)."""
    _run_import(app, "maildir", path, slug, channel_name, batch_size, as_json)


@import_group.command("imap")
@click.argument("url", metavar="URL")
@click.option("--password-env", default=None, help="Variable that holds the IMAP password.")
@click.option("--password-file", default=None, help="File that holds the IMAP password.")
@click.option("--folder", default=None, help="The folder to import (default: the URL's).")
@_import_options
@pass_app
def import_imap_command(app: App, url: str, password_env: str | None, password_file: str | None,
                        folder: str | None, slug: str, channel_name: str | None, batch_size: int,
                        as_json: bool) -> None:
    """Import an IMAP folder (imaps://user@host/Folder), read-only; reruns resume."""
    from gateway.imap import MailboxError, import_imap
    from gateway.importer import import_pipeline

    try:
        summary = import_imap(import_pipeline(app.config), url, community=slug,
                              password_env=password_env, password_file=password_file,
                              folder=folder, channel=channel_name)
    except MailboxError as exc:
        fail(str(exc))
    data = summary.as_dict()

    def human(d: dict[str, Any]) -> None:
        where = slug + (f" (channel {channel_name})" if channel_name else "")
        click.echo(f"imported {d['imported']} message(s) into {where} from {d['source']}")
        if d["resumed_at"]:
            click.echo(f"  resumed after UID {d['resumed_at']} (where the previous run stopped)")
        click.echo(f"  already there: {d['already_there']}")
        from wall_store.reasons import Reason

        for code, count in d["not_posted"].items():
            click.echo(f"  {code}: {count} ({Reason.from_code(code).sentence()})")

    emit(data, as_json, human)


# --- demo --------------------------------------------------------------------------


@main.command()
@json_option
@pass_app
def demo(app: App, as_json: bool) -> None:
    """Create a demo community with members and a few threads (harmless to rerun)."""
    from gateway.demo import MEMBERS as DEMO_MEMBERS
    from gateway.demo import load_demo

    with app.transaction() as session:
        data = load_demo(session, domain=app.config.smtp.domain)

    def human(d: dict[str, Any]) -> None:
        if not d["created"]:
            click.echo(f"the demo community {d['community']} is already there; nothing changed.")
            click.echo("a sign-in link for a demo person: `mailwall login-link "
                       "elodie.martin@example.com`")
            return
        click.echo(f"demo community {d['community']} ready: {d['members']} members, "
                   f"{d['threads']} threads, {d['posts']} posts")
        click.echo(f"send mail to {d['address']}; see it with `mailwall community show "
                   f"{d['community']}`")
        _echo_sign_in_links(d["sign_in"])

    # Only on creation: a rerun must add nothing (`mailwall login-link EMAIL` gives more).
    data["sign_in"] = {}
    if data["created"]:
        with app.transaction() as session:
            data["sign_in"] = _sign_in_links(app, session, [m[0] for m in DEMO_MEMBERS])
    emit(data, as_json, human)


def _sign_in_links(app: App, session: Session, addresses: list[str]) -> dict[str, str]:
    """Ready sign-in links (24 hours, single use) for people who have no mail set up yet."""
    from datetime import timedelta

    from wall_store import signin
    from web.routes.signin import sign_in_link

    links = {}
    for address in addresses:
        person = people.find_person(session, address)
        if person is not None:
            token = signin.issue_token(session, person, ttl=timedelta(hours=24))
            links[address] = sign_in_link(app.config, token)
    return links


def _echo_sign_in_links(links: dict[str, str]) -> None:
    click.echo("sign in to the wall (each link works once, for 24 hours):")
    for address, link in links.items():
        click.echo(f"  {address}: {link}")


@main.command("login-link")
@click.argument("email")
@json_option
@pass_app
def login_link(app: App, email: str, as_json: bool) -> None:
    """Print a sign-in link for EMAIL (single use, 24 hours), without sending mail."""
    with app.transaction() as session:
        links = _sign_in_links(app, session, [email])
    if not links:
        fail(f"nobody is known at {email} (add them with `mailwall member add`)")
    emit({"email": email, "link": links[email]}, as_json,
         lambda d: click.echo(d["link"]))


# --- outgoing mail, digests, people, adoption (digests/) -----------------------------


def _mail_settings(app: App):  # type: ignore[no-untyped-def]
    from digests.settings import MailSettings

    return MailSettings.from_config(app.config)


@outbox_group.command("show")
@click.argument("outbox_id", metavar="ID", type=int)
@click.option("--html", "show_html", is_flag=True, help="Print the HTML part instead of text.")
@json_option
@pass_app
def outbox_show(app: App, outbox_id: int, show_html: bool, as_json: bool) -> None:
    """One outgoing mail: state, headers and body."""
    import email
    import email.policy

    from wall_store.blobs import get_blob
    from wall_store.errors import NotFound
    from wall_store.models import OutboxMessage
    from wall_store.tokens import bounce_address

    with app.transaction() as session:
        row = session.get(OutboxMessage, outbox_id)
        if row is None:
            raise NotFound(f"there is no outgoing mail {outbox_id} (see `mailwall outbox list`)")
        raw = get_blob(session, row.blob_sha256) or b""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(("html",) if show_html else ("plain",))  # type: ignore[attr-defined]
        data = {"id": row.id, "kind": row.kind, "to": row.recipient, "status": row.status.value,
                "return_path": bounce_address(app.config.secret(), app.config.smtp.domain.lower(),
                                              row.id) if row.envelope_from else "<>",
                "attempts": row.attempts, "code": row.last_code,
                "created_at": row.created_at.isoformat(),
                "sent_at": row.sent_at.isoformat() if row.sent_at else None,
                "last_error": row.last_error,
                "headers": [(k, str(v)) for k, v in message.items()],
                "body": body.get_content() if body is not None else ""}

    def human(d: dict[str, Any]) -> None:
        for key in ("id", "kind", "to", "status", "return_path", "attempts", "code",
                    "created_at", "sent_at", "last_error"):
            if d[key] not in (None, ""):
                click.echo(f"{key + ':':<12} {d[key]}")
        click.echo("headers:")
        for name, value in d["headers"]:
            click.echo(f"  {name}: {value}")
        click.echo()
        click.echo(d["body"].replace("\r\n", "\n"))

    emit(data, as_json, human)


@main.group("digest")
def digest_group() -> None:
    """Digests: preview one person's, send what is due."""


@digest_group.command("preview")
@click.argument("email_address", metavar="EMAIL")
@click.option("--html", "show_html", is_flag=True, help="Print the HTML part instead of text.")
@json_option
@pass_app
def digest_preview(app: App, email_address: str, show_html: bool, as_json: bool) -> None:
    """What this person would get now (nothing is sent or recorded)."""
    from digests.run import preview
    from wall_store.errors import NotFound

    prepared = preview(app.sessions, _mail_settings(app), email_address)
    if prepared is None:
        raise NotFound(f"{email_address} is not a member of any community")
    message = prepared.message
    body = ""
    if message is not None:
        part = message.email().get_body(("html",) if show_html else ("plain",))
        body = str(part.get_content()).replace("\r\n", "\n") if part is not None else ""
    data = {"email": prepared.person.address, "period": prepared.period,
            "stage": prepared.person.stage.value, "items": prepared.selection.items,
            "would_send": message is not None,
            "subject": str(message["Subject"]) if message is not None else None, "body": body}

    def human(d: dict[str, Any]) -> None:
        if not d["would_send"]:
            click.echo(f"nothing worth sending to {d['email']} now ({d['stage']}); "
                       "no digest would go out")
            return
        click.echo(f"Subject: {d['subject']}\n")
        click.echo(d["body"])

    emit(data, as_json, human)


@digest_group.command("run")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send and record nothing.")
@json_option
@pass_app
def digest_run(app: App, dry_run: bool, as_json: bool) -> None:
    """Send every due digest once (a rerun sends nothing twice)."""
    from digests.service import run_digests_alone

    report = run_digests_alone(app.sessions, _mail_settings(app), dry_run=dry_run)
    if report is None:
        fail("another Mailwall (`serve` or `digest run`) is sending digests right now; "
             "run this again in a minute")
    data = report.as_dict()

    def human(d: dict[str, Any]) -> None:
        verb = "would queue" if dry_run else "queued"
        click.echo(f"{verb} {d['sent']} digest(s); {d['nothing_to_send']} with nothing worth "
                   f"sending; {d['already_sent']} already sent this period; "
                   f"{d['considered']} people considered")
        for entry in d["digests"]:
            if entry["sent"]:
                click.echo(f"  {entry['email']}  {entry['period']}  {entry['items']} item(s)  "
                           f"{entry['subject']}")

    emit(data, as_json, human)


@main.group("user")
def user_group() -> None:
    """A person's mail preferences."""


@user_group.command("set")
@click.argument("email_address", metavar="EMAIL")
@click.option("--digest", default=None, callback=_choice_callback(("daily", "weekly", "never")),
              help="daily, weekly or never.")
@click.option("--notifications", default=None, callback=_choice_callback(("on", "off")),
              help="on or off.")
@click.option("--locale", default=None, callback=_choice_callback(("fr", "en")),
              help="fr or en.")
@click.option("--name", default=None, help="Display name.")
@click.option("--timezone", default=None, help="e.g. Europe/Paris.")
@json_option
@pass_app
def user_set(app: App, email_address: str, digest: str | None, notifications: str | None,
             locale: str | None, name: str | None, timezone: str | None, as_json: bool) -> None:
    """Change a person's digest frequency, notifications, language or name."""
    from wall_store import preferences

    changes = preferences.Changes(
        digest=digest, notifications=None if notifications is None else notifications == "on",
        locale=locale, name=name, timezone=timezone)
    if changes == preferences.Changes():
        fail("nothing to change: give --digest, --notifications, --locale, --name or --timezone")
    with app.transaction() as session:
        person = preferences.set_preferences(session, email_address, changes)
        data = preferences.preferences_view(person, app.config.digests.default_frequency)

    def human(d: dict[str, Any]) -> None:
        click.echo(f"{d['email']}: digest {d['digest']}, notifications {d['notifications']}, "
                   f"locale {d['locale']}, name {d['name'] or '-'}")

    emit(data, as_json, human)


@user_group.command("show")
@click.argument("email_address", metavar="EMAIL")
@json_option
@pass_app
def user_show(app: App, email_address: str, as_json: bool) -> None:
    """A person's preferences, adoption stage and bounces."""
    from wall_store import bounces, preferences
    from wall_store.errors import NotFound

    with app.transaction() as session:
        person = people.find_person(session, email_address)
        if person is None:
            raise NotFound(f"nobody is known by the address {email_address!r}")
        data = {**preferences.preferences_view(person, app.config.digests.default_frequency),
                **bounces.bounce_view(bounces.state_of(session, person.primary_address))}
    emit(data, as_json, lambda d: [click.echo(f"{k + ':':<17} {v}") for k, v in d.items()
                                   if v is not None])


@user_group.command("unsuppress")
@click.argument("email_address", metavar="EMAIL")
@json_option
@pass_app
def user_unsuppress(app: App, email_address: str, as_json: bool) -> None:
    """Mail an address again after its bounces stopped it (its score starts from zero)."""
    from wall_store import bounces

    with app.transaction() as session:
        person = people.find_person(session, email_address)
        address = person.primary_address if person else email_address
        data = {"email": address, **bounces.bounce_view(bounces.unsuppress(session, address))}
    emit(data, as_json, lambda d: click.echo(f"{d['email']} gets mail again"))


@main.command("stats")
@click.argument("slug", required=False)
@click.option("--weeks", default=12, show_default=True, type=click.IntRange(1, 520))
@click.option("--chart", "chart_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also draw a chart to FILE.png or FILE.svg.")
@json_option
@pass_app
def stats_command(app: App, slug: str | None, weeks: int, chart_path: Path | None,
                  as_json: bool) -> None:
    """Adoption per week: posts by source, people per stage, digests sent and followed."""
    from digests import stats
    from wall_store.base import utcnow

    if chart_path is not None and chart_path.suffix.lower() not in (".png", ".svg"):
        fail(f"the chart file must end in .png or .svg, not {chart_path.name!r}")
    with app.transaction() as session:
        rows = stats.weekly(session, slug, now=utcnow(), weeks=weeks)
    if chart_path is not None:
        stats.chart(rows, chart_path, f"Mailwall adoption — {slug or 'all communities'}")
    data = {"community": slug, "weeks": [w.as_dict() for w in rows],
            "chart": str(chart_path) if chart_path else None}

    def human(d: dict[str, Any]) -> None:
        table([{"week": w["week"], **{f"posts {k}": v for k, v in w["posts"].items()},
                **w["stages"], "digests sent": w["digests_sent"],
                "followed": w["digests_followed"]} for w in d["weeks"]],
              ["week", "posts email", "posts web", "posts import", "email-only", "hybrid",
               "wall", "digests sent", "followed"], "no activity yet")
        if d["chart"]:
            click.echo(f"chart written to {d['chart']}")

    emit(data, as_json, human)


if __name__ == "__main__":
    main()
