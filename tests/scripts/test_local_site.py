"""The local server gzips what a static host would, so `make audit` loads pages as readers get them."""
import gzip
import urllib.request

from scripts.local_site import serve_directory


def get(url: str, accept_gzip: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_text_files_go_gzipped_to_a_browser_that_accepts_it(tmp_path):
    page = "<!doctype html><title>頁</title>" + "重複的內容 " * 500
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red }\n" * 100)
    with serve_directory(tmp_path, compress=True) as server:
        headers, body = get(server.url + "post/", accept_gzip=True)
        assert headers["Content-Encoding"] == "gzip"
        assert int(headers["Content-Length"]) == len(body) < len(page.encode())
        assert gzip.decompress(body).decode() == page
        headers, body = get(server.url + "style.css", accept_gzip=True)
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == (tmp_path / "style.css").read_bytes()
        headers, body = get(server.url + "post/", accept_gzip=False)
        assert "Content-Encoding" not in headers and body.decode() == page


def test_compressed_files_binary_files_and_redirects_go_as_they_are(tmp_path):
    shard = gzip.compress(b'{"a": 1}')
    (tmp_path / "shard.json.gz").write_bytes(shard)
    (tmp_path / "image.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "index.html").write_text("<p>x</p>")
    with serve_directory(tmp_path, compress=True) as server:
        headers, body = get(server.url + "shard.json.gz", accept_gzip=True)
        assert "Content-Encoding" not in headers and body == shard
        headers, body = get(server.url + "image.png", accept_gzip=True)
        assert "Content-Encoding" not in headers and body == b"\x89PNG not really"
        headers, body = get(server.url + "post", accept_gzip=True)  # followed redirect to post/
        assert gzip.decompress(body) == b"<p>x</p>"


def test_without_compress_nothing_is_gzipped(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "x" * 1000 + "</p>")
    with serve_directory(tmp_path) as server:
        headers, body = get(server.url, accept_gzip=True)
        assert "Content-Encoding" not in headers and len(body) == 1007
