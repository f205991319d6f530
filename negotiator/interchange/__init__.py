"""Import/export formats (HTML, Markdown, Word, Akoma Ntoso): pure code, no Textual, no SQLAlchemy."""
