"""Headless tests of the Textual app."""
