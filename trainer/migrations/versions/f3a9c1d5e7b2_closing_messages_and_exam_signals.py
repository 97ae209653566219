"""The customer's closing message an attempt ended with, and integrity signals of exam attempts.

Revision ID: f3a9c1d5e7b2
Revises: b7d3e5a9c2f4
"""

import sqlalchemy as sa
from alembic import op

revision = 'f3a9c1d5e7b2'
down_revision = 'b7d3e5a9c2f4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closing_step', sa.String(length=80), nullable=True))
    op.create_table('exam_signals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('paste', 'tab_hidden', 'focus_lost', name='signalkind', native_enum=False, length=16), nullable=False),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_exam_signals_attempt_id_attempts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam_signals'))
    )
    with op.batch_alter_table('exam_signals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exam_signals_attempt_id'), ['attempt_id'], unique=False)


def downgrade():
    with op.batch_alter_table('exam_signals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exam_signals_attempt_id'))
    op.drop_table('exam_signals')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('closing_step')
