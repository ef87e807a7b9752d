"""guest sessions: proposed until booked

Revision ID: 5d1e0c7a9b21
Revises: 5e4c3b2a1f09

A guest session the planner suggests is 'proposed' until the coordinator asks the provider
('requested') or books it ('confirmed'). Until now the planner wrote 'requested' for its own
suggestions, so every 'requested' entry becomes 'proposed': nobody had asked the provider.
Create Date: 2026-12-07 23:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e0c7a9b21'
down_revision = '5e4c3b2a1f09'
branch_labels = None
depends_on = None

OLD = "booking IS NULL OR booking IN ('requested', 'confirmed')"
NEW = "booking IS NULL OR booking IN ('proposed', 'requested', 'confirmed')"


def upgrade():
    with op.batch_alter_table('plan_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_plan_entry_booking_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_plan_entry_booking_known'), NEW)
    op.execute(sa.text("UPDATE plan_entry SET booking = 'proposed' WHERE booking = 'requested'"))


def downgrade():
    op.execute(sa.text("UPDATE plan_entry SET booking = 'requested' WHERE booking = 'proposed'"))
    with op.batch_alter_table('plan_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_plan_entry_booking_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_plan_entry_booking_known'), OLD)
