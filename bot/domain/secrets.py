"""Secrets at rest (door codes): Fernet encryption with a key derived from the secret key."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret_key: str) -> bytes:
    """A Fernet key (urlsafe base64 of 32 bytes) derived from CONCIERGE_SECRET_KEY with HKDF."""
    raw = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"concierge door codes v1"
    ).derive(secret_key.encode())
    return base64.urlsafe_b64encode(raw)


class SecretBox:
    """Seals and opens short secrets; only ciphertext is ever stored."""

    def __init__(self, secret_key: str) -> None:
        self._fernet = Fernet(_derive(secret_key))

    def seal(self, plain: str) -> str:
        """Encrypt (authenticated, with a fresh IV each time)."""
        return self._fernet.encrypt(plain.encode()).decode()

    def open(self, token: str) -> str | None:
        """Decrypt; None when the token was not sealed with this key or was tampered with."""
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            return None
