"""The project's data rules (`bot check`): problems with file, line and fix, the example,
coverage, fact and marker rules, and the scaffolding of a new intent.

May import: conversations, nlu, directory, rights, knowledge and the top-level helpers.
"""
