"""Use cases over the storage; they return plain frozen dataclasses."""
