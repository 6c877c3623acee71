"""awaited parents: replies applied before their parent, re-threaded when it lands

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 06:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('awaited_parents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(length=998), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                            name=op.f('fk_awaited_parents_community_id_communities'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'],
                            name=op.f('fk_awaited_parents_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awaited_parents')),
    sa.UniqueConstraint('post_id', 'message_id',
                        name=op.f('uq_awaited_parents_post_id_message_id'))
    )
    with op.batch_alter_table('awaited_parents', schema=None) as batch_op:
        batch_op.create_index('ix_awaited_parents_community_id_message_id',
                              ['community_id', 'message_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('awaited_parents', schema=None) as batch_op:
        batch_op.drop_index('ix_awaited_parents_community_id_message_id')
    op.drop_table('awaited_parents')
