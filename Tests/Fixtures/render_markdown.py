"""Renders Markdown as GitHub would (CommonMark + tables, raw HTML allowed) with markdown-it-py, and
reports what a reviewer's browser would get: raw HTML tags outside code, mentions, the sticky marker."""
import json, re, sys
from markdown_it import MarkdownIt

source = open(sys.argv[1], encoding="utf-8").read()
md = MarkdownIt("commonmark", {"html": True}).enable("table")
tokens = md.parse(source)
html = md.render(source)
# Raw HTML that reached the page: html_block / html_inline tokens, anywhere in the tree.
raw = []
def walk(items):
    for token in items:
        if token.type in ("html_block", "html_inline"):
            raw.append(token.content.strip())
        if token.children:
            walk(token.children)
walk(tokens)
# Text outside code (what GitHub would scan for @mentions).
text = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", "", html, flags=re.S)
print(json.dumps({
    "raw_html": raw,
    "img_tags": len(re.findall(r"<img\b", html)),
    "mention": bool(re.search(r"(?<![\w\u200b])@org/team", text)),
    "marker_blocks": [t.content.strip() for t in tokens if t.type == "html_block" and "codescore-summary" in t.content],
    "code_blocks": sum(1 for t in tokens if t.type == "fence"),
    "length": len(source),
}))
