"""The rank standing is kept up to date per finished attempt: the attempts that decide it, a
revision for concurrent writes, and the indexes that find a trainee's latest attempts and their
attempts at a scenario without reading the whole history.

Existing standings get no deciding attempts: each is rebuilt from the whole history when the
trainee's next attempt ends, or at once by `flask --app trainer ranks evaluate`.

Revision ID: b3f7d2a9c4e6
Revises: d9f4b2a7c6e1
"""

import sqlalchemy as sa
from alembic import op

revision = 'b3f7d2a9c4e6'
down_revision = 'd9f4b2a7c6e1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rank_standings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deciding_attempts', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default=sa.text('1'),
                                      nullable=False))
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_user_finished', ['user_id', 'finished_at', 'id'],
                              unique=False)
        batch_op.create_index('ix_attempts_user_version', ['user_id', 'scenario_version_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_user_version')
        batch_op.drop_index('ix_attempts_user_finished')
    with op.batch_alter_table('rank_standings', schema=None) as batch_op:
        batch_op.drop_column('revision')
        batch_op.drop_column('deciding_attempts')
