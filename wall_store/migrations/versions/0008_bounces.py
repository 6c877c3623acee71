"""bounces: per-address bounce score and suppression, bounce events

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 06:00:01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import wall_store.base

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'address_bounces',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('hard', sa.Integer(), nullable=False),
        sa.Column('soft', sa.Integer(), nullable=False),
        sa.Column('last_bounce_at', wall_store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('last_status', sa.String(length=16), nullable=True),
        sa.Column('last_diagnostic', sa.Text(), nullable=True),
        sa.Column('suppressed_at', wall_store.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_address_bounces')),
        sa.UniqueConstraint('address', name=op.f('uq_address_bounces_address')),
    )
    op.create_table(
        'bounce_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=False),
        sa.Column('kind', sa.Enum('hard', 'soft', name='bouncekind', native_enum=False,
                                  create_constraint=False, length=32), nullable=False),
        sa.Column('counted', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=True),
        sa.Column('diagnostic', sa.Text(), nullable=True),
        sa.Column('outbox_id', sa.Integer(), nullable=True),
        sa.Column('raw_message_id', sa.Integer(), nullable=True),
        sa.Column('at', wall_store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'],
                                name=op.f('fk_bounce_events_outbox_id_outbox'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['raw_message_id'], ['raw_messages.id'],
                                name=op.f('fk_bounce_events_raw_message_id_raw_messages'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bounce_events')),
    )
    with op.batch_alter_table('bounce_events', schema=None) as batch_op:
        batch_op.create_index('ix_bounce_events_address_at', ['address', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_bounce_events_raw_message_id'), ['raw_message_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bounce_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bounce_events_raw_message_id'))
        batch_op.drop_index('ix_bounce_events_address_at')
    op.drop_table('bounce_events')
    op.drop_table('address_bounces')
