"""When a trainee abandoned an attempt: it ends without a grade and counts for nothing.

Revision ID: d9f4b2a7c6e1
Revises: b3f8e2a6d4c1
"""

import sqlalchemy as sa
from alembic import op

revision = 'd9f4b2a7c6e1'
down_revision = 'b3f8e2a6d4c1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('abandoned_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('abandoned_at')
