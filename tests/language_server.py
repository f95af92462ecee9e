"""A small Language Server Protocol client: what VS Code's YAML extension shows, without VS Code.

It runs the real `yaml-language-server --stdio` (npm, pinned in package.json), speaks
JSON-RPC 2.0 over its standard input and output (each message after a
`Content-Length` header), opens documents and collects the diagnostics the
server publishes for them, and asks it for hovers.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import time
from pathlib import Path
from typing import Any

from support import REPO

SERVER = REPO / "node_modules" / ".bin" / "yaml-language-server"
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}
"""The extension's defaults that matter here; the schema store is off: no request leaves the machine."""


class LanguageServer:
    """One server process for a workspace folder; use as a context manager."""

    def __init__(self, root: Path, timeout: float = 30.0, settings: dict[str, Any] | None = None) -> None:
        """`settings`: the `yaml.*` settings to add to SETTINGS, as .vscode/settings.json would give them."""
        self.root, self.timeout = root, timeout
        self.settings = {
            "yaml": SETTINGS["yaml"] | {key.removeprefix("yaml."): value for key, value in (settings or {}).items()}
        }
        self.process = subprocess.Popen(
            [str(SERVER), "--stdio"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        self.buffer = b""
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}

    def __enter__(self) -> LanguageServer:
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": self.root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "publishDiagnostics": {},
                        "hover": {"contentFormat": ["markdown"]},
                        "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown"]}},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (OSError, TimeoutError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            self.selector.close()

    # -- what a test asks -------------------------------------------------------------------------------------

    def check(self, *paths: Path) -> dict[Path, list[dict[str, Any]]]:
        """Open each file as the editor does and return the diagnostics the server publishes for it."""
        for path in paths:
            self.notify(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": path.as_uri(),
                        "languageId": "yaml",
                        "version": 1,
                        "text": path.read_text(encoding="utf-8"),
                    }
                },
            )
        self._until(lambda: all(path.as_uri() in self.diagnostics for path in paths))
        return {path: self.diagnostics[path.as_uri()] for path in paths}

    def hover(self, path: Path, line: int, character: int) -> str:
        """The hover text at a 0-based position of an open file ("" when there is none)."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}},
        )
        contents = (result or {}).get("contents", "")
        return contents.get("value", "") if isinstance(contents, dict) else str(contents)

    def complete(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        """The completion items offered at a 0-based position of an open file."""
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}},
        )
        return (result or {}).get("items", []) if isinstance(result, dict) else list(result or [])

    def change(self, path: Path, text: str, version: int) -> list[dict[str, Any]]:
        """Replace an open file's text, as typing does, and return the diagnostics the server publishes for it."""
        self.diagnostics.pop(path.as_uri(), None)
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": path.as_uri(), "version": version}, "contentChanges": [{"text": text}]},
        )
        self._until(lambda: path.as_uri() in self.diagnostics)
        return self.diagnostics[path.as_uri()]

    # -- JSON-RPC ---------------------------------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        answer: dict[str, Any] = {}
        self._until(lambda: bool(answer), answer=(number, answer))
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _until(self, done: Any, answer: tuple[int, dict[str, Any]] | None = None) -> None:
        """Handle the server's messages until `done()`; fail after the timeout."""
        deadline = time.monotonic() + self.timeout
        while not done():
            message = self._receive(deadline)
            if "method" in message and "id" in message:  # the server asks: settings, or what it may register
                result = (
                    [self.settings["yaml"]] * len(message["params"]["items"])
                    if message["method"] == "workspace/configuration"
                    else None
                )
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif answer is not None and message.get("id") == answer[0]:
                answer[1].update(message, result=message.get("result"))

    def _receive(self, deadline: float) -> dict[str, Any]:
        while True:
            header, separator, rest = self.buffer.partition(b"\r\n\r\n")
            if separator:
                length = int(
                    next(
                        line.split(b":")[1]
                        for line in header.split(b"\r\n")
                        if line.lower().startswith(b"content-length")
                    )
                )
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return json.loads(rest[:length])
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.selector.select(remaining):
                raise TimeoutError("yaml-language-server did not answer in time")
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError("yaml-language-server ended")
            self.buffer += chunk
