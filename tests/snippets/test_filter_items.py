import pytest

from snippets.filter_items import item_bytes


def test_str_is_hashed_as_utf8_and_bytes_as_they_are():
    assert item_bytes("布穀鳥") == "布穀鳥".encode("utf-8")
    assert item_bytes(b"\x00\xff") == b"\x00\xff"


@pytest.mark.parametrize("item", [42, None, ["a"], bytearray(b"a")])
def test_other_types_are_refused(item):
    with pytest.raises(TypeError, match="filter items must be str or bytes"):
        item_bytes(item)
