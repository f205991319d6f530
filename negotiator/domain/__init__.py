"""Pure domain code: no SQLAlchemy, no Textual, no Rich."""
