"""``teiwright convert`` as a user runs it: files, folders, stdin, errors, safe writes."""

from lxml import etree

from support import DEV_TEXT, NS, SEEDS, run_cli


def test_folder_to_folder_with_summary(tmp_path, shared):
    res = run_cli("convert", str(SEEDS), "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    written = sorted(p.name for p in tmp_path.glob("*.xml"))
    assert written == sorted(f"{p.stem}.xml" for p in SEEDS.glob("*.txt"))
    assert b"2 converted, 0 failed" in res.stderr
    assert list(tmp_path.glob(".*.tmp")) == []


def test_stdin_to_stdout():
    res = run_cli("convert", "-", input=b"12. Memo1\n\nText.\n  1. Source: X.\n")
    assert res.returncode == 0, res.stderr
    root = etree.fromstring(res.stdout)
    assert root.find(".//t:div", NS).get("n") == "12"


def test_output_is_deterministic(tmp_path, shared):
    a, b = tmp_path / "a", tmp_path / "b"
    src = str(DEV_TEXT / "d25.txt")
    assert run_cli("convert", src, "-o", str(a)).returncode == 0
    assert run_cli("convert", src, "-o", str(b)).returncode == 0
    assert (a / "d25.xml").read_bytes() == (b / "d25.xml").read_bytes()


def test_bad_input_fails_with_one_line_and_keeps_old_output(tmp_path):
    bad = tmp_path / "doc.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00")
    out = tmp_path / "out"
    out.mkdir()
    (out / "doc.xml").write_text("previous good output")
    res = run_cli("convert", str(bad), "-o", str(out))
    assert res.returncode == 1
    errors = [line for line in res.stderr.decode().splitlines() if "error" in line]
    assert len(errors) == 1 and "binary" in errors[0]
    assert (out / "doc.xml").read_text() == "previous good output"


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("1. Memo\n\nText.\n")
    (src / "b.txt").write_text("")
    (src / "c.txt").write_text("3. Memo\n\nText.\n")
    res = run_cli("convert", str(src), "-o", str(tmp_path / "out"))
    assert res.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.xml")) == ["a.xml", "c.xml"]
    assert b"empty document" in res.stderr


def test_missing_input_is_a_usage_error(tmp_path):
    res = run_cli("convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path))
    assert res.returncode == 2
    assert res.stderr.decode().strip().count("\n") == 0


def test_text_export_round_trip(tmp_path, shared):
    run_cli("convert", str(DEV_TEXT / "d27.txt"), "-o", str(tmp_path))
    res = run_cli("text", str(tmp_path / "d27.xml"))
    assert res.returncode == 0
    original = (DEV_TEXT / "d27.txt").read_text(encoding="utf-8")
    assert "".join(res.stdout.decode().split()) == "".join(original.split())
