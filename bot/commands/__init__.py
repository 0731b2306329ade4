"""The `bot` command line (cli.py) and one module per sub-command: thin wrappers that parse
arguments, call the packages below and print French messages.

May import: every other package (it is the top layer).
"""
