"""An answer as the plain text STEA's online form takes: what a coordinator pastes.

The online form's fields are plain text boxes, so Markdown's marks would show there as
they are. Emphasis keeps only its words, a link its text (and its address when that is
not the text), a heading its words on a line; paragraphs are separated by an empty line,
list items start a line each with a bullet or their number, a table row is a line
with its cells separated by tabs (so it pastes into a spreadsheet too), and a footnote
is its number in brackets, its text after the answer.
"""

from __future__ import annotations

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from raportti.project.provenance import strip_marks

BULLET = "•"
INDENT = "   "


def plain_text(markdown: str) -> str:
    """The text of ``markdown`` without Markdown syntax; no trailing newline."""
    return tokens_text(parse(strip_marks(markdown)))


def parse(markdown: str) -> list[Token]:
    """Tokens of ``markdown`` as the DOCX writer reads it; a lettered list (``a.``,
    ``b.``) is an ordered list with the attribute ``type="a"``, as in HTML."""
    from raportti.writers.mdsyntax import number_lettered_lists

    text, lettered = number_lettered_lists(markdown)
    tokens = parser().parse(text)
    for token in tokens:
        if token.type == "ordered_list_open" and token.map and token.map[0] in lettered:
            token.attrSet("type", "a")
    return tokens


def tokens_text(tokens: list[Token]) -> str:
    """The plain text of parsed Markdown (figure marks, if any, are kept)."""
    tree = SyntaxTreeNode(tokens)
    return "\n\n".join(b for b in _blocks(tree.children) if b).strip("\n")


_PARSER = None


def parser():
    """The Markdown parser the DOCX writer uses (the same reading of Markdown), made once."""
    global _PARSER
    if _PARSER is None:
        from raportti.writers.mdsyntax import markdown_parser

        _PARSER = markdown_parser()
    return _PARSER


def _blocks(nodes: list[SyntaxTreeNode]) -> list[str]:
    return [_block(node) for node in nodes]


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("paragraph", "heading"):
        return "".join(_inline(child) for child in node.children).strip()
    if kind in ("bullet_list", "ordered_list"):
        return _list(node)
    if kind == "table":
        return "\n".join(_row(row) for row in _rows(node))
    if kind in ("code_block", "fence"):
        return node.content.rstrip("\n")
    if kind == "hr":
        return ""
    if kind == "footnote":  # a footnote's text after its number, as the reference shows it
        text = "\n\n".join(b for b in _blocks(node.children) if b)
        return f"[{node.meta.get('id', 0) + 1}] {text}"
    if kind == "inline":
        return "".join(_inline(child) for child in node.children)
    # blockquote, footnotes and anything a parser plugin adds: the text of its blocks
    if node.children:
        return "\n\n".join(b for b in _blocks(node.children) if b)
    return node.content.strip()


def _list(node: SyntaxTreeNode) -> str:
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if ordered else 1
    letters = str(node.attrs.get("type", "")) == "a"
    delimiter = node.markup or "." if ordered else ""
    lines = []
    for i, item in enumerate(node.children):
        if ordered and letters:
            marker = chr(ord("a") + start - 1 + i) + delimiter
        elif ordered:
            marker = f"{start + i}{delimiter}"
        else:
            marker = BULLET
        parts = [b for b in _blocks(item.children) if b]
        body = "\n".join(parts) if _tight(item) else "\n\n".join(parts)
        body = "\n".join(INDENT + line if line and n else line for n, line in enumerate(body.split("\n")))
        lines.append(f"{marker} {body}" if body else marker)
    return "\n".join(lines)


def _tight(item: SyntaxTreeNode) -> bool:
    return all(child.type != "paragraph" or child.hidden for child in item.children)


def _rows(node: SyntaxTreeNode):
    for child in node.children:
        if child.type == "tr":
            yield child
        else:  # thead, tbody
            yield from _rows(child)


def _row(row: SyntaxTreeNode) -> str:
    return "\t".join("".join(_inline(c) for c in cell.children).strip() for cell in row.children)


def _inline(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("text", "code_inline"):
        return node.content
    if kind == "footnote_ref":
        return f"[{node.meta.get('id', 0) + 1}]"
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "image":
        return "".join(_inline(child) for child in node.children) or str(node.attrs.get("alt", ""))
    text = "".join(_inline(child) for child in node.children) if node.children else node.content
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        shown = href.removeprefix("mailto:")
        if href and shown != text:
            return f"{text} ({shown})"
    return text
