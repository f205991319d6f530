"""Provides the app's screens and modal dialogs."""
