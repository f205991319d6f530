"""Importers of the source material (discussion guides, recommendation mappings, evidence).

Pure domain code: each importer turns the text of a document into ``SourceItem``s.
"""
