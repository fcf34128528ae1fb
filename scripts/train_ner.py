"""Train the character tagger (BiLSTM-CRF over characters, bigrams and lexicon bits)
and write its weights to ``kg/resources/ner/``: ``charcrf.onnx`` (the network up to the
tag scores) and ``charcrf.npz`` (vocabularies, CRF transitions, tag names).

    python scripts/train_ner.py [--data ../shared/data/ner] [--epochs 4] [--seed 13] [--threads 2]

Two stages. **First**, the public corpora (read from ``--data`` at run time, never copied
into the project): MSRA train, CLUENER2020 train (name → PER; organization, government,
company → ORG; address, scene → LOC), Weibo train and dev (names only), Resume train and
dev (NAME, ORG, EDU → ORG, LOC), with the development gold ``eval/gold`` (``--gold``)
three times; People's Daily dev chooses the epoch; the weights are kept in ``--base``
(``build/ner/base.pt``) and read from there by later runs. **Second**, adaptation to news
as this project annotates it: the annotated articles of ``--news`` (``eval/gold`` and
the articles annotated for training alone under ``train/``, of any month), four times an
epoch beside as many public sentences drawn afresh, at half the rate; the development
bulletins and `eval/entities-dev-2025-11` (``--news-dev``, never trained on) choose the epoch, the first stage's
weights counting as epoch 0. Names are projected onto the articles' text. Sentences
equal to one of People's Daily's dev or test split are dropped, and a training article
that shares a third of its text with an evaluation article is left out, so those stay unseen. Held
out from training: People's Daily dev and test, CLUENER dev, Weibo and Resume test, and
every other set under ``eval/``.

Needs PyTorch (``pip install -e '.[train]'``), used only here: inference runs on ONNX Runtime.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.ner.features import N_FEATURES, PAD, Vocabulary, lexicon_bits  # noqa: E402
from kg.ner.tags import TAGS, span_scores, spans_to_tags, tags_to_spans  # noqa: E402
from kg.normalise import normalise_text  # noqa: E402

MAX_LEN = 150
OUT = ROOT / "kg" / "resources" / "ner"

Sentence = tuple[str, list[tuple[int, int, str]]]
NEWS = ("eval/gold", "train/ner-2025-11", "train/ner-2022-04")
NEWS_DEV = ("eval/entities-dev-2025-11", "eval/bulletins-dev-2022", "eval/bulletins-dev2-2022")


# --------------------------------------------------------------------------- corpora

def _from_tagged(lines: list[tuple[str, str]], mapping: dict[str, str]) -> Sentence:
    """Characters with BIO/BMES/BIOES tags → text and (start, end, type) spans."""
    text = "".join(c for c, _ in lines)
    spans, start, kind = [], None, None
    for i, (_, tag) in enumerate(lines + [("", "O")]):
        prefix, _, label = tag.partition("-")
        label = mapping.get(label)
        begins = prefix in ("B", "S") or prefix in ("I", "M", "E") and (start is None or label != kind)
        if start is not None and (begins or prefix == "O" or label is None):
            spans.append((start, i, kind))
            start = None
        if label and prefix in ("B", "S", "I", "M", "E") and start is None:
            start, kind = i, label
        if start is not None and prefix in ("E", "S"):
            spans.append((start, i + 1, kind))
            start = None
    return text, spans


def read_conll(path: Path, mapping: dict[str, str], weibo: bool = False) -> list[Sentence]:
    out, lines = [], []
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        raw = raw.strip()
        if not raw:
            if lines:
                out.append(_from_tagged(lines, mapping))
                lines = []
            continue
        parts = raw.split()
        char = parts[0][0] if weibo else parts[0]
        lines.append((char, parts[-1]))
    return out


def read_cluener(path: Path) -> list[Sentence]:
    mapping = {"name": "PER", "organization": "ORG", "government": "ORG", "company": "ORG", "address": "LOC", "scene": "LOC"}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        spans = [(s, e + 1, mapping[label]) for label, found in obj.get("label", {}).items() if label in mapping
                 for positions in found.values() for s, e in positions]
        out.append((obj["text"], sorted(spans)))
    return out


def pieces(text: str, size: int = 20) -> set[str]:
    return {text[i : i + size] for i in range(0, max(1, len(text) - size + 1))}


def read_gold_articles(gold_dir: Path, corpus: Path, prefix: str = "", unseen: frozenset[str] = frozenset()) -> list[Sentence]:
    """Annotated articles' entities, projected onto their text: every occurrence of a name
    or alias, longest first, one paragraph a sentence. An article that shares a third of
    its 20-character pieces with ``unseen`` (an evaluation article posted twice under two
    names, or a bulletin repeated) is left out."""
    from kg.evaluate import gold_spans
    from kg.read import read_file

    out = []
    for gold_file in sorted(gold_dir.glob(f"{prefix}*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = corpus / gold["article"]
        if not path.is_file():
            continue
        norm = normalise_text(read_file(path)[0].text)
        own = pieces(norm)
        if unseen and len(own & unseen) >= len(own) / 3:
            print(f"{gold_file.name}: left out, {len(own & unseen) / len(own):.0%} of its text is in evaluation articles")
            continue
        spans = sorted(gold_spans(gold, norm))
        offset = 0
        for para in norm.split("\n"):
            end = offset + len(para)
            out.append((para, [(s - offset, e - offset, k) for s, e, k in spans if offset <= s and e <= end]))
            offset = end + 1
    return out


def chunks(sentence: Sentence) -> list[Sentence]:
    """Sentences longer than MAX_LEN cut after punctuation outside any entity."""
    text, spans = sentence
    if len(text) <= MAX_LEN:
        return [sentence]
    inside = np.zeros(len(text) + 1, dtype=bool)
    for s, e, _ in spans:
        inside[s + 1 : e] = True
    out, start = [], 0
    while start < len(text):
        end = min(start + MAX_LEN, len(text))
        if end < len(text):
            cut = max((i + 1 for i in range(start + 20, end) if text[i] in "。！？；，,;!? " and not inside[i + 1]), default=None)
            end = cut or next(i for i in range(end, start, -1) if not inside[i])
        out.append((text[start:end], [(s - start, e - start, k) for s, e, k in spans if start <= s and e <= end]))
        start = end
    return out


def load_corpora(data: Path, gold: list[Path], corpus: Path) -> dict[str, list[Sentence]]:
    bio = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
    weibo = {"PER.NAM": "PER", "ORG.NAM": "ORG", "LOC.NAM": "LOC", "GPE.NAM": "LOC"}
    resume = {"NAME": "PER", "ORG": "ORG", "EDU": "ORG", "LOC": "LOC"}
    sets = {
        "msra": read_conll(data / "msra" / "train.txt", bio),
        "pd98-dev": read_conll(data / "peoples-daily-1998" / "dev.txt", bio),
        "pd98-test": read_conll(data / "peoples-daily-1998" / "test.txt", bio),
        "cluener": read_cluener(data / "cluener" / "train.json"),
        "cluener-dev": read_cluener(data / "cluener" / "dev.json"),
        "weibo": read_conll(data / "weibo" / "train.txt", weibo, weibo=True) + read_conll(data / "weibo" / "dev.txt", weibo, weibo=True),
        "resume": read_conll(data / "resume" / "train.txt", resume) + read_conll(data / "resume" / "dev.txt", resume),
        "gold": [s for folder in gold for s in read_gold_articles(folder, corpus)],
    }
    return {name: [(normalise_text(t), s) for t, s in sents if t.strip()] for name, sents in sets.items()}


# --------------------------------------------------------------------------- model

HIDDEN = 160
"""LSTM units a direction of the shipped tagger."""


def build_model(n_chars: int, n_bigrams: int, n_tags: int, hidden: int = HIDDEN):
    import torch
    from torch import nn

    class Tagger(nn.Module):
        """Tag scores per character; the CRF transitions live beside it."""

        def __init__(self):
            super().__init__()
            self.char = nn.Embedding(n_chars, 96, padding_idx=PAD)
            self.bigram = nn.Embedding(n_bigrams, 48, padding_idx=PAD)
            self.drop = nn.Dropout(0.3)
            self.lstm = nn.LSTM(96 + 2 * 48 + N_FEATURES, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, n_tags)

        def forward(self, chars, left, right, features):
            x = torch.cat([self.char(chars), self.bigram(left), self.bigram(right), features], dim=-1)
            hidden, _ = self.lstm(self.drop(x))
            return self.out(self.drop(hidden))

    class CRF(nn.Module):
        def __init__(self):
            super().__init__()
            self.transitions = nn.Parameter(torch.zeros(n_tags, n_tags))
            self.start = nn.Parameter(torch.zeros(n_tags))
            self.end = nn.Parameter(torch.zeros(n_tags))

        def nll(self, emissions, tags, mask):
            """Mean negative log-likelihood; ``mask`` marks real characters (a prefix)."""
            batch, length, _ = emissions.shape
            maskf = mask.float()
            score = self.start[tags[:, 0]] + emissions[:, 0].gather(1, tags[:, :1]).squeeze(1)
            for t in range(1, length):
                step = self.transitions[tags[:, t - 1], tags[:, t]] + emissions[:, t].gather(1, tags[:, t : t + 1]).squeeze(1)
                score = score + step * maskf[:, t]
            last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
            score = score + self.end[last]
            alpha = self.start + emissions[:, 0]
            for t in range(1, length):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions + emissions[:, t].unsqueeze(1), dim=1)
                alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
            log_z = torch.logsumexp(alpha + self.end, dim=1)
            return (log_z - score).mean()

    return Tagger(), CRF()


def encode(sentences: list[Sentence], vocab: Vocabulary):
    out = []
    for text, spans in sentences:
        chars, left, right = vocab.encode(text)
        out.append((chars, left, right, lexicon_bits(text), np.array(spans_to_tags(len(text), spans), dtype=np.int64)))
    return out


def batches(items: list, size: int, rng: random.Random, shuffle: bool = True):
    """Batches of similar length (sorted within pools of 50 batches), padded."""
    order = list(range(len(items)))
    if shuffle:
        rng.shuffle(order)
    pool = size * 50
    groups = []
    for k in range(0, len(order), pool):
        chunk = sorted(order[k : k + pool], key=lambda i: len(items[i][0]))
        groups += [chunk[j : j + size] for j in range(0, len(chunk), size)]
    if shuffle:
        rng.shuffle(groups)
    for group in groups:
        yield group, pad([items[i] for i in group])


def pad(rows: list):
    length = max(len(r[0]) for r in rows)
    n = len(rows)
    chars = np.zeros((n, length), np.int64)
    left = np.zeros((n, length), np.int64)
    right = np.zeros((n, length), np.int64)
    feats = np.zeros((n, length, N_FEATURES), np.float32)
    tags = np.zeros((n, length), np.int64)
    mask = np.zeros((n, length), bool)
    for k, (c, lft, rgt, f, t) in enumerate(rows):
        m = len(c)
        chars[k, :m], left[k, :m], right[k, :m], feats[k, :m], tags[k, :m], mask[k, :m] = c, lft, rgt, f, t, True
    return chars, left, right, feats, tags, mask


def viterbi(emissions: np.ndarray, lengths, transitions, start, end) -> list[list[int]]:
    from kg.ner.charcrf import decode

    return decode(emissions, np.asarray(lengths), transitions, start, end)


def f1(gold: list[Sentence], predicted: list[list[tuple[int, int, str]]]) -> tuple[float, dict]:
    _, _, score, per = span_scores((spans, found) for (_, spans), found in zip(gold, predicted))
    return score, {k: round(v, 4) for k, v in per.items()}


def predict(tagger, crf, encoded: list, rng) -> list[list[tuple[int, int, str]]]:
    import torch

    tagger.eval()
    out: dict[int, list] = {}
    with torch.no_grad():
        for group, (chars, left, right, feats, _, mask) in batches(encoded, 128, rng, shuffle=False):
            emissions = tagger(torch.from_numpy(chars), torch.from_numpy(left), torch.from_numpy(right), torch.from_numpy(feats)).numpy()
            paths = viterbi(emissions, mask.sum(1), crf.transitions.detach().numpy(), crf.start.detach().numpy(), crf.end.detach().numpy())
            for i, path in zip(group, paths):
                out[i] = tags_to_spans([TAGS[t] for t in path])
    tagger.train()
    return [out[i] for i in range(len(encoded))]


def news_sentences(folders: list[Path], corpora: Path, unseen: frozenset[str] = frozenset()) -> list[Sentence]:
    """Annotated news articles of any month: each file names its article, whose month
    (``2022-04-…``) names the corpus folder (``news-2022-04``)."""
    out = []
    for folder in folders:
        for month in sorted({p.name[:7] for p in folder.glob("*.json")}):
            out += read_gold_articles(folder, corpora / f"news-{month}", prefix=month, unseen=unseen)
    return out


def evaluation_texts(corpora: Path, trained_on: list[Path]) -> frozenset[str]:
    """The 20-character pieces of every article of a set under ``eval/`` not trained on."""
    from kg.read import read_file

    texts = set()
    trained = {f.resolve() for f in trained_on}
    for gold_file in (ROOT / "eval").glob("*/*.json"):
        if gold_file.parent.resolve() in trained:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = corpora / f"news-{gold['article'][:7]}" / gold["article"]
        if "entities" in gold and path.is_file():
            texts |= pieces(normalise_text(read_file(path)[0].text))
    return frozenset(texts)


def fit(tagger, crf, data: list, epochs: int, lr: float, batch: int, rng: random.Random, validate, started: float,
        label: str, fresh_each_epoch=None):
    """Adam with linear decay; after each epoch ``validate()`` gives (F1, detail), and the
    best state (the starting one included, as epoch 0) is kept and returned."""
    import torch

    params = list(tagger.parameters()) + list(crf.parameters())
    optimiser = torch.optim.Adam(params, lr=lr)
    items = data if fresh_each_epoch is None else fresh_each_epoch()
    steps_per_epoch = (len(items) + batch - 1) // batch
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.1, 1 - step / (epochs * steps_per_epoch)))
    best, best_state, best_epoch = -1.0, None, 0
    if fresh_each_epoch is not None:
        best, detail = validate()
        best_state = ({k: v.clone() for k, v in tagger.state_dict().items()}, {k: v.clone() for k, v in crf.state_dict().items()})
        print(f"{label} epoch 0: {best:.4f} {detail}", flush=True)
    for epoch in range(epochs):
        if epoch and fresh_each_epoch is not None:
            items = fresh_each_epoch()
        total, seen = 0.0, 0
        for step, (_, (c, lft, rgt, f, t, m)) in enumerate(batches(items, batch, rng)):
            emissions = tagger(torch.from_numpy(c), torch.from_numpy(lft), torch.from_numpy(rgt), torch.from_numpy(f))
            loss = crf.nll(emissions, torch.from_numpy(t), torch.from_numpy(m))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            optimiser.step()
            schedule.step()
            total += loss.item()
            seen += 1
            if step % 500 == 0:
                print(f"  {label} epoch {epoch + 1} step {step}/{steps_per_epoch} loss {total / seen:.3f} ({time.time() - started:.0f} s)", flush=True)
        score, detail = validate()
        print(f"{label} epoch {epoch + 1}: loss {total / max(1, seen):.3f}, F1 {score:.4f} {detail} ({time.time() - started:.0f} s)", flush=True)
        if score > best:
            best, best_epoch = score, epoch + 1
            best_state = ({k: v.clone() for k, v in tagger.state_dict().items()}, {k: v.clone() for k, v in crf.state_dict().items()})
    tagger.load_state_dict(best_state[0])
    crf.load_state_dict(best_state[1])
    return best, best_epoch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    parser.add_argument("--gold", default=str(ROOT / "eval" / "gold"),
                        help="folders of annotated articles of --corpus in the first stage, comma-separated")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "news-2025-11"))
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--limit", type=int, default=0, help="use only this many training sentences (a smoke test)")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--threads", type=int, default=2, help="PyTorch threads (the published weights used 2)")
    parser.add_argument("--base", default=str(ROOT / "build" / "ner" / "base.pt"),
                        help="the first stage's weights: read if the file exists, else trained and written there")
    parser.add_argument("--news", default=",".join(str(ROOT / d) for d in NEWS),
                        help="folders of annotated news (any month) the second stage adapts to, comma-separated; empty: no second stage")
    parser.add_argument("--news-dev", default=",".join(str(ROOT / d) for d in NEWS_DEV),
                        help="folders of annotated news that choose the second stage's epoch (never trained on)")
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpus"), help="the folder of news-YYYY-MM corpora")
    parser.add_argument("--adapt-epochs", type=int, default=6)
    parser.add_argument("--adapt-lr", type=float, default=1e-3)
    parser.add_argument("--adapt-copies", type=int, default=4, help="copies of the news per second-stage epoch, beside as many public sentences")
    parser.add_argument("--hidden", type=int, default=HIDDEN, help="LSTM units a direction")
    parser.add_argument("--quantise", action="store_true",
                        help="write the network with int8 weights (ONNX Runtime's dynamic quantisation): a third faster, a quarter the size")
    args = parser.parse_args()

    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    started = time.time()
    sets = load_corpora(Path(args.data), [Path(g) for g in args.gold.split(",")], Path(args.corpus))
    held = {t for t, _ in sets["pd98-test"]} | {t for t, _ in sets["pd98-dev"]}
    public = []
    for name in ("msra", "cluener", "weibo", "resume"):
        kept = [s for s in sets[name] if s[0] not in held]
        print(f"{name}: {len(sets[name])} sentences, {len(sets[name]) - len(kept)} dropped as equal to a PD98 dev or test sentence")
        public += kept
    train = public + sets["gold"] * 3
    print(f"gold: {len(sets['gold'])} paragraphs (x3)")
    train = [c for s in train for c in chunks(s)]
    if args.limit:
        train = rng.sample(train, args.limit)
    validation = [c for s in sets["pd98-dev"] for c in chunks(s)]
    validation = rng.sample(validation, min(1500, len(validation)))

    base = Path(args.base)
    if base.is_file():
        saved = torch.load(base, weights_only=False)
        vocab = Vocabulary(saved["chars"], saved["bigrams"])
        tagger, crf = build_model(len(vocab.chars), len(vocab.bigrams), len(TAGS), saved.get("hidden", HIDDEN))
        tagger.load_state_dict(saved["tagger"])
        crf.load_state_dict(saved["crf"])
        info = saved["info"]
        print(f"first stage read from {base} ({info})")
    else:
        char_counts = Counter(c for t, _ in train for c in t)
        bigram_counts = Counter(p for t, _ in train for p in ("\x02" + t[:1], *(t[i : i + 2] for i in range(len(t) - 1)), t[-1:] + "\x03"))
        chars = ["<pad>", "<unk>"] + sorted(c for c, n in char_counts.items() if n >= 2)
        bigrams = ["<pad>", "<unk>"] + sorted(b for b, n in bigram_counts.most_common(60000) if n >= 3)
        vocab = Vocabulary(chars, bigrams)
        print(f"{len(train)} training sequences, {sum(len(t) for t, _ in train):,} characters; {len(chars)} characters, {len(bigrams)} bigrams "
              f"({time.time() - started:.0f} s)")
        encoded_train = encode(train, vocab)
        encoded_valid = encode(validation, vocab)
        print(f"features ready ({time.time() - started:.0f} s)")
        tagger, crf = build_model(len(chars), len(bigrams), len(TAGS), args.hidden)
        best, _ = fit(tagger, crf, encoded_train, args.epochs, 2e-3, args.batch, rng,
                      lambda: f1(validation, predict(tagger, crf, encoded_valid, rng)), started, "PD98 dev")
        info = {"seed": args.seed, "epochs": args.epochs, "pd98_dev_f1": round(best, 4), "training_sequences": len(train)}
        if args.hidden != HIDDEN:
            info["hidden"] = args.hidden  # the shipped weights' info predates the option
        base.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"chars": chars, "bigrams": bigrams, "hidden": args.hidden, "tagger": tagger.state_dict(), "crf": crf.state_dict(), "info": info}, base)
        print(f"first stage written to {base}")

    news_folders = [Path(f) for f in args.news.split(",") if f]
    if news_folders:
        # seeded afresh, so a run that reads the first stage from --base gives the same weights
        torch.manual_seed(args.seed + 1)
        rng = random.Random(args.seed + 1)
        unseen = evaluation_texts(Path(args.corpora), news_folders)
        news = [c for s in news_sentences(news_folders, Path(args.corpora), unseen) for c in chunks(s)]
        dev = [c for s in news_sentences([Path(f) for f in args.news_dev.split(",") if f], Path(args.corpora)) for c in chunks(s)]
        encoded_news, encoded_dev = encode(news, vocab), encode(dev, vocab)
        print(f"second stage: {len(news)} news sequences ({sum(len(t) for t, _ in news):,} characters) x{args.adapt_copies} "
              f"beside as many public ones an epoch; {len(dev)} news sequences choose the epoch")

        def epoch_items():
            sample = encode(rng.sample(train, len(news) * args.adapt_copies), vocab)
            return encoded_news * args.adapt_copies + sample

        best, epoch = fit(tagger, crf, [], args.adapt_epochs, args.adapt_lr, args.batch, rng,
                          lambda: f1(dev, predict(tagger, crf, encoded_dev, rng)), started, "news dev", epoch_items)
        info = {**info, "adapt_epochs": args.adapt_epochs, "adapt_best_epoch": epoch, "news_dev_f1": round(best, 4),
                "news_sequences": len(news)}
    export(tagger, crf, vocab, Path(args.out), {**info, "quantised": True} if args.quantise else info, args.quantise)
    print(f"done in {time.time() - started:.0f} s")


def export(tagger, crf, vocab: Vocabulary, out: Path, info: dict, quantise: bool = False) -> None:
    import torch

    out.mkdir(parents=True, exist_ok=True)
    tagger.eval()
    sample = (torch.ones(2, 7, dtype=torch.int64),) * 3 + (torch.zeros(2, 7, N_FEATURES),)
    onnx_path = out / "charcrf.onnx"
    torch.onnx.export(tagger, sample, str(onnx_path), input_names=["chars", "left", "right", "features"],
                      output_names=["scores"], opset_version=17, dynamo=False,
                      dynamic_axes={name: {0: "batch", 1: "length"} for name in ("chars", "left", "right", "features", "scores")})
    if quantise:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        full = out / "charcrf-float.onnx"
        onnx_path.replace(full)
        quantize_dynamic(str(full), str(onnx_path), weight_type=QuantType.QInt8)
        full.unlink()
    np.savez_compressed(out / "charcrf.npz", chars=np.array(vocab.chars), bigrams=np.array(vocab.bigrams),
                        transitions=crf.transitions.detach().numpy(), start=crf.start.detach().numpy(),
                        end=crf.end.detach().numpy(), tags=np.array(TAGS), info=np.array(json.dumps(info)))
    for path in (onnx_path, out / "charcrf.npz"):
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
