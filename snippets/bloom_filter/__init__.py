"""Bloom filters for docs/blog/posts/cuckoo-filter.md: the plain one and the counting one."""
from snippets.bloom_filter.bloom import BloomFilter
from snippets.bloom_filter.counting import CountingBloomFilter

__all__ = ["BloomFilter", "CountingBloomFilter"]
