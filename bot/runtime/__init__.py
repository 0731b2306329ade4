"""Running the assistant: the three servers (action, Rasa, web) started and stopped
together, `make run`'s start-up, the web server of the chat, and the terminal shell.

May import: every package below it (checks, conversations, nlu, directory, rights, knowledge).
"""
