"""spacewatch storage: the only package that imports SQLAlchemy. Plain types in and out."""
