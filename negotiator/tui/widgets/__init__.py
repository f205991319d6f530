"""Provides the app's widgets: the paragraph table, the bracket-aware editor, history and sources."""
