"""outbox: when the sender had handed the whole message over, all but DATA's final dot

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 11:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import wall_store.base

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handed_at', wall_store.base.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('handed_at')
