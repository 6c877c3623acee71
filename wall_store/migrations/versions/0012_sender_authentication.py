"""sender authentication: the connecting address of each delivery, and each community's
policy for mail that claims a member's address without passing authentication

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 07:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('raw_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('peer_ip', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('authentication_results', sa.Text(), nullable=True))
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'unauthenticated_policy',
            sa.Enum('accept', 'moderate', 'reject', name='nonmemberpolicy',
                    native_enum=False, create_constraint=False, length=32),
            server_default='moderate', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.drop_column('unauthenticated_policy')
    with op.batch_alter_table('raw_messages', schema=None) as batch_op:
        batch_op.drop_column('authentication_results')
        batch_op.drop_column('peer_ip')
