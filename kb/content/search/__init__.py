"""Site search with Pagefind: Chinese in either script, regional words, any site size.

- `records`: what of each page is indexed, with Han text spaced into single characters;
- `pagefind_index`: the Pagefind index written from those records after every build;
- `script_folding`: OpenCC's Simplified-to-Taiwan data, sharded for the browser;
- `vocabulary`: term groups that mean the same thing, from a validated data file;
- `plugin`: the MkDocs plugin that runs them.
"""
