#!/usr/bin/env python3
"""Second implementation for the RSA paths: pyca/cryptography (OpenSSL-backed, but a different code path and API
than the openssl CLI). Reads one JSON request per line on stdin, writes one JSON answer per line on stdout.

Requests:
  {"op": "oaep-decrypt", "key": "<PEM path>", "hash": "SHA-1|SHA-256|SHA-384|SHA-512", "data": "<hex>"}
  {"op": "kwp-unwrap", "kek": "<hex>", "data": "<hex>"}
  {"op": "kwp-wrap", "kek": "<hex>", "data": "<hex>"}
Answers: {"ok": "<hex>"} or {"error": "<exception class>"}.
"""
import json
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.keywrap import aes_key_unwrap_with_padding, aes_key_wrap_with_padding

HASHES = {"SHA-1": hashes.SHA1, "SHA-256": hashes.SHA256, "SHA-384": hashes.SHA384, "SHA-512": hashes.SHA512}


def handle(req):
    data = bytes.fromhex(req["data"])
    if req["op"] == "oaep-decrypt":
        with open(req["key"], "rb") as f:
            key = serialization.load_pem_private_key(f.read(), password=None)
        h = HASHES[req["hash"]]
        return key.decrypt(data, padding.OAEP(mgf=padding.MGF1(algorithm=h()), algorithm=h(), label=None))
    if req["op"] == "kwp-unwrap":
        return aes_key_unwrap_with_padding(bytes.fromhex(req["kek"]), data)
    if req["op"] == "kwp-wrap":
        return aes_key_wrap_with_padding(bytes.fromhex(req["kek"]), data)
    raise ValueError("unknown op")


for line in sys.stdin:
    try:
        print(json.dumps({"ok": handle(json.loads(line)).hex()}))
    except Exception as e:  # the test asserts on the class name
        print(json.dumps({"error": type(e).__name__}))
