"""A synthetic blog in Traditional Chinese, generated deterministically from a seed.

Each post has front matter that kb/guards/front_matter.py accepts (a date, an
ASCII kebab slug, one allowed category, tags), a title, an excerpt that ends at
`<!-- more -->`, about 1,500 characters of prose with inline `$…$` math and one
`$$…$$` block (the arithmatex style of docs/), and two fenced code blocks.
Everything here is pure: the same count and seed give the same text.
"""
from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass

import yaml

DEFAULT_SEED = 20141202
PROSE_CHARACTERS = 1_500  # per post, code blocks and front matter excluded
POSTS_DIR = "blog/posts"
FIRST_DATE = datetime.date(2015, 1, 1)
DAYS_SPANNED = 10 * 365
MORE = "<!-- more -->"

# (name on the page, ASCII slug stem)
TOPICS = (
    ("分散式快取", "distributed-cache"), ("一致性雜湊", "consistent-hashing"),
    ("布隆過濾器", "bloom-filter"), ("垃圾回收", "garbage-collection"),
    ("容器排程", "container-scheduling"), ("服務網格", "service-mesh"),
    ("訊息佇列", "message-queue"), ("共識演算法", "consensus"),
    ("向量檢索", "vector-search"), ("梯度下降", "gradient-descent"),
    ("卷積神經網路", "convolutional-networks"), ("注意力機制", "attention"),
    ("B 樹索引", "b-tree-index"), ("預寫式日誌", "write-ahead-log"),
    ("負載平衡", "load-balancing"), ("限流演算法", "rate-limiting"),
    ("正規表示式引擎", "regex-engine"), ("型別推論", "type-inference"),
    ("記憶體配置器", "memory-allocator"), ("網路延遲", "network-latency"),
    ("排序演算法", "sorting"), ("雜湊表", "hash-table"),
    ("交易隔離等級", "isolation-levels"), ("向量時鐘", "vector-clocks"),
)
TITLE_STYLES = (
    "{topic}：從原理到實作", "{topic}的三個常見誤解", "重讀{topic}：複雜度與取捨",
    "{topic}筆記：為什麼它在生產環境這麼難", "一步一步實作{topic}", "{topic}在大規模系統中的應用",
)
TAGS = (
    "資料結構", "演算法", "分散式系統", "資料庫", "機器學習", "深度學習", "Kubernetes",
    "Linux", "網路", "效能", "Python", "Go", "系統設計", "作業系統", "數學", "機率",
)
CONCERNS = (
    "資料在節點之間的同步", "尾端延遲的控制", "記憶體用量的上限", "錯誤處理與重試",
    "監控指標是否足夠", "設定參數的預設值", "冷啟動時的行為", "多執行緒下的競爭條件",
)
SYSTEMS = ("Kubernetes", "Redis", "PostgreSQL", "Kafka", "etcd", "Linux", "numpy", "TensorFlow")
PEOPLE = ("Knuth", "Lamport", "Dijkstra", "Hinton", "Mitzenmacher", "Bloom", "Gray", "Ng")
INLINE_MATH = (
    r"$O(n \log n)$", r"$\alpha = n / m$", r"$k = \frac{m}{n} \ln 2$", r"$\varepsilon \le 2b / 2^f$",
    r"$\sum_{i=1}^{n} x_i$", r"$\mathbb{E}[X] = \mu$", r"$\nabla_\theta J(\theta)$", r"$O(1)$",
    r"$p = 1 - e^{-\lambda t}$", r"$\sigma(z) = \frac{1}{1 + e^{-z}}$", r"$2^{32}$", r"$\lceil \log_2 n \rceil$",
)
DISPLAY_MATH = (
    r"\varepsilon \approx \left(1 - e^{-kn/m}\right)^k",
    r"J(\theta) = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log (1 - a^{(i)}) \right]",
    r"T(n) = 2\,T\!\left(\frac{n}{2}\right) + O(n) = O(n \log n)",
    r"P(X = j) = \binom{n}{j} p^{j} (1 - p)^{n - j}",
    r"\theta_{t+1} = \theta_t - \eta \, \nabla_\theta J(\theta_t)",
    "\\begin{aligned}\nW_q &= \\frac{\\lambda}{\\mu(\\mu - \\lambda)} \\\\\nL &= \\lambda W\n\\end{aligned}",
)
# Sentence templates; {math} is an inline formula. A post uses each at most once
# until all have been used.
SENTENCES = (
    "在實際的系統裡，{topic}最常遇到的問題不是演算法本身，而是{concern}。",
    "我們先從最簡單的版本開始：假設只有一台機器，所有請求都依序處理，時間複雜度是 {math}。",
    "這個假設在 {system} 裡並不成立，因為請求會同時抵達，而且彼此之間沒有固定的順序。",
    "{person} 曾經提醒過，過早的最佳化是萬惡之源；但在{topic}這件事上，量測永遠比猜測可靠。",
    "換句話說，只要把{concern}處理好，剩下的部分其實都是工程上的細節。",
    "如果把負載率記為 {math}，就能用一條式子描述空間與錯誤率之間的取捨。",
    "實作時我習慣先寫測試，再寫程式：測試描述的是性質，而不是某一組特定的輸入。",
    "讀論文的時候，最值得花時間的往往是實驗那一節，因為它說明了作者在哪些條件下量測。",
    "第一次在 {system} 上部署時，我們低估了{concern}的影響，結果花了兩天才找到原因。",
    "這裡的關鍵觀察是：每一次操作只會影響常數個位置，所以平均成本是 {math}。",
    "有些教科書把{topic}講得很抽象，其實它的核心只是一個簡單的不變量。",
    "當資料量從幾千筆成長到幾億筆時，原本看不見的常數項就變得非常重要。",
    "為了讓結果可以重現，下面的程式都固定了亂數種子，並且在建置時實際執行。",
    "值得注意的是，{system} 的預設設定通常偏保守，適合大多數情況，卻不一定適合你的工作負載。",
    "我們可以用 {math} 來估計最壞情況，再用實驗確認平均情況是否如預期。",
    "這個方法的缺點是需要額外的記憶體，而且在{concern}方面沒有任何保證。",
    "反過來說，如果願意接受一點誤差，就能換到數量級上的速度提升。",
    "在團隊裡推廣{topic}時，最有效的做法是先寫一份短短的範例，讓大家能親手跑一次。",
    "後來我們把監控指標加上百分位數，才發現平均值掩蓋了尾端的問題。",
    "對照 {person} 的原始定義，可以發現現代的實作其實做了不少簡化。",
    "這一段程式碼刻意寫得很直白，方便和數學式逐行對照。",
    "如果你只記得一件事，請記得：先量測，再最佳化，最後再量測一次。",
    "把問題拆成讀取與寫入兩條路徑之後，瓶頸的位置就一目了然了。",
    "很多人第一次接觸{topic}時，會把它和快取混為一談，但兩者要解決的問題並不相同。",
    "在 {system} 的原始碼裡，這段邏輯只有一百多行，註解卻比程式碼還長。",
    "壓力測試跑了一整晚，延遲的第九十九百分位數始終維持在十毫秒以內。",
    "要證明這個性質，只需要對操作的次數做數學歸納法。",
    "實務上，我們會在兩種策略之間動態切換：資料少時用簡單的那一種，資料多時再換成 {math} 的版本。",
    "這也解釋了為什麼{topic}在讀多寫少的場景特別受歡迎。",
    "不過，一旦{concern}出了問題，整個系統的可用性就會跟著下降。",
    "我把每一次實驗的參數都記在表格裡，方便之後比較不同版本的差異。",
    "如果機器突然斷電，尚未寫入磁碟的資料就會遺失，這是設計時必須先想清楚的邊界條件。",
    "{person} 的論文用了整整一節討論這個情況，結論是它發生的機率低到可以忽略。",
    "為了避免熱點，我們在鍵值前面加上一小段隨機前綴，讓請求平均分散到各個分區。",
    "這個版本的程式雖然比較長，但每一個分支都有對應的測試案例。",
    "從監控圖上可以看到，每次部署之後都會有一小段時間的延遲尖峰。",
    "這種寫法在單執行緒下完全正確，在多執行緒下卻可能讀到一半更新的狀態。",
    "若把參數調成原來的兩倍，記憶體用量大約也會變成兩倍，但錯誤率只下降了一點點。",
    "在資源有限的邊緣裝置上，這樣的取捨就更加明顯。",
    "我們最後選擇了實作最簡單、而且最容易除錯的那一種方案。",
    "這段推導的每一步都不難，難的是知道下一步要往哪個方向走。",
    "回頭看，當初如果先畫出資料流的示意圖，就能少走很多冤枉路。",
    "社群裡對{topic}的討論很多，其中不少觀點彼此矛盾，需要自己動手驗證。",
    "以 {system} 為例，它把這個問題交給使用者決定，並提供了幾個常見的預設值。",
    "如果只看平均值，兩種做法幾乎沒有差別；看分布之後，差異就非常明顯了。",
    "這一節的數字都來自同一台測試機，絕對值的意義不大，請只比較相對的大小。",
    "把常數項算進來之後，理論上較慢的演算法在小資料量時反而比較快。",
    "程式碼審查時，最常被指出的問題是邊界條件沒有處理，例如空的輸入或只有一個元素。",
    "我們也試過完全不同的做法，但它在{concern}上的表現更差，最後就放棄了。",
    "讀者可以把下面的程式複製到自己的環境裡執行，結果應該和文中的數字一致。",
)
INTROS = (
    "這篇整理{topic}的核心概念、常見的實作方式，以及我在 {system} 上踩過的坑。",
    "{topic}看似簡單，真正用在 {system} 這類系統時卻有許多細節值得注意；這篇從頭推導一次。",
    "最近重讀了 {person} 關於{topic}的討論，順手把筆記整理成這篇文章，附上可以執行的程式碼。",
)
SECTION_HEADINGS = ("問題是什麼", "最簡單的做法", "複雜度分析", "實作細節", "在生產環境中", "量測結果", "延伸閱讀", "小結")
PYTHON_CODE = '''def {name}(items, capacity={capacity}):
    """Return the items that fit, in order, and how many were dropped."""
    kept, dropped = [], 0
    for item in items:
        if len(kept) < capacity:
            kept.append(item)
        else:
            dropped += 1
    return kept, dropped


assert {name}(range({small}), capacity=2) == ([0, 1], {dropped})'''
SHELL_CODE = '''# {topic_slug}: a quick check on a test machine
export BENCH_ITEMS={capacity}
python -m {module} --items "$BENCH_ITEMS" --seed {seed}
grep -c "ok" results-{seed}.log'''
YAML_CODE = '''{topic_slug}:
  replicas: {small}
  capacity: {capacity}
  retry:
    attempts: 3
    backoff_ms: {seed}'''


@dataclass(frozen=True)
class Post:
    path: str  # relative to docs/
    text: str


def _fill(template: str, rng: random.Random, topic: str) -> str:
    return template.format(
        topic=topic,
        concern=rng.choice(CONCERNS),
        system=rng.choice(SYSTEMS),
        person=rng.choice(PEOPLE),
        math=rng.choice(INLINE_MATH),
    )


class _SentenceDeck:
    """Sentence templates in a shuffled order, reshuffled only when all were dealt."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cards: list[str] = []

    def deal(self) -> str:
        if not self.cards:
            self.cards = self.rng.sample(SENTENCES, len(SENTENCES))
        return self.cards.pop()


def _paragraph(deck: _SentenceDeck, topic: str, sentences: int) -> str:
    return "".join(_fill(deck.deal(), deck.rng, topic) for _ in range(sentences))


def _code_blocks(rng: random.Random, index: int, topic_slug: str) -> tuple[str, str]:
    values = {
        "name": f"keep_{topic_slug.replace('-', '_')}_{index}",
        "capacity": rng.randrange(8, 4096),
        "small": (small := rng.randrange(3, 9)),
        "dropped": small - 2,
        "seed": rng.randrange(100, 1000),
        "topic_slug": topic_slug,
        "module": f"bench.{topic_slug.replace('-', '_')}",
    }
    other, language = rng.choice(((SHELL_CODE, "bash"), (YAML_CODE, "yaml")))
    return (
        f"```python\n{PYTHON_CODE.format(**values)}\n```",
        f"```{language}\n{other.format(**values)}\n```",
    )


def generate_post(index: int, rng: random.Random, categories: tuple[str, ...], titles: dict[str, int]) -> Post:
    """Post number `index`, drawing every choice from rng; `titles` counts the titles
    used so far, so a repeated one gets a number and every title is unique."""
    topic, topic_slug = rng.choice(TOPICS)
    date = FIRST_DATE + datetime.timedelta(days=rng.randrange(DAYS_SPANNED))
    slug = f"{topic_slug}-{index:04d}"
    tags = rng.sample(TAGS, rng.randrange(1, 4))
    title = rng.choice(TITLE_STYLES).format(topic=topic)
    titles[title] = titles.get(title, 0) + 1
    if titles[title] > 1:
        title = f"{title}（{titles[title]}）"
    front_matter = yaml.safe_dump(
        {"date": date, "slug": slug, "categories": [rng.choice(categories)], "tags": tags},
        allow_unicode=True, sort_keys=False,
    )
    python_block, other_block = _code_blocks(rng, index, topic_slug)
    display = rng.choice(DISPLAY_MATH)

    # Prose blocks in order; code and math go between them.
    deck = _SentenceDeck(rng)
    intro = _fill(rng.choice(INTROS), rng, topic) + _paragraph(deck, topic, 2)
    blocks: list[str] = [intro, MORE]
    headings = rng.sample(SECTION_HEADINGS, 4)
    prose = len(title) + len(intro)
    section = 0
    while prose < PROSE_CHARACTERS:
        if section < len(headings):
            blocks.append(f"## {headings[section]}")
            prose += len(headings[section]) + 3
        paragraph = _paragraph(deck, topic, rng.randrange(3, 6))
        room = PROSE_CHARACTERS - prose
        if len(paragraph) > room + 30:  # end near the target, on a full sentence
            cut = paragraph.rfind("。", 0, room) + 1
            paragraph = paragraph[:cut] if cut else paragraph
        blocks.append(paragraph)
        prose += len(paragraph)
        if section == 0:
            blocks.append(f"$$\n{display}\n$$")
        elif section == 1:
            blocks.append(python_block)
        elif section == 2:
            blocks.append(other_block)
        section += 1
    if section < 3:  # a short post still carries its math and both code blocks
        blocks += [block for block in (f"$$\n{display}\n$$", python_block, other_block) if block not in blocks]
    body = "\n\n".join([f"# {title}", *blocks])
    return Post(path=f"{POSTS_DIR}/{slug}.md", text=f"---\n{front_matter}---\n\n{body}\n")


def generate_posts(count: int, seed: int = DEFAULT_SEED, categories: tuple[str, ...] = ("TIL",)) -> list[Post]:
    """`count` posts; the same arguments always give the same posts."""
    rng = random.Random(seed)
    titles: dict[str, int] = {}
    return [generate_post(index, rng, tuple(categories), titles) for index in range(1, count + 1)]


def site_pages() -> dict[str, str]:
    """The pages around the posts: a home page without math, the blog index and the tags page."""
    return {
        "index.md": (
            "# 合成測試網站\n\n"
            "這個網站由效能量測腳本自動產生，文章內容是以固定亂數種子組合的繁體中文段落。"
            "請從[文章列表](blog/index.md)或[標籤頁](tags.md)開始瀏覽。\n"
        ),
        "blog/index.md": "# 文章\n\n最新的文章排在最前面。\n",
        "tags.md": "# 標籤\n\n<!-- material/tags -->\n",
    }


def prose_characters(post_text: str) -> int:
    """Characters of a post outside its front matter, code blocks and display math."""
    body = post_text.split("---\n", 2)[2]
    body = re.sub(r"^```.*?^```$", "", body, flags=re.DOTALL | re.MULTILINE)
    body = re.sub(r"^\$\$$.*?^\$\$$", "", body, flags=re.DOTALL | re.MULTILINE)
    body = body.replace(MORE, "")
    return sum(1 for character in body if not character.isspace() and character != "#")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_categories(mkdocs_yml: str) -> tuple[str, ...]:
    """The blog plugin's `categories_allowed` in a mkdocs.yml text."""
    config = yaml.load(mkdocs_yml, Loader=_AnyTagLoader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "blog" in plugin:
            return tuple(plugin["blog"].get("categories_allowed") or ())
    raise ValueError("mkdocs.yml has no blog plugin with categories_allowed")
