"""The real contacts of data/knowledge/contacts.yml, rendered as French lines."""

from __future__ import annotations

from bot.knowledge.files import load


def contact(key: str) -> dict:
    """One contact of data/knowledge/contacts.yml (label, phone/url/address, source...)."""
    return load("contacts")["contacts"][key]


def contact_line(key: str) -> str:
    """One bullet line for a contact; unconfirmed ones say « à vérifier »."""
    contact = load("contacts")["contacts"][key]
    reach = ", ".join(contact[field] for field in ("phone", "url", "address") if contact.get(field))
    line = f"{contact['label']} : {reach}"
    if contact.get("detail"):
        line += f" — {contact['detail']}"
    if contact.get("status") != "confirmed":
        line += " – à vérifier"
    return f"• {line}"


def contacts_block(keys: list[str]) -> str:
    return "\n".join(contact_line(key) for key in keys)


HUMAN_CONTACTS = ["caf_phone", "caf_online", "hotel_de_ville"]


def human_contacts_text() -> str:
    """What request_human answers: real people to reach, with sources kept in the data."""
    return (
        "Je suis un assistant automatique. Pour parler à une personne :\n"
        f"{contacts_block(HUMAN_CONTACTS)}\n"
        "Préparez votre numéro allocataire si vous appelez la CAF, mais ne l'écrivez pas ici."
    )
