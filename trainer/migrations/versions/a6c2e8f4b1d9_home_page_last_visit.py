"""When each user last saw their home page, so it can show what changed since.

Revision ID: a6c2e8f4b1d9
Revises: f3a9c1d5e7b2
"""

import sqlalchemy as sa
from alembic import op

revision = 'a6c2e8f4b1d9'
down_revision = 'f3a9c1d5e7b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_seen_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('home_seen_at')
