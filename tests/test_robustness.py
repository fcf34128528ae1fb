"""What hostile or merely unusual input does to the build: cost bounded by the length
of the input, one failure per bad file whatever stage it fails at."""
from __future__ import annotations

from kg.normalise import MAX_SENTENCE, normalise_text, split_sentences


def sentences_of(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, normalise_text(text))]


def test_a_run_without_end_marks_is_cut_at_the_sentence_limit():
    text = "中国国务院联防联控机制综合组派出工作组" * 100  # 1,900 characters, no mark at all
    pieces = sentences_of(text)
    assert [len(p) for p in pieces] == [500, 500, 500, 400]
    assert "".join(pieces) == text


def test_a_long_sentence_is_cut_after_its_last_comma_before_the_limit():
    clause = "新疆维吾尔自治区" * 40 + "，"  # 321 characters
    pieces = sentences_of(clause * 3 + "完。")
    assert pieces == [clause, clause, clause + "完。"]
    words = " ".join(["word"] * 300) + "."  # 1,500 characters: cut at spaces, 100 words a piece
    assert sentences_of(words) == [" ".join(["word"] * 100)] * 2 + [" ".join(["word"] * 100) + "."]
    assert MAX_SENTENCE == 500


def test_a_cut_inside_a_number_leaves_no_piece_opening_with_its_tail():
    digits = "1234567890" * 300
    pieces = sentences_of(f"本港新增{digits}宗個案")
    assert [len(p) for p in pieces] == [500] * 6 + [4, 3]
    assert pieces[-2:] == ["7890", "宗個案"]
