"""Provides the Textual front end for drafters (imported only by the CLI's default command)."""
