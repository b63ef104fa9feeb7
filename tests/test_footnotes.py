"""Footnote list parsing and marker placement."""

from teiwright.readers.footnotes import parse_notes, place_markers, split_notes


def test_split_finds_the_trailing_list_only():
    lines = ["1. Numbered paragraph in the body.", "", "Rogers", "  1. Source: X.",
             "", "    Second paragraph.", "  2. Another."]
    assert split_notes(lines) == 3


def test_split_without_notes():
    assert split_notes(["1. Body.", "Text."]) == 2


def test_parse_multi_paragraph_notes():
    notes = parse_notes(["  1. Summary: S.", "", "    Source: X.", "  2. Two."], 10)
    assert [(n.n, [p for p, _ in n.paragraphs]) for n in notes] == [
        (1, ["Summary: S.", "Source: X."]), (2, ["Two."])]
    assert notes[0].paragraphs[1][1] == 12


def spans(stream, numbers):
    return [stream[c.start:c.end] if c else None for c in place_markers(stream, numbers)]


def test_markers_glued_to_words_and_punctuation():
    stream = "State1\nissue (Europe/NATO),2 who\nsaid.3"
    assert spans(stream, [1, 2, 3]) == ["1", "2", "3"]


def test_real_numbers_are_skipped():
    stream = "Telegram 311 From State1\nRG 59, 1973, p. 717 and Secto 176.2"
    cands = place_markers(stream, [1, 2])
    assert [stream[c.start - 1:c.end] for c in cands] == ["e1", ".2"]


def test_chained_markers_after_a_marker():
    stream = "to President Nixon1 2\nText."
    assert spans(stream, [1, 2]) == ["1", " 2"]


def test_marker_glued_to_a_year_is_a_last_resort():
    stream = "promised in December 19733 was done.4"
    assert spans(stream, [3, 4]) == ["3", "4"]


def test_order_constrains_placement():
    # the "2" glued to "B2" comes before note 1's marker, so note 2 takes the later one
    stream = "Option B2 was chosen.1 Then more.2"
    assert spans(stream, [1, 2]) == ["1", "2"]
    cands = place_markers(stream, [1, 2])
    assert cands[1].start == len(stream) - 1


def test_unplaceable_note_is_none():
    assert place_markers("No markers at all.", [1]) == [None]


def test_many_notes_place_quickly():
    n = 20000
    stream = " ".join(f"word{i}." for i in range(1, n + 1))
    chosen = place_markers(stream, list(range(1, n + 1)))
    assert all(c is not None for c in chosen)


def test_decimal_numbers_yield_to_a_later_marker():
    stream = "As shown.4 It costs $3.5 million in Panama. Agreed.5 Done."
    assert [stream[c.start - 7:c.end] for c in place_markers(stream, [4, 5])] == [
        " shown.4", "Agreed.5"]
