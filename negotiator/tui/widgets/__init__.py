"""Provides the widgets: the paragraph table, the bracket-aware editor, history, sources."""
