"""The project's data rules (`bot check`): problems with file, line and fix, the example,
coverage, fact and marker rules, the scaffolding of a new intent, the figures of the knowledge
entries cross-checked against the rules engine's parameters, and the facts-to-check report.

May import: conversations, nlu, directory, rights, knowledge and the top-level helpers.
"""
