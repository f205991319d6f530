"""SQLAlchemy storage: ORM records, engine set-up and schema migration."""
