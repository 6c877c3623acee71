"""outbox queue: claim with a lease, last reply code

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 06:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import wall_store.base

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', wall_store.base.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('last_code', sa.Integer(), nullable=True))
    # Mail that had used up its attempts was left `failed` for ever; it is now final.
    op.execute("UPDATE outbox SET status = 'undeliverable' "
               "WHERE status = 'failed' AND attempts >= 10")


def downgrade() -> None:
    op.execute("UPDATE outbox SET status = 'failed' "
               "WHERE status IN ('undeliverable', 'suppressed', 'dropped')")
    op.execute("UPDATE outbox SET status = 'queued' WHERE status = 'sending'")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('last_code')
        batch_op.drop_column('claimed_at')
