"""Login sessions expire on the server: each row has its end.

Revision ID: c5e1a7d3f9b2
Revises: a6c2e8f4b1d9
"""

import sqlalchemy as sa
from alembic import op

revision = 'c5e1a7d3f9b2'
down_revision = 'a6c2e8f4b1d9'
branch_labels = None
depends_on = None

# Sessions started before this revision get the longest lifetime (remember me: 14 days), so
# the ones older than that end now.
EXPIRY_OF_EXISTING = {
    'postgresql': "created_at + interval '14 days'",
    'sqlite': "datetime(created_at, '+14 days')",
}


def upgrade():
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
    expiry = EXPIRY_OF_EXISTING[op.get_bind().dialect.name]
    op.execute(f"UPDATE login_sessions SET expires_at = {expiry}")
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index(batch_op.f('ix_login_sessions_expires_at'), ['expires_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_expires_at'))
        batch_op.drop_column('expires_at')
