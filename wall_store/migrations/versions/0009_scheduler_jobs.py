"""scheduler jobs: when the digest scheduler first ran

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 06:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import wall_store.base

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('scheduler_jobs',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('first_run_at', wall_store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_jobs'))
    )
    # An install that already sent digests has had a scheduler since its first one: it
    # keeps catching up what it missed, instead of starting afresh at the upgrade.
    op.execute(
        "INSERT INTO scheduler_jobs (name, first_run_at) "
        "SELECT 'digests', min(created_at) FROM digests_sent HAVING count(*) > 0"
    )


def downgrade() -> None:
    op.drop_table('scheduler_jobs')
