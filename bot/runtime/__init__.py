"""Running the assistant: the three servers (action, Rasa, web) started and stopped
together, `make run`'s start-up, the web server of the chat, and the terminal shell; and
what runs it under test and measure: closed-loop users over the REST channel (`load`),
throw-away PostgreSQL databases and servers, hostile messages at the door's limit.

May import: every package below it (checks, conversations, nlu, directory, rights, knowledge).
"""
