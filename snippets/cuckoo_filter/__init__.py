"""The cuckoo filter of Fan et al. (CoNEXT 2014), for docs/blog/posts/cuckoo-filter.md."""
from snippets.cuckoo_filter.filter import CuckooFilter

__all__ = ["CuckooFilter"]
