"""Text from users' files, made safe to print on a terminal line."""

from __future__ import annotations

# C0 controls that str.split() does not treat as white space, DEL and the C1
# controls: ESC (0x1b) and CSI (0x9b) start sequences that can retitle, recolour
# or clear the reader's terminal, so a hostile posting could. Shown as \xNN.
_CONTROLS = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
    if not chr(code).isspace()
}


def escape_controls(text: str) -> str:
    """``text`` with every control character but white space written as ``\\xNN``."""
    return text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """``text`` on one line: white space runs become one space, controls become ``\\xNN``.

    >>> one_line("Own the\\n roadmap\\x1b]0;hi\\x07")
    'Own the roadmap\\\\x1b]0;hi\\\\x07'
    """
    return escape_controls(" ".join(text.split()))
