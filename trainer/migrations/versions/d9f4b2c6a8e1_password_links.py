"""One-time links to set a new password.

Revision ID: d9f4b2c6a8e1
Revises: c5e1a7d3f9b2
"""

import sqlalchemy as sa
from alembic import op

revision = 'd9f4b2c6a8e1'
down_revision = 'c5e1a7d3f9b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'password_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_password_links_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_password_links_token_hash')),
        sa.UniqueConstraint('user_id', name=op.f('uq_password_links_user_id')),
    )


def downgrade():
    op.drop_table('password_links')
