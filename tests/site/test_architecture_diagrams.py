"""The Mesos vs Kubernetes post draws both architecture diagrams from its ```dot fences."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from kb.content.graphviz_svg import SVG_NS
from tests.site.site_pages import page_html

pytestmark = pytest.mark.build

POST = "blog/mesos-vs-kubernetes/"
SVG = f"{{{SVG_NS}}}"
# Every label of the drawings that data/diagrams/*.yml described, line by line, and nothing else.
MESOS_TEXTS = Counter({
    "Framework：Spark": 1, "Framework：Marathon": 1, "ZooKeeper quorum": 1, "Mesos masters": 1,
    "Agent 2（舊稱 slave）": 1, "Spark executor": 1, "Agent 1（舊稱 slave）": 1, "Marathon executor": 1,
    "Spark": 1, "Marathon": 1, "scheduler": 2, "ZooKeeper": 3, "Master": 2, "standby": 2,
    "Leading master": 1, "含 allocator": 1, "mesos-agent": 2, "task": 3,
    "選出 leader": 1,
    "① 回報可用資源": 1, "② 資源提議（offer）": 1, "③ 要啟動的任務": 1, "④ 啟動 executor 與任務": 1,
})
KUBERNETES_TEXTS = Counter({
    "控制平面（control plane）": 1, "Node 1": 1, "Node 2": 1, "Pod": 4,
    "kubectl／使用者": 1, "etcd": 1, "叢集狀態": 1, "API server": 1, "kube-apiserver": 1,
    "Scheduler": 1, "kube-scheduler": 1, "Controller manager": 1, "各種控制器": 1,
    "kubelet": 2, "kube-proxy": 2, "Container runtime": 2, "例如 Docker": 2, "容器": 6,
    "REST API": 1, "讀寫叢集狀態": 1, "同步 Pod 狀態": 2, "啟動容器": 2,
    "watch": 4,  # scheduler, controller manager, and each node's kube-proxy
})


@pytest.fixture(scope="module")
def post_html(built_site) -> str:
    return page_html(built_site, POST)


@pytest.fixture(scope="module")
def diagrams(post_html) -> dict[str, ET.Element]:
    """The post's inline SVGs by their accessible names."""
    found = re.findall(r'<svg [^>]*class="kb-diagram".*?</svg>', post_html, re.DOTALL)
    svgs = [ET.fromstring(svg) for svg in found]
    return {svg.find(f"{SVG}title").text: svg for svg in svgs}


def texts(svg: ET.Element) -> Counter:
    return Counter(text.text for text in svg.iter(f"{SVG}text"))


def edge(svg: ET.Element, title: str) -> ET.Element:
    (found,) = [
        group for group in svg.iter(f"{SVG}g")
        if group.get("class") == "edge" and group.findtext(f"{SVG}title") == title
    ]
    return found


def test_both_diagrams_are_inline_svg_figures_with_captions(post_html, diagrams):
    assert list(diagrams) == ["Apache Mesos 的架構與兩層式排程", "Kubernetes 的架構：控制平面與節點"]
    for caption in diagrams:
        assert f"<figcaption>{caption}</figcaption>" in post_html
    assert "```dot" not in post_html and "digraph" not in post_html


def test_the_mesos_diagram_has_every_label_of_its_components_and_the_four_offer_steps(diagrams):
    assert texts(diagrams["Apache Mesos 的架構與兩層式排程"]) == MESOS_TEXTS


def test_the_kubernetes_diagram_has_every_label_of_its_components(diagrams):
    assert texts(diagrams["Kubernetes 的架構：控制平面與節點"]) == KUBERNETES_TEXTS


def test_each_kube_proxy_watches_the_api_server(diagrams):
    kubernetes = diagrams["Kubernetes 的架構：控制平面與節點"]
    for proxy in ("kube-proxy-1", "kube-proxy-2"):
        watch = edge(kubernetes, f"{proxy}->api-server")
        assert [text.text for text in watch.iter(f"{SVG}text")] == ["watch"]
        assert len(list(watch.iter(f"{SVG}polygon"))) == 1  # one arrowhead, at the API server


def test_screen_readers_get_each_diagram_described(diagrams):
    for svg in diagrams.values():
        assert svg.get("role") == "img"
        assert svg.get("aria-describedby") == svg.find(f"{SVG}desc").get("id")
    description = diagrams["Kubernetes 的架構：控制平面與節點"].findtext(f"{SVG}desc")
    assert "kube-proxy 透過 API server 監看 Service" in description
