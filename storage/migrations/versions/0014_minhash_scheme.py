"""MinHash signatures in one named permutation scheme (storage.fingerprints.SCHEME): a database
whose signatures another scheme made (datasketch before 2.0 had only "legacy", and its 2.0
changed the default) is re-signed from the stored bodies, with its LSH bands, so copies crawled
from now on are linked to the articles stored before. A sample of the newest signatures tells;
a database already in the scheme is left as it is.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

from storage.signing import sign_stored_bodies, signed_otherwise

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if signed_otherwise(bind):
        sign_stored_bodies(bind)


def downgrade() -> None:
    """Nothing to undo: the signatures stay in the named scheme."""
