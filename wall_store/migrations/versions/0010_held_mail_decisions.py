"""held mail decisions as typed columns; who holds a claim

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 06:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import wall_store.base

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('raw_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('decision', sa.Enum('approve', 'reject', name='decision', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('decided_by', sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column('decided_via', sa.Enum('web', 'mail', 'cli', name='decisionchannel', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('decided_at', wall_store.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_raw_messages_decided_by_id_people'), 'people', ['decided_by_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('raw_messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_raw_messages_decided_by_id_people'), type_='foreignkey')
        batch_op.drop_column('decided_at')
        batch_op.drop_column('decided_via')
        batch_op.drop_column('decided_by')
        batch_op.drop_column('decided_by_id')
        batch_op.drop_column('decision')
        batch_op.drop_column('claimed_by')
