"""Send a bot.replies.Reply through the Rasa dispatcher."""

from rasa_sdk.executor import CollectingDispatcher

from bot.replies import Reply


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=reply.buttons or None)
    if reply.custom:
        dispatcher.utter_message(json_message=reply.custom)
