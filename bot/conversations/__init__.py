"""Stored conversations: the masking SQL tracker store, identifier masking, retention,
and what trainers read from real conversations (bot review, bot stats).

May import: nlu, directory, rights, knowledge and the top-level helpers.
"""
