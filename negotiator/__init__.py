"""negotiator: keep an intergovernmental declaration as versioned paragraphs, round by round.

The package root imports nothing heavy (no Textual, no SQLAlchemy) so that
``negotiator --help`` and the headless commands stay fast.
"""

__version__ = "0.1.0"
