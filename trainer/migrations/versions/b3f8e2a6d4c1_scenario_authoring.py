"""Scenario authoring: the author grant, retired scenarios, drafts and try-out runs.

Revision ID: b3f8e2a6d4c1
Revises: 1d2520fa29f8
"""

import sqlalchemy as sa
from alembic import op

revision = 'b3f8e2a6d4c1'
down_revision = '1d2520fa29f8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('can_author', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('scenarios', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
    op.create_table(
        'scenario_drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('scenario_id', sa.Integer(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_scenario_drafts_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['scenario_id'], ['scenarios.id'],
                                name=op.f('fk_scenario_drafts_scenario_id_scenarios'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_scenario_drafts_updated_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario_drafts')),
    )
    with op.batch_alter_table('scenario_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scenario_drafts_scenario_id'), ['scenario_id'],
                              unique=False)
    op.create_table(
        'draft_tryouts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('draft_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.Column('replies', sa.JSON(), nullable=False),
        sa.Column('current_step', sa.String(length=80), nullable=True),
        sa.Column('closing_step', sa.String(length=80), nullable=True),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['draft_id'], ['scenario_drafts.id'],
                                name=op.f('fk_draft_tryouts_draft_id_scenario_drafts'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_draft_tryouts_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_tryouts')),
        sa.UniqueConstraint('draft_id', 'user_id', name=op.f('uq_draft_tryouts_draft_id_user_id')),
    )


def downgrade():
    op.drop_table('draft_tryouts')
    with op.batch_alter_table('scenario_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scenario_drafts_scenario_id'))
    op.drop_table('scenario_drafts')
    with op.batch_alter_table('scenarios', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('can_author')
